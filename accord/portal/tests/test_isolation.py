"""Isolation between partners, as a matrix: two partner users of two organisations against
every portal page and endpoint, and the main pages and API lists of the other apps. A partner
user sees only its own organisation's records; another's answers 404 (or the page is refused
with 403), and none of the other organisation's names, people or texts ever appear."""

import pytest
from django.urls import reverse

from accord.partners.models import RelationshipKind
from accord.partners.tests.factories import ContactFactory, RelationshipFactory
from accord.portal import profile_services
from accord.portal.models import RegistrationKind
from accord.portal.tests.factories import make_interest

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(partner_a, partner_b, kenyan, brazilian, submitted):
    """Each organisation with a contact, an interest, a change request and a join request;
    partner A's organisation also has a relationship with B's."""
    data = {}
    for key, user, org, city in (
        ("a", partner_a, kenyan, "Nairobi"),
        ("b", partner_b, brazilian, "Recife"),
    ):
        contact = ContactFactory(
            organisation=org,
            first_name=f"Secret{city}",
            last_name="Person",
            email=f"secret@{city.lower()}.example",
        )
        eoi = make_interest(
            user, title=f"Confidential plan of {city}", countries=["KE" if key == "a" else "BR"]
        )
        change = profile_services.profile_update(
            actor=user, organisation=org, name=f"{org.name} Renamed"
        )["request"]
        join = submitted(
            kind=RegistrationKind.JOIN,
            org_name=org.name,
            category="",
            country=org.country_id,
            first_name=f"Joiner{city}",
        )
        assert join.organisation_id == org.pk
        data[key] = {
            "org": org,
            "contact": contact,
            "eoi": eoi,
            "change": change,
            "join": join,
            "user": user,
            "secrets": [org.name, contact.email, eoi.title, f"Joiner{city}"],
        }
    RelationshipFactory(source=kenyan, target=brazilian, kind=RelationshipKind.PARTNER_OF)
    return data


def _portal_urls(other) -> list[tuple[str, str]]:
    """(method, url) of the portal naming the other organisation's records."""
    return [
        ("get", reverse("portal:interest", args=[other["eoi"].pk])),
        ("post", reverse("portal:interest_withdraw", args=[other["eoi"].pk])),
        ("get", reverse("portal:contact_edit", args=[other["contact"].pk])),
        ("post", reverse("portal:contact_remove", args=[other["contact"].pk])),
        ("post", reverse("portal:join_decide", args=[other["join"].pk])),
        ("get", f"/api/v1/portal/me/interests/{other['eoi'].pk}"),
    ]


STAFF_URLS = [
    reverse("portal:staff_home"),
    reverse("portal:staff_home") + "?tab=joins",
    reverse("portal:staff_home") + "?tab=changes",
    reverse("portal:interest_stream"),
    "/api/v1/portal/registrations",
    "/api/v1/portal/change-requests",
    "/api/v1/portal/interests",
]

OWN_PAGES = [
    reverse("portal:home"),
    reverse("portal:partner_home"),
    reverse("portal:profile"),
    reverse("portal:interests"),
    reverse("portal:interest_new"),
    reverse("portal:contact_new"),
    "/api/v1/portal/me",
    "/api/v1/portal/me/interests",
]

# The other apps' main pages and API lists: refused, or only the partner's own records.
OTHER_APPS = [
    "/",
    "/partners/",
    "/partners/duplicates/",
    "/partners/imports/",
    "/partners/merges/",
    "/engagement/",
    "/funding/opportunities/",
    "/agreements/",
    "/diligence/",
    "/priorities/",
    "/matches/",
    "/results/",
    "/knowledge/",
    "/reports/",
    "/api/v1/organisations",
    "/api/v1/contacts",
    "/api/v1/duplicates",
    "/api/v1/organisations/duplicates/check?name=Prefeitura+de+Recife",
    "/api/v1/engagements",
    "/api/v1/opportunities",
    "/api/v1/pledges",
    "/api/v1/contributions",
    "/api/v1/agreements",
    "/api/v1/screening/hits",
    "/api/v1/diligence/reviews",
    "/api/v1/priorities/scores",
    "/api/v1/knowledge/items",
    "/api/v1/network/centrality",
]


def _other_app_detail_urls(other) -> list[str]:
    org, contact = other["org"].pk, other["contact"].pk
    return [
        f"/partners/{org}/",
        f"/partners/{org}/edit/",
        f"/partners/contacts/{contact}/",
        f"/api/v1/organisations/{org}",
        f"/api/v1/organisations/{org}/relationships",
        f"/api/v1/organisations/{org}/history",
        f"/api/v1/contacts/{contact}",
        f"/api/v1/organisations/{org}/diligence",
        f"/api/v1/priorities/scores/{org}",
        f"/api/v1/network/partners/{org}",
    ]


def _assert_hidden(response, other, url):
    assert response.status_code in (302, 403, 404) or not any(
        secret in response.content.decode() for secret in other["secrets"]
    ), f"{url} shows another organisation's data"


@pytest.mark.parametrize(("me", "them"), [("a", "b"), ("b", "a")])
def test_records_of_the_other_organisation_answer_not_found(client, world, me, them):
    client.force_login(world[me]["user"])
    for method, url in _portal_urls(world[them]):
        response = getattr(client, method)(
            url, {"decision": "approve"} if method == "post" else None
        )
        assert response.status_code == 404, url
    world[them]["eoi"].refresh_from_db()
    assert world[them]["eoi"].status == "submitted"
    world[them]["join"].refresh_from_db()
    assert world[them]["join"].status == "submitted"


@pytest.mark.parametrize(("me", "them"), [("a", "b"), ("b", "a")])
def test_staff_pages_of_the_portal_are_refused(client, world, me, them):
    client.force_login(world[me]["user"])
    for url in STAFF_URLS:
        assert client.get(url).status_code == 403, url
    for pk in (world[them]["join"].pk, world[me]["join"].pk):
        assert client.get(reverse("portal:registration", args=[pk])).status_code == 403
        assert client.get(f"/api/v1/portal/registrations/{pk}").status_code == 403
    assert client.get(reverse("portal:change", args=[world[them]["change"].pk])).status_code == 403


@pytest.mark.parametrize(("me", "them"), [("a", "b"), ("b", "a")])
def test_own_pages_show_nothing_of_the_other_organisation(client, world, me, them):
    client.force_login(world[me]["user"])
    for url in OWN_PAGES:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        _assert_hidden(response, world[them], url)
    body = client.get(reverse("portal:partner_home")).content.decode()
    assert world[me]["eoi"].title in body and world[me]["contact"].email in body
    assert f"Joiner{'Nairobi' if me == 'a' else 'Recife'}" in body


@pytest.mark.parametrize(("me", "them"), [("a", "b"), ("b", "a")])
def test_other_apps_show_nothing_of_the_other_organisation(client, world, me, them):
    client.force_login(world[me]["user"])
    for url in OTHER_APPS:
        _assert_hidden(client.get(url), world[them], url)
    for url in _other_app_detail_urls(world[them]):
        assert client.get(url).status_code in (403, 404), url


def test_own_organisation_in_other_apps_does_not_reveal_related_partners(client, world):
    """Partner A's organisation has a relationship with B's: A's own registry page and API
    must still not name B."""
    client.force_login(world["a"]["user"])
    org = world["a"]["org"].pk
    for url in (
        f"/partners/{org}/",
        f"/api/v1/organisations/{org}",
        f"/api/v1/organisations/{org}/relationships",
    ):
        _assert_hidden(client.get(url), world["b"], url)


def test_anonymous_visitors_see_the_public_pages_only(client, world):
    for url in (
        reverse("portal:home"),
        reverse("portal:how_to_partner"),
        reverse("portal:register"),
        reverse("portal:join"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        _assert_hidden(response, world["a"], url)
    for url in OWN_PAGES[1:6] + STAFF_URLS[:4]:
        assert client.get(url).status_code == 302, url  # to the login page
    for url in ("/api/v1/portal/me", "/api/v1/portal/interests"):
        assert client.get(url).status_code == 401, url
