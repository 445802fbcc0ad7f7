from datetime import timedelta
from decimal import Decimal

import pytest

from accord.accounts.models import Role
from accord.funding.models import Pledge
from accord.funding.tests.factories import rate, today
from accord.funding.tests.money_factories import (
    ContributionFactory,
    PledgeFactory,
    TargetFactory,
    won,
)

pytestmark = pytest.mark.django_db
BASE = "/api/v1"
PAST = today() - timedelta(days=10)


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_create_a_pledge_with_its_schedule_and_read_it(api, kenyan):
    data = {
        "organisation": kenyan.pk,
        "title": "Core",
        "amount": "900.00",
        "currency": "USD",
        "value_date": PAST.isoformat(),
        "flagship": "2",
        "schedule": [
            {"due_date": PAST.isoformat(), "amount": "300"},
            {"due_date": today().isoformat(), "amount": "600"},
        ],
    }
    response = post(api, f"{BASE}/pledges", data)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["flagship"] == "2" and [i["amount"] for i in body["instalments"]] == [
        "300.00",
        "600.00",
    ]
    assert api.get(f"{BASE}/pledges/{body['id']}").json()["title"] == "Core"


def test_a_won_opportunity_becomes_a_pledge_through_the_api(api, kenyan):
    opp = won(organisation=kenyan, amount=Decimal("5000"), flagship="4")
    body = post(api, f"{BASE}/pledges", {"opportunity": opp.pk}).json()
    assert body["opportunity"] == opp.pk and body["flagship"] == "4" and body["amount"] == "5000.00"


def test_bad_input_is_a_clear_4xx(api, kenyan):
    data = {
        "organisation": kenyan.pk,
        "title": "Core",
        "amount": "900",
        "currency": "USD",
        "value_date": PAST.isoformat(),
        "schedule": [{"due_date": PAST.isoformat(), "amount": "800"}],
    }
    response = post(api, f"{BASE}/pledges", data)
    assert response.status_code == 400 and "schedule" in response.json()["errors"]
    assert post(api, f"{BASE}/pledges", {"amount": "abc"}).status_code == 422
    assert not Pledge.objects.exists()
    assert api.get(f"{BASE}/funding/gap?by=nonsense").status_code == 422


def test_patch_with_a_stale_version_is_a_conflict(api, kenyan):
    pledge = PledgeFactory(organisation=kenyan)
    ok = api.patch(
        f"{BASE}/pledges/{pledge.pk}",
        {"version": 1, "title": "New"},
        content_type="application/json",
    )
    assert ok.status_code == 200 and ok.json()["version"] == 2
    stale = api.patch(
        f"{BASE}/pledges/{pledge.pk}",
        {"version": 1, "title": "Old"},
        content_type="application/json",
    )
    assert stale.status_code == 409


def test_contribution_in_another_currency_with_allocations(api, kenyan):
    rate("EUR", "0.5", PAST)
    pledge = PledgeFactory(organisation=kenyan, amount=Decimal("1000"), value_date=PAST)
    data = {
        "amount": "100",
        "currency": "EUR",
        "value_date": PAST.isoformat(),
        "allocations": [{"flagship": "1", "amount": "70"}, {"outcome": "2.1", "amount": "30"}],
    }
    response = post(api, f"{BASE}/pledges/{pledge.pk}/contributions", data)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["amount_usd"] == "200.00" and body["pledge_amount"] == "200.00"
    assert [a["amount_usd"] for a in body["allocations"]] == ["140.00", "60.00"]
    listed = api.get(f"{BASE}/contributions?flagship=1").json()
    assert listed["count"] == 1
    assert api.get(f"{BASE}/pledges/{pledge.pk}").json()["payment_status"] == "partial"


def test_targets_and_the_funding_view(api, kenyan):
    assert (
        post(
            api,
            f"{BASE}/funding-targets",
            {"year": PAST.year, "flagship": "1", "amount_usd": "1000"},
        ).status_code
        == 201
    )
    dup = post(
        api, f"{BASE}/funding-targets", {"year": PAST.year, "flagship": "1", "amount_usd": "5"}
    )
    assert dup.status_code == 400 and "already has a target" in str(dup.json()["errors"])
    pledge = PledgeFactory(
        organisation=kenyan, amount=Decimal("300"), value_date=PAST, flagship="1"
    )
    ContributionFactory(pledge=pledge, amount=Decimal("100"), value_date=PAST)
    rows = api.get(f"{BASE}/funding/gap?year={PAST.year}").json()
    first = rows[0]
    assert (first["code"], first["target"], first["received"]) == ("1", "1000.00", "100.00")
    assert rows[-1]["is_total"] and api.get(f"{BASE}/funding-targets").json()["count"] == 1


@pytest.mark.parametrize(
    "kind,status",
    [
        ("regional", 404),
        (Role.PROGRAMME, 200),
        (Role.MANAGEMENT, 200),
        (Role.REVIEWER, 403),
        ("partner", 403),
        ("anonymous", 401),
    ],
)
def test_reading_a_pledge_by_role(client, user_of, brazilian, kind, status):
    pledge = PledgeFactory(organisation=brazilian)
    user = user_of(kind)
    if kind != "anonymous":
        client.force_login(user)
    assert client.get(f"{BASE}/pledges/{pledge.pk}").status_code == status


def test_readers_may_not_write(client, make_user, kenyan):
    pledge = PledgeFactory(organisation=kenyan)
    client.force_login(make_user(Role.MANAGEMENT))
    response = post(
        client,
        f"{BASE}/pledges/{pledge.pk}/contributions",
        {"amount": "1", "value_date": PAST.isoformat()},
    )
    assert response.status_code == 403


def test_list_queries_are_bounded(api, kenyan, django_assert_max_num_queries):
    for _ in range(5):
        p = PledgeFactory(organisation=kenyan, value_date=PAST)
        ContributionFactory(pledge=p, amount=Decimal("5"), value_date=PAST)
    TargetFactory(year=2024)
    with django_assert_max_num_queries(10):
        assert api.get(f"{BASE}/pledges").json()["count"] == 5
    with django_assert_max_num_queries(10):
        assert api.get(f"{BASE}/contributions").json()["count"] == 5
