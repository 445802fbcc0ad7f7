"""The agreements API: create, read, edit with versions, transitions, amendments, obligations,
filters, errors as JSON 4xx, and bounded queries."""

import pytest

from accord.agreements.models import Agreement
from accord.agreements.tests.factories import (
    AgreementFactory,
    ObligationFactory,
    days_from_today,
    signed_agreement,
)
from accord.agreements.tests.helpers import BASE, patch, post
from accord.engagement.tests.conftest import api  # noqa: F401 - the logged-in API client
from accord.partners.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_create_read_and_list(api, kenyan, eur_rate):  # noqa: F811
    response = post(
        api,
        f"{BASE}/agreements",
        {
            "title": "Contribution for Nairobi",
            "type": "contribution",
            "parties": [{"organisation": kenyan.pk, "role": "donor"}],
            "amount": "900.00",
            "currency": "EUR",
            "value_date": "2025-03-10",
            "start_date": "2025-04-01",
            "end_date": "2026-03-31",
            "outcomes": ["1.1"],
        },
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["reference"].startswith("AGR-") and body["status"] == "draft"
    assert body["amount_usd"] == "1000.00" and body["parties"][0]["role"] == "donor"
    assert [t["name"] for t in body["transitions"]] == ["submit"]
    listed = api.get(f"{BASE}/agreements", {"type": "contribution"}).json()
    assert listed["count"] == 1 and listed["results"][0]["id"] == body["id"]


def test_bad_input_is_a_json_4xx(api, kenyan):  # noqa: F811
    response = post(
        api,
        f"{BASE}/agreements",
        {
            "title": "",
            "type": "nope",
            "parties": [],
            "amount": "10",
            "currency": "GBP",
            "value_date": "2025-03-10",
        },
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert {"title", "type", "parties", "currency"} <= set(errors)
    assert post(api, f"{BASE}/agreements", {"title": "x"}).status_code == 422
    assert api.get(f"{BASE}/agreements", {"expiring_within": "-1"}).status_code == 422
    assert api.get(f"{BASE}/agreements/999999").status_code == 404


def test_patch_with_a_stale_version_is_a_conflict(api):  # noqa: F811
    a = AgreementFactory()
    ok = patch(api, f"{BASE}/agreements/{a.pk}", {"title": "New", "version": 1})
    assert ok.status_code == 200 and ok.json()["version"] == 2
    stale = patch(api, f"{BASE}/agreements/{a.pk}", {"title": "Newer", "version": 1})
    assert stale.status_code == 409


def test_transitions_through_the_api(api):  # noqa: F811
    a = AgreementFactory()
    url = f"{BASE}/agreements/{a.pk}/transition"
    assert post(api, url, {"name": "submit", "version": 1}).json()["status"] == "under_review"
    refused = post(api, url, {"name": "sign"})
    assert refused.status_code == 400 and "transition" in refused.json()["errors"]
    signed = post(api, url, {"name": "sign", "date": days_from_today(-1).isoformat()})
    assert signed.json()["signed_on"] == days_from_today(-1).isoformat()
    history = api.get(f"{BASE}/agreements/{a.pk}/history").json()
    assert history[0]["changes"]["status"] == ["under_review", "signed"]


def test_amendments_through_the_api(api):  # noqa: F811
    a = signed_agreement()
    url = f"{BASE}/agreements/{a.pk}/amendments"
    created = post(
        api,
        url,
        {
            "signed_on": days_from_today(0).isoformat(),
            "summary": "Rename",
            "title": "Renamed agreement",
        },
    )
    assert created.status_code == 201
    assert created.json()["changes"] == {"title": [a.title, "Renamed agreement"]}
    assert api.get(url).json()[0]["number"] == 1
    locked = patch(api, f"{BASE}/agreements/{a.pk}", {"title": "Sneaky"})
    assert locked.status_code == 400 and "amendment" in locked.json()["errors"]["title"][0]


def test_obligations_through_the_api(api, officer):  # noqa: F811
    a = signed_agreement()
    url = f"{BASE}/agreements/{a.pk}/obligations"
    created = post(
        api,
        url,
        {
            "kind": "financial_report",
            "title": "Q1 financial report",
            "due_date": days_from_today(10).isoformat(),
            "owner": officer.pk,
        },
    )
    assert created.status_code == 201
    oid = created.json()["id"]
    ObligationFactory(agreement=a, due_date=days_from_today(200))
    due = api.get(
        f"{BASE}/obligations", {"due_before": days_from_today(30).isoformat(), "owner": officer.pk}
    ).json()
    assert [o["id"] for o in due["results"]] == [oid]
    done = post(api, f"{BASE}/obligations/{oid}/transition", {"name": "complete"})
    assert done.json()["status"] == "done" and done.json()["completed_on"]
    bad = post(api, f"{BASE}/obligations/{oid}/transition", {"name": "waive"})
    assert bad.status_code == 400
    assert len(api.get(url).json()) == 2


def test_types_are_listed(api):  # noqa: F811
    codes = [t["code"] for t in api.get(f"{BASE}/agreement-types").json()]
    assert codes[:2] == ["mou", "letter_of_intent"] and len(codes) == 6


@pytest.mark.parametrize("n", [2, 10])
def test_lists_make_a_bounded_number_of_queries(api, django_assert_max_num_queries, n):  # noqa: F811
    for _ in range(n):
        a = AgreementFactory(parties=[OrganisationFactory(), OrganisationFactory()])
        ObligationFactory(agreement=a)
    with django_assert_max_num_queries(8):
        assert api.get(f"{BASE}/agreements").json()["count"] == n
    with django_assert_max_num_queries(8):
        assert api.get(f"{BASE}/obligations").json()["count"] == n
    assert Agreement.objects.count() == n
