"""Every role against the money pages: readers read, editors record, a regional focal point
sees their region only (out of region looks absent), partners and anonymous are refused."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from accord.accounts.models import Role
from accord.funding import gap_selectors
from accord.funding.tests.money_factories import ContributionFactory, PledgeFactory, TargetFactory

pytestmark = pytest.mark.django_db
READERS = [Role.ADMIN, Role.OFFICER, "regional", Role.PROGRAMME, Role.MANAGEMENT]
REFUSED = {Role.REVIEWER: 403, "partner": 403, "anonymous": 302}
EDITORS = {Role.ADMIN, Role.OFFICER, "regional"}


@pytest.fixture
def records(kenyan, brazilian):
    day = date(2025, 3, 1)
    own = PledgeFactory(organisation=kenyan, value_date=day, flagship="1")
    other = PledgeFactory(organisation=brazilian, value_date=day, flagship="1")
    return {
        "own": own,
        "other": other,
        "target": TargetFactory(year=2025),
        "own_c": ContributionFactory(pledge=own, amount=Decimal("10"), value_date=day),
        "other_c": ContributionFactory(pledge=other, amount=Decimal("20"), value_date=day),
    }


def pages(r) -> dict:
    return {
        "gap": reverse("funding:gap"),
        "pledges": reverse("funding:pledge_list"),
        "contributions": reverse("funding:contribution_list"),
        "targets": reverse("funding:target_list"),
        "pledge": reverse("funding:pledge_detail", args=[r["own"].pk]),
        "contribution": reverse("funding:contribution_detail", args=[r["own_c"].pk]),
        "partner_money": reverse("funding:partner_money", args=[r["own"].organisation_id]),
    }


def as_user(client, user_of, kind):
    user = user_of(kind)
    if kind != "anonymous":
        client.force_login(user)
    return user


@pytest.mark.parametrize("kind", READERS + list(REFUSED))
def test_read_pages_by_role(client, user_of, records, kind):
    as_user(client, user_of, kind)
    for name, url in pages(records).items():
        status = client.get(url).status_code
        assert status == REFUSED.get(kind, 200), (name, status)


@pytest.mark.parametrize("kind", READERS + list(REFUSED))
def test_record_pages_by_role(client, user_of, records, kind):
    as_user(client, user_of, kind)
    expected = 200 if kind in EDITORS else REFUSED.get(kind, 403)
    for url in (
        reverse("funding:pledge_create"),
        reverse("funding:contribution_create"),
        reverse("funding:pledge_edit", args=[records["own"].pk]),
        reverse("funding:contribution_edit", args=[records["own_c"].pk]),
    ):
        assert client.get(url).status_code == expected, url


def test_out_of_region_records_look_absent_to_a_regional_focal_point(client, regional, records):
    client.force_login(regional)
    for url in (
        reverse("funding:pledge_detail", args=[records["other"].pk]),
        reverse("funding:pledge_edit", args=[records["other"].pk]),
        reverse("funding:contribution_detail", args=[records["other_c"].pk]),
        reverse("funding:partner_money", args=[records["other"].organisation_id]),
    ):
        assert client.get(url).status_code == 404, url
    assert (
        client.post(
            reverse("funding:pledge_contribute", args=[records["other"].pk]), {}
        ).status_code
        == 404
    )
    body = client.get(reverse("funding:pledge_list")).content.decode()
    assert records["own"].title in body and records["other"].title not in body
    rows = gap_selectors.funding_gap(regional, year=2025)
    assert rows[0].received == Decimal("10.00")


def test_targets_are_managed_by_officers_only(client, user_of, records):
    url = reverse("funding:target_edit", args=[records["target"].pk])
    for kind, status in (("regional", 403), (Role.PROGRAMME, 403), (Role.OFFICER, 200)):
        as_user(client, user_of, kind)
        assert client.get(url).status_code == status, kind
