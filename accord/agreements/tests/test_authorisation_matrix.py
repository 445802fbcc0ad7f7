"""Every role against every page and read endpoint of the agreements app, including records
outside a regional focal point's region (they must look like they do not exist)."""

import pytest
from django.urls import reverse

from accord.accounts.models import Role
from accord.agreements import permissions
from accord.agreements.tests.factories import AgreementFactory, ObligationFactory

pytestmark = pytest.mark.django_db

KINDS = [
    "anonymous",
    Role.REVIEWER,
    "partner",
    Role.MANAGEMENT,
    Role.PROGRAMME,
    Role.OFFICER,
    Role.ADMIN,
    "regional",
]
READ = {Role.MANAGEMENT, Role.PROGRAMME, Role.OFFICER, Role.ADMIN, "regional"}
EDIT = {Role.OFFICER, Role.ADMIN, "regional"}


@pytest.fixture
def records(kenyan, brazilian):
    mine = AgreementFactory(parties=[kenyan])
    theirs = AgreementFactory(parties=[brazilian])
    return {
        "mine": mine,
        "theirs": theirs,
        "kenyan": kenyan,
        "obligation": ObligationFactory(agreement=mine),
        "their_obligation": ObligationFactory(agreement=theirs),
    }


PAGES = [
    ("list", lambda r: reverse("agreements:list"), READ),
    ("create", lambda r: reverse("agreements:create"), EDIT),
    ("types", lambda r: reverse("agreements:types"), READ),
    ("picker", lambda r: reverse("agreements:party_picker"), EDIT),
    ("detail", lambda r: reverse("agreements:detail", args=[r["mine"].pk]), READ),
    ("edit", lambda r: reverse("agreements:edit", args=[r["mine"].pk]), EDIT),
    ("amend", lambda r: reverse("agreements:amendment_create", args=[r["mine"].pk]), EDIT),
    (
        "obligation create",
        lambda r: reverse("agreements:obligation_create", args=[r["mine"].pk]),
        EDIT,
    ),
    (
        "obligation edit",
        lambda r: reverse("agreements:obligation_edit", args=[r["obligation"].pk]),
        EDIT,
    ),
    ("obligations", lambda r: reverse("agreements:obligations"), READ),
    ("calendar", lambda r: reverse("agreements:calendar"), READ),
    (
        "partner tab",
        lambda r: reverse("agreements:partner_agreements", args=[r["kenyan"].pk]),
        READ,
    ),
]
ENDPOINTS = [
    ("agreements", lambda r: "/api/v1/agreements"),
    ("agreement", lambda r: f"/api/v1/agreements/{r['mine'].pk}"),
    ("amendments", lambda r: f"/api/v1/agreements/{r['mine'].pk}/amendments"),
    ("agreement obligations", lambda r: f"/api/v1/agreements/{r['mine'].pk}/obligations"),
    ("obligations", lambda r: "/api/v1/obligations"),
    ("obligation", lambda r: f"/api/v1/obligations/{r['obligation'].pk}"),
    ("types", lambda r: "/api/v1/agreement-types"),
]
OUT_OF_REGION = [
    lambda r: reverse("agreements:detail", args=[r["theirs"].pk]),
    lambda r: reverse("agreements:edit", args=[r["theirs"].pk]),
    lambda r: reverse("agreements:amendment_create", args=[r["theirs"].pk]),
    lambda r: reverse("agreements:obligation_edit", args=[r["their_obligation"].pk]),
    lambda r: f"/api/v1/agreements/{r['theirs'].pk}",
    lambda r: f"/api/v1/agreements/{r['theirs'].pk}/history",
    lambda r: f"/api/v1/obligations/{r['their_obligation'].pk}",
]


def login(client, user_of, kind):
    user = None
    if kind != "anonymous":
        user = user_of(kind)
        client.force_login(user)
    return user


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("name", "url", "allowed"), PAGES, ids=[p[0] for p in PAGES])
def test_pages(client, user_of, records, kind, name, url, allowed):
    login(client, user_of, kind)
    expected = 302 if kind == "anonymous" else 200 if kind in allowed else 403
    assert client.get(url(records)).status_code == expected


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("name", "url"), ENDPOINTS, ids=[e[0] for e in ENDPOINTS])
def test_read_endpoints(client, user_of, records, kind, name, url):
    login(client, user_of, kind)
    expected = 401 if kind == "anonymous" else 200 if kind in READ else 403
    assert client.get(url(records)).status_code == expected


@pytest.mark.parametrize("url", OUT_OF_REGION)
def test_out_of_region_records_look_absent_to_a_regional_focal_point(client, user_of, records, url):
    login(client, user_of, "regional")
    assert client.get(url(records)).status_code == 404


def test_lists_leave_out_what_the_regional_focal_point_may_not_see(client, user_of, records):
    login(client, user_of, "regional")
    page = client.get(reverse("agreements:list")).content.decode()
    assert records["mine"].reference in page and records["theirs"].reference not in page
    found = client.get("/api/v1/obligations").json()
    assert [o["id"] for o in found["results"]] == [records["obligation"].pk]


def test_an_agreement_led_by_the_region_is_visible_whatever_its_parties(user_of, region, brazilian):
    led_here = AgreementFactory(parties=[brazilian], region=region)
    assert permissions.can_view(user_of("regional"), led_here)


def test_a_programme_manager_completes_only_the_obligations_they_own(user_of, records):
    manager = user_of(Role.PROGRAMME)
    o = records["obligation"]
    assert not permissions.can_complete_obligation(manager, o)
    o.owner = manager
    assert permissions.can_complete_obligation(manager, o)
    assert not permissions.can_edit(manager, o.agreement)
    assert permissions.can_complete_obligation(user_of(Role.OFFICER), records["obligation"])
    assert not permissions.can_complete_obligation(user_of(Role.MANAGEMENT), o)


def test_a_programme_manager_marks_their_obligation_done(client, user_of, records):
    manager = login(client, user_of, Role.PROGRAMME)
    o = records["obligation"]
    url = reverse("agreements:obligation_transition", args=[o.pk])
    assert client.post(url, {"transition": "complete"}).status_code == 403
    o.owner = manager
    o.save(update_fields=["owner"])
    assert client.post(url, {"transition": "complete"}).status_code == 302
    o.refresh_from_db()
    assert o.status == "done"
