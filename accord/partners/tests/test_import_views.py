"""The import wizard: upload -> columns -> preview -> import -> report -> rollback, who may use
it, bad files and mappings explained, bounded queries."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accord.accounts.models import Role
from accord.partners import services
from accord.partners.models import ColumnMapping, ImportBatch, Organisation
from accord.partners.tests.importing import csv_bytes, run, upload

pytestmark = pytest.mark.django_db

ROWS = [
    {
        "Organisation name": "Kisumu Youth Network",
        "Type": "civil_society",
        "País": "KE",
        "Notes": "x",
    },
    {"Organisation name": "Habitat Partners Network", "Type": "civil_society", "País": "KE"},
    {"Organisation name": "", "Type": "think tank", "País": "Atlantis"},
]
MAPPING = {
    "col_0": "name",
    "col_1": "category",
    "col_2": "country",
    "col_3": "",
    "on_match": "skip",
    "match_duplicates": "on",
}


def url(name, batch=None, **query):
    path = reverse(f"partners:{name}", args=[batch.pk] if batch else [])
    return path + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def page(response) -> str:
    return response.content.decode()


def test_the_wizard_from_upload_to_report(officer_client, django_assert_max_num_queries):
    services.organisation_create(
        actor=None, name="Habitat Partners Network", category="civil_society", country="KE"
    )
    response = officer_client.post(
        url("import_new"),
        {"file": SimpleUploadedFile("partners.csv", csv_bytes(ROWS)), "kind": "organisations"},
    )
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response.url == url("import_mapping", batch)

    with django_assert_max_num_queries(8):
        response = officer_client.get(url("import_mapping", batch))
    html = page(response)
    assert '<label for="id_col_0">Organisation name' in html
    assert "For example: Kisumu Youth Network, Habitat Partners Network" in html
    assert response.context["form"]["col_0"].value() == "name"
    assert response.context["form"]["col_3"].value() == ""  # Notes: ignored

    response = officer_client.post(
        url("import_mapping", batch), {**MAPPING, "save_as": "Kenya office"}
    )
    assert response.url == url("import_preview", batch)
    assert ColumnMapping.objects.get().name == "Kenya office"

    with django_assert_max_num_queries(10):
        response = officer_client.get(url("import_preview", batch))
    html = page(response)
    assert "nothing has been written yet" in html and "Ignored columns: Notes." in html
    assert "matches “Habitat Partners Network”" in html
    assert "Column “Type”: Unknown partner category" in html
    assert Organisation.objects.count() == 1

    response = officer_client.post(url("import_run", batch))
    assert response.url == url("import_detail", batch)
    with django_assert_max_num_queries(10):
        response = officer_client.get(response.url)
    html = page(response)
    assert "1 created, 0 updated, 1 skipped, 1 rejected" in html
    assert "Roll back this import" in html
    assert Organisation.objects.filter(name="Kisumu Youth Network").exists()

    response = officer_client.get(url("import_rollback", batch))
    assert "undoes the whole import" in page(response)
    response = officer_client.post(url("import_rollback", batch))
    assert response.url == url("import_detail", batch)
    assert not Organisation.objects.filter(name="Kisumu Youth Network").exists()
    assert "Rolled back" in page(officer_client.get(response.url))


def test_rows_are_paginated_filtered_by_outcome_and_served_as_a_fragment_to_htmx(
    officer_client, settings, django_assert_max_num_queries
):
    settings.ACCORD_PAGE_SIZE = 5
    rows = [{"name": f"Org {i}", "category": "foundation" if i % 3 else "??"} for i in range(12)]
    batch, _ = run(csv_bytes(rows), actor=None)
    with django_assert_max_num_queries(10):
        response = officer_client.get(
            url("import_detail", batch, outcome="invalid"), headers={"HX-Request": "true"}
        )
    html = page(response)
    assert "<html" not in html and "<strong>4</strong> rows" in html
    assert "HX-Request" in response["Vary"]
    response = officer_client.get(url("import_detail", batch, page=3))
    assert "page 3 of 3" in page(response)


def test_import_list_shows_past_imports(officer_client, django_assert_max_num_queries):
    for _ in range(3):
        run(csv_bytes([{"name": "A", "category": "foundation"}]))
    with django_assert_max_num_queries(6):
        response = officer_client.get(url("import_list"))
    assert page(response).count("partners.csv") == 3


def test_partner_list_links_to_imports_for_those_who_may_create(client, make_user):
    client.force_login(make_user(Role.OFFICER))
    assert url("import_list") in page(client.get(reverse("partners:list")))
    client.force_login(make_user(Role.MANAGEMENT))
    assert url("import_list") not in page(client.get(reverse("partners:list")))


# --- bad files and mappings ---


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.5 ...", "This is a PDF document, not a CSV or XLSX file."),
        (b"", "The submitted file is empty."),
        (b"   ,  \nA,B\n", "The first row is empty: it must name the columns."),
    ],
)
def test_a_bad_file_is_explained_on_the_upload_form(officer_client, content, message):
    response = officer_client.post(
        url("import_new"), {"file": SimpleUploadedFile("x.csv", content), "kind": "organisations"}
    )
    assert response.status_code == 200
    assert message in page(response).replace("&#x27;", "'")
    assert not ImportBatch.objects.exists()


def test_a_file_over_the_size_limit_is_refused(officer_client, settings):
    settings.ACCORD_IMPORT_MAX_BYTES = 1000
    response = officer_client.post(
        url("import_new"),
        {"file": SimpleUploadedFile("big.csv", b"name\n" + b"x" * 2000), "kind": "organisations"},
    )
    assert "the largest file Accord imports is 0.0 MB" in page(response)


def test_mapping_problems_are_shown_on_the_columns(officer_client, officer):
    batch = upload(csv_bytes(ROWS), actor=officer)
    response = officer_client.post(
        url("import_mapping", batch), {**MAPPING, "col_1": "name", "col_2": ""}
    )
    html = page(response)
    assert response.status_code == 200
    assert "Name is chosen for 2 columns: keep one." in html
    assert "No column is mapped to Category, which is required." in html
    assert 'aria-describedby="id_col_0_error id_col_0_helptext"' in html
    assert ImportBatch.objects.get().status == ImportBatch.Status.UPLOADED


def test_a_saved_mapping_is_offered_and_applied(officer_client, officer):
    ColumnMapping.objects.create(
        name="CRM export", kind="organisations", mapping={"notes": "description"}
    )
    batch = upload(csv_bytes(ROWS), actor=officer)
    saved = ColumnMapping.objects.get()
    response = officer_client.get(url("import_mapping", batch, saved=saved.pk))
    assert "CRM export" in page(response)
    assert response.context["form"]["col_3"].value() == "description"


# --- who may use it ---


@pytest.mark.parametrize("role", [Role.PROGRAMME, Role.MANAGEMENT, Role.REVIEWER, Role.PARTNER])
@pytest.mark.parametrize("name", ["import_list", "import_new"])
def test_roles_that_may_not_register_partners_are_refused(client, make_user, role, name):
    client.force_login(make_user(role))
    assert client.get(url(name)).status_code == 403


def test_anonymous_users_are_sent_to_log_in(client):
    response = client.get(url("import_list"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_a_regional_focal_point_sees_only_their_own_imports(client, make_user, region):
    mine = make_user(Role.REGIONAL, regions=[region])
    theirs = make_user(Role.REGIONAL, regions=[region])
    batch, _ = run(
        csv_bytes([{"name": "A", "category": "foundation", "country": "KE"}]), actor=theirs
    )
    client.force_login(mine)
    for name in ("import_detail", "import_mapping", "import_preview", "import_rollback"):
        assert client.get(url(name, batch)).status_code == 404
    assert client.post(url("import_run", batch)).status_code == 404
    assert f"#{batch.pk}" not in page(client.get(url("import_list")))
    client.force_login(theirs)
    assert client.get(url("import_detail", batch)).status_code == 200


def test_a_refused_rollback_says_why_and_changes_nothing(officer_client, officer):
    batch, rows = run(csv_bytes([{"name": "A", "category": "foundation"}]), actor=officer)
    org = Organisation.objects.get()
    services.organisation_update(actor=officer, organisation=org, city="Lima")
    response = officer_client.post(url("import_rollback", batch))
    assert response.status_code == 409
    assert "cannot be rolled back" in page(response)
    assert Organisation.objects.filter(pk=org.pk).exists()


def test_pages_of_a_batch_lead_to_the_right_step(officer_client, officer):
    batch = upload(csv_bytes(ROWS), actor=officer)
    assert officer_client.get(url("import_detail", batch)).url == url("import_mapping", batch)
    assert officer_client.get(url("import_preview", batch)).url == url("import_mapping", batch)
    run_batch, _ = run(csv_bytes(ROWS), actor=officer)
    assert officer_client.get(url("import_mapping", run_batch)).url == url(
        "import_detail", run_batch
    )
    assert officer_client.get(url("import_run", run_batch)).status_code == 405
