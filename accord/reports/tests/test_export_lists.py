"""Every list exports, in both formats, with its own filters and the user's region scope: a
record of each kind in Africa and one in Latin America, exported by management (both) and by
Africa's regional focal point (Africa's only)."""

import csv
import io
from datetime import date, datetime

import openpyxl
import pytest
from django.urls import reverse

from accord.accounts.models import Role
from accord.agreements.tests.factories import AgreementFactory, ObligationFactory, days_from_today
from accord.diligence.tests.conftest import listed, un_list  # noqa: F401 (fixtures)
from accord.diligence.tests.factories import make_hit
from accord.engagement.tests.conftest import brazilian, kenyan  # noqa: F401 (fixtures)
from accord.engagement.tests.factories import EngagementFactory
from accord.funding.tests.factories import OpportunityFactory
from accord.funding.tests.money_factories import ContributionFactory, PledgeFactory
from accord.partners.tests.factories import ContactFactory
from accord.reports.exports_lists import LISTS

# The column each list names its partner (or record) in, and what it holds per region.
NAMED_BY = {
    "partners": ("Name", "Nairobi City County", "Prefeitura de Recife"),
    "contacts": ("Organisation", "Nairobi City County", "Prefeitura de Recife"),
    "engagements": ("Partners", "Nairobi City County", "Prefeitura de Recife"),
    "opportunities": ("Partner", "Nairobi City County", "Prefeitura de Recife"),
    "pledges": ("Partner", "Nairobi City County", "Prefeitura de Recife"),
    "contributions": ("Partner", "Nairobi City County", "Prefeitura de Recife"),
    "agreements": ("Parties", "Nairobi City County", "Prefeitura de Recife"),
    "obligations": ("Agreement title", "Agreement in Africa", "Agreement in Latin America"),
    "hits": ("Organisation", "Nairobi City County", "Prefeitura de Recife"),
}


@pytest.fixture
def records(kenyan, brazilian, listed):  # noqa: F811
    for partner, where in ((kenyan, "Africa"), (brazilian, "Latin America")):
        ContactFactory(organisation=partner)
        EngagementFactory(organisations=[partner], title=f"Meeting in {where}")
        OpportunityFactory(organisation=partner)
        PledgeFactory(organisation=partner)
        ContributionFactory(organisation=partner)
        agreement = AgreementFactory(parties=[partner], title=f"Agreement in {where}")
        ObligationFactory(agreement=agreement, due_date=days_from_today(10))
        make_hit(organisation=partner)


def _export(client, name: str, fmt: str, query: str = "") -> list[dict]:
    response = client.get(reverse("reports:export", args=[name, fmt]) + query)
    assert response.status_code == 200, (name, fmt, response.status_code)
    assert response.streaming
    content = b"".join(response.streaming_content)
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    else:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
        rows = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_every_list_is_registered():
    assert set(NAMED_BY) <= set(LISTS)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("name", sorted(NAMED_BY))
def test_every_list_exports_for_management_and_regional_scope(
    client, make_user, region, records, name, fmt
):
    column, africa, latin_america = NAMED_BY[name]
    client.force_login(make_user(Role.MANAGEMENT))
    assert sorted(r[column] for r in _export(client, name, fmt)) == sorted([africa, latin_america])
    client.force_login(make_user(Role.REGIONAL, regions=[region]))
    assert [r[column] for r in _export(client, name, fmt)] == [africa]


def test_list_filters_apply_to_exports(client, make_user, records, kenyan):  # noqa: F811
    client.force_login(make_user(Role.MANAGEMENT))
    found = _export(client, "engagements", "csv", f"?partner={kenyan.pk}")
    assert [r["Title"] for r in found] == ["Meeting in Africa"]
    found = _export(client, "opportunities", "csv", "?region=LAC")
    assert [r["Partner"] for r in found] == ["Prefeitura de Recife"]
    found = _export(client, "agreements", "csv", "?q=Latin")
    assert [r["Title"] for r in found] == ["Agreement in Latin America"]
    assert _export(client, "hits", "csv", "?status=confirmed") == []


def test_regional_focal_point_never_sees_other_regions_partners_in_many_columns(
    client,
    make_user,
    region,
    kenyan,  # noqa: F811
    brazilian,  # noqa: F811
):
    """An engagement with partners in two regions: a regional focal point who sees it through
    their partner is not told the other region's partner's name."""
    EngagementFactory(organisations=[kenyan, brazilian], title="Joint dialogue")
    client.force_login(make_user(Role.REGIONAL, regions=[region]))
    rows = _export(client, "engagements", "csv")
    assert [(r["Title"], r["Partners"]) for r in rows] == [("Joint dialogue", kenyan.name)]


def test_every_list_export_runs_a_bounded_number_of_queries(
    client, make_user, records, django_assert_max_num_queries
):
    client.force_login(make_user(Role.MANAGEMENT))
    for name in NAMED_BY:
        with django_assert_max_num_queries(15):
            _export(client, name, "csv")


def test_knowledge_export_holds_what_the_reader_may_see(client, make_user, db):
    from accord.knowledge.tests.factories import item, published

    published(title="=Published story", date=date(2025, 3, 14))
    item(title="Draft practice")
    client.force_login(make_user(Role.MANAGEMENT))  # a reader: published items only
    assert [r["Title"] for r in _export(client, "knowledge", "csv")] == ["'=Published story"]
    client.force_login(make_user(Role.OFFICER))  # a writer: drafts too
    found = _export(client, "knowledge", "xlsx", "?q=practice")
    assert [(r["Title"], r["State"]) for r in found] == [("Draft practice", "Draft")]
    assert _export(client, "knowledge", "xlsx")[0]["Date"] == datetime(2025, 3, 14)


def test_indicators_export_against_targets_of_the_period(client, make_user, db):
    from accord.results.selectors import indicators_against_targets

    expected = indicators_against_targets(period="2025")
    client.force_login(make_user(Role.MANAGEMENT))
    found = _export(client, "indicators", "xlsx", "?period=2025")
    assert [r["Code"] for r in found] == [i.code for i in expected]
    assert {r["Period"] for r in found} <= {"2025"}
    targets = [r["Target"] for r in found if r["Target"] is not None]
    assert all(isinstance(t, int | float) for t in targets)
    bad = _export(client, "indicators", "csv", "?period=next-year")  # ignored: this year
    assert len(bad) == len(found)
    client.force_login(make_user(Role.REVIEWER))
    response = client.get(reverse("reports:export", args=["indicators", "csv"]))
    assert response.status_code == 403


def test_the_knowledge_and_indicator_lists_link_to_their_exports(officer_client):
    for page, name in (("/knowledge/", "knowledge"), ("/results/", "indicators")):
        html = officer_client.get(page).content.decode()
        assert f"/reports/export/{name}.csv" in html and f"/reports/export/{name}.xlsx" in html
