"""The streaming export engine and the partner export: CSV and XLSX content read back, typed
cells, the formula-injection guard, streaming, the list's filters, bounded queries."""

import csv
import io
from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pytest
from django.http import QueryDict
from django.urls import reverse

from accord.accounts.models import Role
from accord.engagement.tests.conftest import kenyan, user_of  # noqa: F401 (fixtures)
from accord.partners.models import Organisation
from accord.partners.tests.factories import (
    ContactFactory,
    OrganisationFactory,
    category,
    country,
)
from accord.reports import exports
from accord.reports.exports_lists import LISTS


def url(name: str, fmt: str, query: str = "") -> str:
    return reverse("reports:export", args=[name, fmt]) + (f"?{query}" if query else "")


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def read_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"))))


def read_xlsx(response) -> list[tuple]:
    book = openpyxl.load_workbook(io.BytesIO(body(response)), read_only=True)
    return list(book.worksheets[0].iter_rows(values_only=True))


@pytest.fixture
def manager_client(client, make_user):
    client.force_login(make_user(Role.MANAGEMENT))
    return client


def test_guard_prefixes_formula_starts_only():
    assert exports.guard("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert [exports.guard(t) for t in ("+1", "-1", "@SUM", "\tx")] == [
        "'+1",
        "'-1",
        "'@SUM",
        "'\tx",
    ]
    assert exports.guard("Nairobi = city") == "Nairobi = city"


def test_csv_streams_partners_with_human_headers(manager_client, db):
    OrganisationFactory(name="Nairobi City County", acronym="NCC", category="local_authority")
    response = manager_client.get(url("partners", "csv"))
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="partners-' in response["Content-Disposition"]
    rows = read_csv(response)
    header = rows[0]
    assert header[:4] == ["Id", "Name", "Acronym", "Category"]
    row = dict(zip(header, rows[1], strict=True))
    assert row["Name"] == "Nairobi City County"
    assert row["Category"] == category("local_authority").short_name
    assert row["Status"] in {"Active", "Prospect", "Dormant", "Former"}
    assert row["Country code"] == "KE"


def test_formula_injection_guarded_in_csv_and_xlsx(manager_client, db):
    org = OrganisationFactory(name='=HYPERLINK("http://x")', acronym="@SUM", city="-2+3")
    rows = read_csv(manager_client.get(url("partners", "csv")))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Name"] == '\'=HYPERLINK("http://x")'
    assert row["Acronym"] == "'@SUM"
    assert row["City"] == "'-2+3"
    sheet = read_xlsx(manager_client.get(url("partners", "xlsx")))
    cells = dict(zip(sheet[0], sheet[1], strict=True))
    assert cells["Name"] == '\'=HYPERLINK("http://x")'
    assert cells["Id"] == org.pk  # a number stays a number, unguarded


def test_xlsx_types_dates_decimals_and_numbers(manager_client, db):
    from accord.funding.tests.money_factories import PledgeFactory

    PledgeFactory(title="Resilience", amount=Decimal("1234.56"), value_date=date(2025, 3, 4))
    response = manager_client.get(url("pledges", "xlsx"))
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == exports.XLSX_TYPE
    sheet = read_xlsx(response)
    cells = dict(zip(sheet[0], sheet[1], strict=True))
    assert cells["Amount"] == pytest.approx(1234.56)
    assert isinstance(cells["Amount"], float)
    assert cells["Value date"] == datetime(2025, 3, 4)
    assert isinstance(cells["Id"], int)
    assert isinstance(cells["Updated at"], datetime)


def test_partner_export_applies_the_list_filters(manager_client, db):
    OrganisationFactory(name="Nairobi City County", category="local_authority")
    OrganisationFactory(name="Ford Foundation", category="foundation", country=country("US"))
    rows = read_csv(manager_client.get(url("partners", "csv", "category=foundation")))
    assert [r[1] for r in rows[1:]] == ["Ford Foundation"]
    rows = read_csv(manager_client.get(url("partners", "csv", "country=KE&q=nairobi")))
    assert [r[1] for r in rows[1:]] == ["Nairobi City County"]


def test_regional_focal_point_exports_only_their_region(client, make_user, region, db):
    OrganisationFactory(name="Nairobi City County", country=country("KE"))
    OrganisationFactory(name="Prefeitura de Recife", country=country("BR"))
    client.force_login(make_user(Role.REGIONAL, regions=[region]))
    names = [r[1] for r in read_csv(client.get(url("partners", "csv")))[1:]]
    assert names == ["Nairobi City County"]
    names = [r[1] for r in read_xlsx(client.get(url("partners", "xlsx")))[1:]]
    assert names == ["Nairobi City County"]


def test_many_valued_columns_survive_chunk_boundaries(db, make_user):
    """Aliases come from one query per chunk: rows on both sides of a boundary keep theirs."""
    for n in range(5):
        OrganisationFactory(name=f"Partner {n}", aliases=[f"Alias {n}", f"Other {n}"])
    user = make_user(Role.MANAGEMENT)
    spec = LISTS["partners"]
    qs = spec.rows(user, QueryDict())
    table = exports.Table.of(qs.model, spec.columns)
    rows = list(exports.rows(user, qs, table, chunk_size=2))
    aliases = table.headers.index("Aliases")
    assert [r[aliases] for r in rows] == [f"Alias {n}; Other {n}" for n in range(5)]


def test_export_queries_do_not_grow_with_rows(manager_client, db, django_assert_max_num_queries):
    for n in range(30):
        OrganisationFactory(name=f"Partner {n}", aliases=[f"Alias {n}"])
    with django_assert_max_num_queries(12):
        rows = read_csv(manager_client.get(url("partners", "csv")))
    assert len(rows) == 31


def test_contacts_export_and_partner_filter(manager_client, db):
    partner = OrganisationFactory(name="Nairobi City County")
    ContactFactory(organisation=partner, first_name="Amina", last_name="Odhiambo")
    ContactFactory(first_name="Jo", last_name="Elsewhere")
    rows = read_csv(manager_client.get(url("contacts", "csv", f"partner={partner.pk}")))
    assert [(r[1], r[2], r[3]) for r in rows[1:]] == [("Amina", "Odhiambo", "Nairobi City County")]


def test_unknown_list_or_format_is_404(manager_client, db):
    assert manager_client.get(url("nothing", "csv")).status_code == 404
    assert manager_client.get(url("partners", "pdf")).status_code == 404


# Who may open the dashboard (reports.view) and export (reports.export): registry readers.
# "anonymous" is sent to the login page.
PERMISSION_MATRIX = [
    ("anonymous", 302),
    (Role.PARTNER, 403),
    (Role.REVIEWER, 403),
    (Role.MANAGEMENT, 200),
    (Role.PROGRAMME, 200),
    (Role.OFFICER, 200),
    ("regional", 200),
    (Role.ADMIN, 200),
]


@pytest.mark.parametrize(("kind", "status"), PERMISSION_MATRIX)
def test_export_permission_matrix(client, user_of, kind, status):  # noqa: F811
    user = user_of(kind)
    if kind != "anonymous":
        client.force_login(user)
    response = client.get(url("partners", "csv"))
    assert response.status_code == status
    if status == 302:
        assert "/login" in response["Location"] or "login" in response["Location"]


def test_export_links_carry_the_list_filters(manager_client, db):
    page = manager_client.get(reverse("partners:list") + "?category=foundation&page=2")
    if b"export-links" not in page.content:
        pytest.skip("the partner list does not include the export links")
    assert url("partners", "csv", "category=foundation").encode() in page.content.replace(
        b"&amp;", b"&"
    )


def test_partner_user_sees_no_export_links(client, user_of):  # noqa: F811
    client.force_login(user_of(Role.PARTNER))
    assert b"export-links" not in client.get(reverse("partners:list")).content


def test_csv_reads_back_what_the_database_holds(manager_client, db):
    OrganisationFactory(name="Société d'aménagement, «Lyon»", acronym="SAL")
    rows = read_csv(manager_client.get(url("partners", "csv")))
    assert rows[1][1] == "Société d'aménagement, «Lyon»"
    assert Organisation.objects.count() == 1


def test_rows_are_read_a_chunk_at_a_time(db, make_user):
    """Memory holds one chunk: the first row comes out before the later chunks' many-valued
    columns are read, and each chunk costs one query per many-valued column."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for n in range(5):
        OrganisationFactory(name=f"Partner {n}")
    user = make_user(Role.MANAGEMENT)
    spec = LISTS["partners"]
    qs = spec.rows(user, QueryDict())
    table = exports.Table.of(qs.model, spec.columns)
    with CaptureQueriesContext(connection) as queries:
        data = exports.rows(user, qs, table, chunk_size=2)
        first = next(data)
        after_first = len(queries)
        rest = list(data)
    assert first[1] == "Partner 0"
    assert len(rest) == 4
    many = len(table.many)
    assert len(queries) - after_first == 2 * many  # the two later chunks' many-valued columns


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("contacts", "q=%00&partner=%C2%B2"),
        ("obligations", "owner=%C2%B2"),
        ("partners", "q=%00&owner=x&sort=nonsense&category=nope"),
        ("indicators", "period=%D9%A2%D9%A0%D9%A2%D9%A5"),
    ],
)
def test_bad_filters_are_ignored_never_an_error(manager_client, db, name, query):
    response = manager_client.get(url(name, "csv", query))
    assert response.status_code == 200
    assert read_csv(response)[0][0] in ("Id", "Code")
