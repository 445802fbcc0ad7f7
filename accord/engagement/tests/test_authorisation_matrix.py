"""Every role against every page and read endpoint of the engagement app, including records
outside a regional focal point's scope (they must look like they do not exist)."""

import pytest
from django.urls import reverse

from accord.accounts.models import Role
from accord.engagement.tests.factories import (
    BodySessionFactory,
    EngagementFactory,
    PlanActionFactory,
    body,
)

pytestmark = pytest.mark.django_db

OK, LOGIN, FORBIDDEN, MISSING, UNAUTHENTICATED = 200, 302, 403, 404, 401
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


@pytest.fixture
def records(kenyan, brazilian):
    session = BodySessionFactory()
    return {
        "mine": EngagementFactory(organisations=[kenyan]),
        "theirs": EngagementFactory(organisations=[brazilian]),
        "kenyan": kenyan,
        "brazilian": brazilian,
        "body": body(),
        "session": session,
        "action": PlanActionFactory(region="LAC"),
    }


# (name, url builder, who may: reader / logger / recorder / manager / plan editor)
READ = {Role.MANAGEMENT, Role.PROGRAMME, Role.OFFICER, Role.ADMIN, "regional"}
LOG = {Role.PROGRAMME, Role.OFFICER, Role.ADMIN, "regional"}
EDIT_ANY = {Role.OFFICER, Role.ADMIN, "regional"}
RECORD = {Role.OFFICER, Role.ADMIN}
MANAGE = {Role.ADMIN}
PLAN_ANY = {Role.OFFICER, Role.ADMIN}
PICK = LOG | RECORD

PAGES = [
    ("list", lambda r: reverse("engagement:list"), READ),
    ("create", lambda r: reverse("engagement:create"), LOG),
    ("detail", lambda r: reverse("engagement:detail", args=[r["mine"].pk]), READ),
    ("edit", lambda r: reverse("engagement:edit", args=[r["mine"].pk]), EDIT_ANY),
    ("follow-ups", lambda r: reverse("engagement:follow_ups"), READ),
    ("picker", lambda r: reverse("engagement:partner_picker"), PICK),
    (
        "partner tab",
        lambda r: reverse("engagement:partner_engagements", args=[r["kenyan"].pk]),
        READ,
    ),
    ("bodies", lambda r: reverse("engagement:bodies"), READ),
    ("body", lambda r: reverse("engagement:body_detail", args=[r["body"].pk]), READ),
    ("body create", lambda r: reverse("engagement:body_create"), MANAGE),
    ("body edit", lambda r: reverse("engagement:body_edit", args=[r["body"].pk]), MANAGE),
    ("member add", lambda r: reverse("engagement:member_add", args=[r["body"].pk]), RECORD),
    ("session create", lambda r: reverse("engagement:session_create", args=[r["body"].pk]), RECORD),
    ("session", lambda r: reverse("engagement:session_detail", args=[r["session"].pk]), READ),
    (
        "participant add",
        lambda r: reverse("engagement:participant_add", args=[r["session"].pk]),
        RECORD,
    ),
    ("plan", lambda r: reverse("engagement:plan"), READ),
    ("action create", lambda r: reverse("engagement:action_create"), LOG),
    ("action", lambda r: reverse("engagement:action_detail", args=[r["action"].pk]), READ),
    ("action edit", lambda r: reverse("engagement:action_edit", args=[r["action"].pk]), PLAN_ANY),
    ("scorecard", lambda r: reverse("engagement:scorecard"), READ),
    ("attention", lambda r: reverse("engagement:attention"), READ),
    ("coordination", lambda r: reverse("engagement:coordination"), READ),
]

ENDPOINTS = [
    ("engagements", lambda r: "/api/v1/engagements"),
    ("engagement", lambda r: f"/api/v1/engagements/{r['mine'].pk}"),
    ("engagement history", lambda r: f"/api/v1/engagements/{r['mine'].pk}/history"),
    ("engagement follow-ups", lambda r: f"/api/v1/engagements/{r['mine'].pk}/follow-ups"),
    ("follow-ups", lambda r: "/api/v1/follow-ups"),
    ("bodies", lambda r: "/api/v1/governance-bodies"),
    ("body", lambda r: f"/api/v1/governance-bodies/{r['body'].pk}"),
    ("members", lambda r: f"/api/v1/governance-bodies/{r['body'].pk}/members"),
    ("sessions", lambda r: f"/api/v1/governance-bodies/{r['body'].pk}/sessions"),
    ("participation", lambda r: f"/api/v1/governance-bodies/{r['body'].pk}/participation"),
    ("session", lambda r: f"/api/v1/governance-sessions/{r['session'].pk}"),
    ("plan actions", lambda r: "/api/v1/plan-actions"),
    ("plan action", lambda r: f"/api/v1/plan-actions/{r['action'].pk}"),
    ("plan action history", lambda r: f"/api/v1/plan-actions/{r['action'].pk}/history"),
    ("scorecard", lambda r: "/api/v1/scorecard"),
    ("needs attention", lambda r: "/api/v1/needs-attention"),
    ("overlaps", lambda r: "/api/v1/coordination/overlaps"),
    ("partner health", lambda r: f"/api/v1/organisations/{r['kenyan'].pk}/health"),
]


def login(client, user_of, kind):
    if kind != "anonymous":
        client.force_login(user_of(kind))


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("name", "url", "allowed"), PAGES, ids=[p[0] for p in PAGES])
def test_pages(client, user_of, records, kind, name, url, allowed):
    login(client, user_of, kind)
    expected = LOGIN if kind == "anonymous" else OK if kind in allowed else FORBIDDEN
    assert client.get(url(records)).status_code == expected


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("name", "url"), ENDPOINTS, ids=[e[0] for e in ENDPOINTS])
def test_read_endpoints(client, user_of, records, kind, name, url):
    login(client, user_of, kind)
    expected = UNAUTHENTICATED if kind == "anonymous" else OK if kind in READ else FORBIDDEN
    response = client.get(url(records))
    assert response.status_code == expected
    assert response.status_code == OK or set(response.json()) == {"detail", "errors"}


OUT_OF_SCOPE = [
    lambda r: reverse("engagement:detail", args=[r["theirs"].pk]),
    lambda r: reverse("engagement:edit", args=[r["theirs"].pk]),
    lambda r: reverse("engagement:partner_engagements", args=[r["brazilian"].pk]),
    lambda r: f"/api/v1/engagements/{r['theirs'].pk}",
    lambda r: f"/api/v1/engagements/{r['theirs'].pk}/history",
    lambda r: f"/api/v1/engagements/{r['theirs'].pk}/follow-ups",
    lambda r: f"/api/v1/organisations/{r['brazilian'].pk}/health",
]


@pytest.mark.parametrize("url", OUT_OF_SCOPE)
def test_records_outside_the_region_look_missing(client, regional, records, url):
    client.force_login(regional)
    assert client.get(url(records)).status_code == MISSING
