"""Who sees what, as a matrix: every kind of user against every page and endpoint of a call
under review with two applicants. Another organisation's application, and an application a
reviewer is not cleared for, look like they do not exist (404) or are refused (403) — never
shown."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile

from accord.accounts.models import Role
from accord.portal.calls import application_services
from accord.portal.calls.tests.factories import answers_for, published_call

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def world(reviewers, org_a, org_b, partner_a, partner_b, make_user):
    """A call under review; org A's application carries a document."""
    from datetime import timedelta

    from accord.portal.calls import services

    call = published_call(reviewers=reviewers)
    apps = {}
    for org, user in ((org_a, partner_a), (org_b, partner_b)):
        draft = application_services.application_save(
            actor=user, call=call, answers=answers_for(call), summary=f"Confidential plan of {org}"
        )
        if org == org_a:
            application_services.document_add(
                actor=user,
                application=draft,
                file=SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf"),
            )
        apps[org.pk] = application_services.application_submit(actor=user, application=draft)
    after = call.deadline + timedelta(minutes=1)
    services.call_transition(actor=None, call=call, transition="close", now=after)
    services.call_transition(actor=None, call=call, transition="start_review", now=after)
    a = apps[org_a.pk]
    users = {
        "anonymous": AnonymousUser(),
        "partner_a": partner_a,
        "partner_b": partner_b,
        "reviewer": reviewers[0],
        "outsider_reviewer": make_user(Role.REVIEWER),
        "officer": make_user(Role.OFFICER),
        "management": make_user(Role.MANAGEMENT),
        "programme": make_user(Role.PROGRAMME),
    }
    return {"call": call, "a": a, "doc": a.documents.get(), "users": users}


def _get(client, user, url):
    client.logout()
    if user.is_authenticated:
        client.force_login(user)
    return client.get(url).status_code


PAGES = {
    # url template: {user kind: expected status}
    "/calls/": {
        "anonymous": 302,
        "partner_a": 302,
        "partner_b": 302,
        "reviewer": 200,
        "outsider_reviewer": 200,
        "officer": 200,
        "management": 200,
        "programme": 200,
    },
    "/calls/{call}/": {
        "anonymous": 302,
        "partner_a": 403,
        "partner_b": 403,
        "reviewer": 200,
        "officer": 200,
        "management": 200,
    },
    "/calls/new/": {
        "anonymous": 302,
        "partner_a": 403,
        "reviewer": 403,
        "officer": 200,
        "management": 403,
    },
    "/calls/applications/{a}/": {
        "anonymous": 302,
        "partner_a": 403,
        "partner_b": 403,
        "reviewer": 403,
        "officer": 200,
        "management": 200,
        "programme": 200,
    },
    "/calls/assignments/{a}/": {
        "anonymous": 302,
        "partner_a": 403,
        "partner_b": 403,
        "reviewer": 200,
        "outsider_reviewer": 404,
        "officer": 404,
        "management": 403,
    },
    "/calls/documents/{doc}/": {
        "anonymous": 302,
        "partner_a": 200,
        "partner_b": 404,
        "reviewer": 403,
        "outsider_reviewer": 404,
        "officer": 200,
    },
    "/calls/mine/": {
        "anonymous": 302,
        "partner_a": 200,
        "partner_b": 200,
        "officer": 403,
        "reviewer": 403,
    },
    "/calls/mine/{call}/": {"partner_a": 200, "partner_b": 200, "officer": 403},
    "/calls/open/": {"anonymous": 200, "partner_b": 200, "officer": 200},
    "/calls/open/{call}/": {"anonymous": 200, "partner_b": 200},
    "/api/v1/calls": {"anonymous": 401, "partner_a": 403, "reviewer": 200, "officer": 200},
    "/api/v1/calls/open": {"anonymous": 200, "partner_a": 200},
    "/api/v1/calls/applications/{a}": {
        "anonymous": 401,
        "partner_a": 200,
        "partner_b": 404,
        "reviewer": 404,
        "outsider_reviewer": 404,
        "officer": 200,
        "management": 200,
    },
    "/api/v1/calls/{call}/ranking": {"partner_a": 403, "reviewer": 403, "officer": 200},
    "/api/v1/calls/assignments": {"partner_a": 403, "reviewer": 200, "officer": 200},
}
CASES = [(url, kind, status) for url, row in PAGES.items() for kind, status in row.items()]


@pytest.mark.parametrize(("url", "kind", "status"), CASES)
def test_access_matrix(client, world, url, kind, status):
    path = url.format(call=world["call"].pk, a=world["a"].pk, doc=world["doc"].pk)
    assert _get(client, world["users"][kind], path) == status


def test_another_partner_sees_nothing_of_the_first_ones_application(client, world):
    a = world["a"]
    client.force_login(world["users"]["partner_b"])
    page = client.get(f"/calls/mine/{world['call'].pk}/").content.decode()
    home = client.get("/calls/mine/").content.decode()
    listing = client.get("/api/v1/calls/applications?page_size=200").json()
    for text in (page, home):
        assert a.organisation.name not in text and a.summary not in text
    assert [r["organisation"] for r in listing["results"]] == [
        world["users"]["partner_b"].organisation_id
    ]
    assert client.post(f"/api/v1/calls/applications/{a.pk}/submit").status_code == 404


def test_the_public_api_and_pages_never_show_applicants(client, world):
    a = world["a"]
    for url in (f"/calls/open/{world['call'].pk}/", f"/api/v1/calls/open/{world['call'].pk}"):
        assert a.organisation.name not in client.get(url).content.decode()


def test_staff_do_not_see_drafts(client, world, reviewers, partner_a):
    call = published_call(reviewers=reviewers, title="Another call")
    draft = application_services.application_save(actor=partner_a, call=call)
    client.force_login(world["users"]["officer"])
    assert client.get(f"/calls/applications/{draft.pk}/").status_code == 404
    assert client.get(f"/api/v1/calls/applications/{draft.pk}").status_code == 404


def test_drafts_of_calls_are_not_public(client, reviewers):
    from accord.portal.calls.tests.factories import make_call

    draft = make_call(reviewers=reviewers)
    assert client.get(f"/calls/open/{draft.pk}/").status_code == 404
    assert client.get(f"/api/v1/calls/open/{draft.pk}").status_code == 404
