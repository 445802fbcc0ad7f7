"""Every role against every due-diligence page and read endpoint, with records in and outside a
regional focal point's region (outside, they must look like they do not exist)."""

import pytest
from django.urls import reverse

from accord.accounts.models import Role
from accord.diligence.models import Entry
from accord.diligence.tests.factories import make_hit, make_review

pytestmark = pytest.mark.django_db

OK, LOGIN, FORBIDDEN, MISSING, UNAUTHENTICATED = 200, 302, 403, 404, 401
KINDS = ["anonymous", Role.REVIEWER, "partner", Role.MANAGEMENT, Role.PROGRAMME, Role.OFFICER,
         Role.ADMIN, "regional"]
READ = {Role.MANAGEMENT, Role.PROGRAMME, Role.OFFICER, Role.ADMIN, "regional"}
PREPARE = {Role.OFFICER, Role.ADMIN, "regional"}
ADMIN = {Role.ADMIN}


@pytest.fixture
def records(listed, kenyan, brazilian, kenyan_contact, preparer):
    return {
        "mine": make_hit(organisation=kenyan),
        "contact_hit": make_hit(contact=kenyan_contact, data_id="1"),
        "theirs": make_hit(organisation=brazilian),
        "review": make_review(kenyan, preparer=preparer),
        "their_review": make_review(brazilian, preparer=preparer),
        "kenyan": kenyan,
        "brazilian": brazilian,
        "entry": Entry.objects.get(data_id="9"),
    }


# (name, url, who may open it, answer of a regional focal point when allowed by role)
PAGES = [
    ("hits", lambda r: reverse("diligence:hits"), READ, OK),
    ("hit", lambda r: reverse("diligence:hit_detail", args=[r["mine"].pk]), READ, OK),
    ("contact hit", lambda r: reverse("diligence:hit_detail", args=[r["contact_hit"].pk]), READ,
     OK),
    ("their hit", lambda r: reverse("diligence:hit_detail", args=[r["theirs"].pk]), READ,
     MISSING),
    ("reviews", lambda r: reverse("diligence:reviews"), READ, OK),
    ("review", lambda r: reverse("diligence:review_detail", args=[r["review"].pk]), READ, OK),
    ("their review", lambda r: reverse("diligence:review_detail", args=[r["their_review"].pk]),
     READ, MISSING),
    ("edit review", lambda r: reverse("diligence:review_edit", args=[r["review"].pk]), PREPARE,
     OK),
    ("edit their review",
     lambda r: reverse("diligence:review_edit", args=[r["their_review"].pk]), PREPARE, MISSING),
    ("new review", lambda r: reverse("diligence:review_create") + f"?organisation={r['kenyan'].pk}",
     PREPARE, OK),
    ("new review of theirs",
     lambda r: reverse("diligence:review_create") + f"?organisation={r['brazilian'].pk}",
     PREPARE, MISSING),
    ("policy", lambda r: reverse("diligence:policy"), ADMIN, OK),
    ("lists", lambda r: reverse("diligence:lists"), READ, OK),
    ("entries", lambda r: reverse("diligence:entries"), READ, OK),
    ("entry", lambda r: reverse("diligence:entry_detail", args=[r["entry"].pk]), READ, OK),
    ("partner tab", lambda r: reverse("diligence:partner_diligence", args=[r["kenyan"].pk]),
     READ, OK),
    ("their partner tab",
     lambda r: reverse("diligence:partner_diligence", args=[r["brazilian"].pk]), READ, MISSING),
]


def expected(kind: str, allowed: set, regional_answer: int) -> int:
    if kind == "anonymous":
        return LOGIN
    if kind not in allowed:
        return FORBIDDEN
    return regional_answer if kind == "regional" else OK


@pytest.mark.parametrize("kind", KINDS)
def test_every_role_against_every_page(client, user_of, records, kind):
    user = user_of(kind)
    if kind != "anonymous":
        client.force_login(user)
    answers = {name: client.get(url(records)).status_code for name, url, _, _ in PAGES}
    wanted = {name: expected(kind, allowed, regional) for name, _, allowed, regional in PAGES}
    assert answers == wanted


API = [
    ("hits", lambda r: "/api/v1/screening/hits", READ, OK),
    ("hit", lambda r: f"/api/v1/screening/hits/{r['mine'].pk}", READ, OK),
    ("their hit", lambda r: f"/api/v1/screening/hits/{r['theirs'].pk}", READ, MISSING),
    ("diligence", lambda r: f"/api/v1/organisations/{r['kenyan'].pk}/diligence", READ, OK),
    ("their diligence", lambda r: f"/api/v1/organisations/{r['brazilian'].pk}/diligence", READ,
     MISSING),
    ("reviews", lambda r: "/api/v1/diligence/reviews", READ, OK),
    ("review", lambda r: f"/api/v1/diligence/reviews/{r['review'].pk}", READ, OK),
    ("their review", lambda r: f"/api/v1/diligence/reviews/{r['their_review'].pk}", READ,
     MISSING),
    ("versions", lambda r: "/api/v1/sanctions/versions", READ, OK),
    ("entries", lambda r: "/api/v1/sanctions/entries?q=acme", READ, OK),
]


@pytest.mark.parametrize("kind", KINDS)
def test_every_role_against_every_read_endpoint(client, user_of, records, kind):
    user = user_of(kind)
    if kind != "anonymous":
        client.force_login(user)
    answers = {name: client.get(url(records)).status_code for name, url, _, _ in API}
    wanted = {
        name: UNAUTHENTICATED if kind == "anonymous" else expected(kind, allowed, regional)
        for name, _, allowed, regional in API
    }
    assert answers == wanted


DECIDE = {Role.OFFICER, Role.ADMIN}


@pytest.mark.parametrize("kind", KINDS[1:])
def test_who_may_decide_a_hit(client, user_of, records, kind):
    client.force_login(user_of(kind))
    response = client.post(
        reverse("diligence:hit_decide", args=[records["mine"].pk]),
        {"status": "false_positive", "reason": "Different company."},
    )
    if kind in DECIDE:
        assert response.status_code == LOGIN  # decided, back to the hit
    else:
        assert response.status_code == FORBIDDEN


def test_a_regional_focal_point_cannot_reach_a_hit_outside_their_region(
    client, user_of, records
):
    client.force_login(user_of("regional"))
    response = client.post(
        reverse("diligence:hit_decide", args=[records["theirs"].pk]),
        {"status": "false_positive", "reason": "x"},
    )
    assert response.status_code == MISSING


def test_the_regional_queue_only_lists_hits_of_their_region(client, user_of, records):
    client.force_login(user_of("regional"))
    body = client.get(reverse("diligence:hits")).content.decode()
    assert records["kenyan"].name in body and records["brazilian"].name not in body
