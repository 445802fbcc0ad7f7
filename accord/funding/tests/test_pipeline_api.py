"""The pipeline and exchange-rate endpoints: shapes, filters, paging, errors per the contract
(never a 500 for bad input), scope and query counts."""

from decimal import Decimal

import pytest

from accord.accounts.models import Role
from accord.funding.models import ExchangeRate, Opportunity
from accord.funding.tests.factories import OpportunityFactory

pytestmark = pytest.mark.django_db
BASE = "/api/v1"


def test_create_read_and_list(api, kenyan, euro):
    created = api.post(
        f"{BASE}/opportunities",
        {
            "organisation": kenyan.pk,
            "title": "Green corridors",
            "amount": "920",
            "currency": "EUR",
            "flagship": "1",
            "outcomes": ["1.1"],
            "countries": ["KE"],
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["amount_usd"], body["stage"], body["probability"]) == ("1000.00", "identified", 10)
    assert body["region"] == "AFRICA" and body["organisation"]["name"] == "Nairobi City County"
    assert {m["stage"] for m in body["moves"]} >= {"cultivating", "won", "lost"}
    listed = api.get(f"{BASE}/opportunities", {"flagship": "1"}).json()
    assert listed["count"] == 1 and listed["results"][0]["title"] == "Green corridors"


def test_list_pages_with_bounded_queries(api, kenyan, django_assert_max_num_queries):
    for _ in range(12):
        OpportunityFactory(organisation=kenyan, co_funders=[], outcomes=["1.1"])
    with django_assert_max_num_queries(15):
        page = api.get(f"{BASE}/opportunities", {"page_size": 5, "page": 2}).json()
    assert (page["count"], len(page["results"])) == (12, 5)


def test_bad_input_is_a_clear_4xx(api, kenyan):
    missing_rate = api.post(
        f"{BASE}/opportunities",
        {
            "organisation": kenyan.pk,
            "title": "X",
            "amount": "5",
            "currency": "GBP",
        },
        content_type="application/json",
    )
    assert missing_rate.status_code == 400
    assert "GBP" in missing_rate.json()["errors"]["currency"][0]
    schema = api.post(
        f"{BASE}/opportunities",
        {"organisation": "abc", "title": "X", "probability": 150},
        content_type="application/json",
    )
    assert schema.status_code == 422 and {"organisation", "probability"} <= set(
        schema.json()["errors"]
    )
    assert not Opportunity.objects.exists()


def test_patch_needs_the_version_and_refuses_a_stale_one(api, kenyan):
    o = OpportunityFactory(organisation=kenyan)
    url = f"{BASE}/opportunities/{o.pk}"
    assert (
        api.patch(url, {"title": "No version"}, content_type="application/json").status_code == 422
    )
    ok = api.patch(url, {"title": "Renamed", "version": 1}, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["version"] == 2
    stale = api.patch(url, {"title": "Again", "version": 1}, content_type="application/json")
    assert stale.status_code == 409 and "changed by someone else" in stale.json()["detail"]


def test_move_and_history(api, kenyan):
    o = OpportunityFactory(organisation=kenyan)
    url = f"{BASE}/opportunities/{o.pk}/move"
    refused = api.post(url, {"stage": "lost", "version": 1}, content_type="application/json")
    assert refused.status_code == 400 and "note" in refused.json()["errors"]
    moved = api.post(
        url, {"stage": "lost", "version": 1, "note": "No budget"}, content_type="application/json"
    )
    assert moved.status_code == 200 and moved.json()["close_reason"] == "No budget"
    history = api.get(f"{BASE}/opportunities/{o.pk}/history").json()
    assert history[0]["changes"]["stage"] == ["Identified", "Lost"]


def test_stages(api):
    stages = api.get(f"{BASE}/funding/stages").json()
    assert [s["code"] for s in stages][:3] == ["identified", "cultivating", "proposal"]
    assert stages[4]["kind"] == "won" and stages[4]["reporting"] == "committed"


def test_exchange_rates(api, euro):
    created = api.post(
        f"{BASE}/exchange-rates",
        {"currency": "gbp", "month": "2025-03-17", "rate": "0.79"},
        content_type="application/json",
    )
    assert created.status_code == 201 and created.json()["month"] == "2025-03-01"
    again = api.post(
        f"{BASE}/exchange-rates",
        {"currency": "GBP", "month": "2025-03-01", "rate": "0.8"},
        content_type="application/json",
    )
    assert again.status_code == 400 and "already" in again.json()["errors"]["month"][0]
    zero = api.post(
        f"{BASE}/exchange-rates",
        {"currency": "GBP", "month": "2025-04-01", "rate": "0"},
        content_type="application/json",
    )
    assert zero.status_code == 400 and "rate" in zero.json()["errors"]
    listed = api.get(f"{BASE}/exchange-rates", {"currency": "gbp"}).json()
    assert listed["count"] == 1 and listed["results"][0]["rate"] == "0.79000000"
    assert ExchangeRate.objects.get(currency="GBP").entered_by is not None


@pytest.mark.parametrize(
    "kind", ["regional", Role.PROGRAMME, Role.MANAGEMENT, "partner", "anonymous"]
)
def test_who_may_do_what(client, user_of, kind, kenyan, brazilian):
    user = user_of(kind)
    if user.is_authenticated:
        client.force_login(user)
    theirs = OpportunityFactory(organisation=brazilian)
    mine = OpportunityFactory(organisation=kenyan)
    listed = client.get(f"{BASE}/opportunities")
    created = client.post(
        f"{BASE}/opportunities",
        {"organisation": kenyan.pk, "title": "X"},
        content_type="application/json",
    )
    rate = client.post(
        f"{BASE}/exchange-rates",
        {"currency": "GBP", "month": "2025-03-01", "rate": "0.8"},
        content_type="application/json",
    )
    if kind == "anonymous":
        assert {listed.status_code, created.status_code, rate.status_code} == {401}
        return
    if kind == "partner":
        assert {listed.status_code, created.status_code, rate.status_code} == {403}
        return
    ids = {r["id"] for r in listed.json()["results"]}
    assert ids == ({mine.pk} if kind == "regional" else {mine.pk, theirs.pk})
    assert created.status_code == (201 if kind == "regional" else 403)
    assert rate.status_code == 403
    assert client.get(f"{BASE}/opportunities/{theirs.pk}").status_code == (
        404 if kind == "regional" else 200
    )
    moved = client.post(
        f"{BASE}/opportunities/{mine.pk}/move",
        {"stage": "cultivating", "version": 1},
        content_type="application/json",
    )
    assert moved.status_code == (200 if kind == "regional" else 403)
    assert Decimal(client.get(f"{BASE}/opportunities/{mine.pk}").json()["amount"]) == 100000
