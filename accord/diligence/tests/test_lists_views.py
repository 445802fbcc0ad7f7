"""The sanctions lists pages: versions with counts, uploading a new version (bad files explained,
nothing stored), browsing and searching entries."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accord.diligence.models import Entry, ListVersion
from accord.diligence.tests.test_loading import entity, listing, person

pytestmark = pytest.mark.django_db


def upload(client, data: bytes, name="consolidated.xml"):
    return client.post(reverse("diligence:list_upload"), {
        "sanctions_list": "un_sc", "file": SimpleUploadedFile(name, data, "text/xml"),
    })


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_a_bad_file_is_explained_and_nothing_is_stored(admin_client, un_list):
    response = upload(admin_client, b"this is not xml")
    body = response.content.decode()
    assert response.status_code == 400
    assert "This is not a UN Security Council consolidated list" in body
    assert "Nothing has been saved" in body
    assert not ListVersion.objects.exists() and not Entry.objects.exists()


def test_a_good_file_loads_a_version_and_shows_its_counts(
    admin_client, un_list, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(admin_client, listing(person("1"), entity("9")))
    assert response.status_code == 302
    version = ListVersion.objects.get()
    assert version.is_current and version.counts["added"] == 2
    body = admin_client.get(reverse("diligence:lists")).content.decode()
    assert "Current" in body and "consolidated.xml" in body


def test_the_same_file_twice_is_refused_on_the_page(admin_client, un_list):
    data = listing(person("1"))
    upload(admin_client, data)
    response = upload(admin_client, data)
    assert response.status_code == 400 and "already loaded" in response.content.decode()
    assert ListVersion.objects.count() == 1


def test_only_an_administrator_uploads(officer_client, un_list):
    assert upload(officer_client, listing(person("1"))).status_code == 403
    body = officer_client.get(reverse("diligence:lists")).content.decode()
    assert "Load a new version" not in body


def test_entries_are_searched_by_name_in_any_case_and_filtered(officer_client, listed):
    url = reverse("diligence:entries")
    body = officer_client.get(url + "?q=petrov").content.decode()
    assert "IVAN PETROV" in body and "ACME" not in body
    body = officer_client.get(url + "?listed=delisted").content.decode()
    assert "0</strong> entries" in body
    entry = Entry.objects.get(data_id="1")
    body = officer_client.get(reverse("diligence:entry_detail", args=[entry.pk])).content.decode()
    assert "Russian Federation" in body and "Listed" in body
