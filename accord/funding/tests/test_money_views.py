from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accord.accounts.models import Role
from accord.funding.models import Contribution, FundingTarget, Pledge
from accord.funding.tests.factories import rate, today
from accord.funding.tests.money_factories import (
    ContributionFactory,
    PledgeFactory,
    TargetFactory,
    won,
)

pytestmark = pytest.mark.django_db
D = Decimal
PAST = today() - timedelta(days=20)


@pytest.fixture
def pledge(kenyan):
    return PledgeFactory(
        organisation=kenyan,
        amount=D("1000"),
        value_date=PAST,
        flagship="1",
        schedule=[(PAST, D("400")), (PAST + timedelta(days=60), D("600"))],
    )


def login(client, user):
    client.force_login(user)
    return client


def test_the_funding_view_shows_every_programme_and_links_to_records(client, officer, pledge):
    TargetFactory(year=PAST.year, flagship="1", amount_usd=D("5000"))
    ContributionFactory(pledge=pledge, amount=D("150"), value_date=PAST)
    response = login(client, officer).get(reverse("funding:gap"), {"year": PAST.year})
    body = response.content.decode()
    assert response.status_code == 200
    assert "5,000.00" in body and "Unassigned" in body and "<svg" in body
    assert f"/funding/contributions/?year={PAST.year}&amp;flagship=1" in body
    fragment = client.get(reverse("funding:gap"), {"by": "region"}, headers={"HX-Request": "true"})
    assert "<html" not in fragment.content.decode() and "Region" in fragment.content.decode()


def test_funding_view_queries_are_bounded(client, officer, kenyan, django_assert_max_num_queries):
    login(client, officer)
    for n in range(6):
        PledgeFactory(organisation=kenyan, value_date=PAST, flagship=str(1 + n % 5))
    # 12 to check and compute the figures (gap_selectors.data_marker), the rest the page's own.
    with django_assert_max_num_queries(22):
        assert client.get(reverse("funding:gap"), {"by": "outcome"}).status_code == 200


@pytest.mark.parametrize("name", ["pledge_list", "contribution_list"])
def test_lists_are_paginated_and_bounded(
    client, officer, pledge, name, django_assert_max_num_queries
):
    for _ in range(4):
        ContributionFactory(pledge=pledge, amount=D("10"), value_date=PAST)
        PledgeFactory(organisation=pledge.organisation, value_date=PAST)
    login(client, officer)
    with django_assert_max_num_queries(14):
        response = client.get(reverse(f"funding:{name}"), {"flagship": "1"})
    assert response.status_code == 200 and pledge.title in response.content.decode()


def test_list_filter_for_unpaid_instalments_due_in_a_year(client, officer, pledge, kenyan):
    PledgeFactory(organisation=kenyan, title="Paid off", value_date=PAST)
    paid = Pledge.objects.get(title="Paid off")
    ContributionFactory(pledge=paid, amount=paid.amount, value_date=PAST)
    body = (
        login(client, officer)
        .get(reverse("funding:pledge_list"), {"due_year": PAST.year})
        .content.decode()
    )
    assert pledge.title in body and "Paid off" not in body


def test_pledge_create_prefills_from_a_won_opportunity(client, officer, kenyan):
    opp = won(organisation=kenyan, amount=D("7000"), flagship="3")
    login(client, officer)
    page = client.get(reverse("funding:pledge_create"), {"opportunity": opp.pk})
    assert page.status_code == 200 and opp.title in page.content.decode()
    data = {
        "opportunity": opp.pk,
        "organisation": kenyan.pk,
        "title": opp.title,
        "kind": "financial",
        "amount": "7000",
        "currency": "USD",
        "value_date": today().isoformat(),
        "status": "pledged",
        "flagship": "3",
        "schedule-TOTAL_FORMS": "2",
        "schedule-INITIAL_FORMS": "0",
        "schedule-0-due_date": today().isoformat(),
        "schedule-0-amount": "3000",
        "schedule-1-due_date": (today() + timedelta(days=90)).isoformat(),
        "schedule-1-amount": "4000",
        "split-count": "2",
        "split-first_due": today().isoformat(),
    }
    response = client.post(reverse("funding:pledge_create"), data)
    pledge = Pledge.objects.get()
    assert response.status_code == 302 and pledge.opportunity == opp
    assert pledge.instalments.count() == 2


def test_a_schedule_that_does_not_add_up_is_shown_on_the_form(client, officer, kenyan):
    data = {
        "organisation": kenyan.pk,
        "title": "Core support",
        "kind": "financial",
        "amount": "1000",
        "currency": "USD",
        "value_date": today().isoformat(),
        "status": "pledged",
        "schedule-TOTAL_FORMS": "1",
        "schedule-INITIAL_FORMS": "0",
        "schedule-0-due_date": today().isoformat(),
        "schedule-0-amount": "999",
        "split-count": "2",
        "split-first_due": today().isoformat(),
    }
    response = login(client, officer).post(reverse("funding:pledge_create"), data)
    assert "add up to 999.00 USD" in response.content.decode()
    assert not Pledge.objects.exists()
    data["split"] = "1"
    split = client.post(reverse("funding:pledge_create"), data).content.decode()
    assert 'value="500.00"' in split and not Pledge.objects.exists()


def test_record_a_contribution_in_another_currency_from_the_pledge_page(client, officer, pledge):
    rate("EUR", "0.5", PAST)
    data = {
        "amount": "100",
        "currency": "EUR",
        "value_date": PAST.isoformat(),
        "kind": "financial",
        "alloc-TOTAL_FORMS": "2",
        "alloc-INITIAL_FORMS": "0",
        "alloc-0-flagship": "1",
        "alloc-0-amount": "60",
        "alloc-1-flagship": "2",
        "alloc-1-outcome": "1.2",
        "alloc-1-amount": "40",
    }
    login(client, officer)
    response = client.post(reverse("funding:pledge_contribute", args=[pledge.pk]), data)
    assert response.status_code == 302
    pledge.refresh_from_db()
    assert pledge.received_amount == D("200.00") and pledge.payment_status == "partial"
    page = client.get(reverse("funding:pledge_detail", args=[pledge.pk])).content.decode()
    assert "100.00 EUR" in page and "History" in page
    data["alloc-1-amount"] = "30"
    bad = client.post(reverse("funding:pledge_contribute", args=[pledge.pk]), data)
    assert bad.status_code == 400 and "must add up exactly" in bad.content.decode()


def test_correct_and_delete_a_contribution(client, officer, pledge):
    c = ContributionFactory(pledge=pledge, amount=D("400"), value_date=PAST)
    login(client, officer)
    assert client.get(reverse("funding:contribution_edit", args=[c.pk])).status_code == 200
    data = {
        "amount": "300",
        "currency": "USD",
        "value_date": PAST.isoformat(),
        "kind": "financial",
        "version": "1",
        "alloc-TOTAL_FORMS": "0",
        "alloc-INITIAL_FORMS": "0",
    }
    assert client.post(reverse("funding:contribution_edit", args=[c.pk]), data).status_code == 302
    pledge.refresh_from_db()
    assert pledge.received_amount == D("300")
    client.post(reverse("funding:contribution_delete", args=[c.pk]), {"version": "2"})
    assert not Contribution.objects.exists()


def test_targets_are_managed_by_officers_and_read_by_management(client, officer, make_user):
    login(client, officer)
    response = client.post(
        reverse("funding:target_list"), {"year": "2026", "subject": "f:2", "amount_usd": "250000"}
    )
    assert response.status_code == 302
    target = FundingTarget.objects.get()
    data = {"year": "2026", "amount_usd": "300000", "note": "", "version": "1"}
    assert client.post(reverse("funding:target_edit", args=[target.pk]), data).status_code == 302
    target.refresh_from_db()
    assert target.amount_usd == D("300000") and target.version == 2
    login(client, make_user(Role.MANAGEMENT))
    assert client.get(reverse("funding:target_list")).status_code == 200
    assert client.post(reverse("funding:target_list"), {"year": "2026"}).status_code == 403


def test_partner_money_lists_pledges_and_contributions_with_totals(
    client, officer, pledge, django_assert_max_num_queries
):
    rate("EUR", "0.5", PAST)
    ContributionFactory(pledge=pledge, amount=D("50"), currency="EUR", value_date=PAST)
    login(client, officer)
    url = reverse("funding:partner_money", args=[pledge.organisation_id])
    with django_assert_max_num_queries(16):
        response = client.get(url, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "1,000.00 USD" in body and "50.00 EUR" in body and "<html" not in body
    assert "<html" in client.get(url).content.decode()


def test_the_funding_view_opens_on_this_year_and_says_so_in_the_form(client, officer):
    body = login(client, officer).get(reverse("funding:gap")).content.decode()
    year = timezone.localdate().year
    assert f'<option value="{year}" selected>{year}</option>' in body
    assert f"{year} by flagship programme" in body
