"""Every role against every pipeline and rates page: readers read, editors edit, a regional
focal point outside their region finds nothing (404), partners and anonymous are refused."""

import pytest
from django.urls import reverse

from accord.accounts.models import Role
from accord.funding.tests.factories import OpportunityFactory

pytestmark = pytest.mark.django_db
READERS = [Role.ADMIN, Role.OFFICER, "regional", Role.PROGRAMME, Role.MANAGEMENT]
EDITORS = [Role.ADMIN, Role.OFFICER, "regional"]
EVERYONE = [*READERS, Role.REVIEWER, "partner", "anonymous"]


def status(client, user, url, method="get", data=None):
    if user.is_authenticated:
        client.force_login(user)
    response = getattr(client, method)(url, data or {})
    if response.status_code == 302 and "login" in response["Location"]:
        return "login"
    return response.status_code


@pytest.fixture
def opportunity(kenyan):
    return OpportunityFactory(organisation=kenyan)


@pytest.mark.parametrize("kind", EVERYONE)
@pytest.mark.parametrize("name", ["pipeline", "opportunity_list", "rates"])
def test_reading_pages(client, user_of, kind, name):
    expected = 200 if kind in READERS else "login" if kind == "anonymous" else 403
    assert status(client, user_of(kind), reverse(f"funding:{name}")) == expected


@pytest.mark.parametrize("kind", EVERYONE)
def test_reading_an_opportunity_and_the_partner_tab(client, user_of, kind, opportunity, kenyan):
    user = user_of(kind)
    expected = 200 if kind in READERS else "login" if kind == "anonymous" else 403
    if kind in ("partner", Role.REVIEWER):
        expected = 404  # opportunity_for: out of the funding scope looks absent
    url = reverse("funding:opportunity_detail", args=[opportunity.pk])
    assert status(client, user, url) == expected
    tab = reverse("funding:partner_pipeline", args=[kenyan.pk])
    assert status(client, user, tab) == (expected if expected != 404 else 403)


@pytest.mark.parametrize("kind", EVERYONE)
def test_writing_pages(client, user_of, kind, opportunity):
    user = user_of(kind)
    refused = "login" if kind == "anonymous" else 403
    ok = kind in EDITORS
    assert status(client, user, reverse("funding:opportunity_create")) == (200 if ok else refused)
    edit = reverse("funding:opportunity_edit", args=[opportunity.pk])
    expected_edit = 200 if ok else 404 if kind in ("partner", Role.REVIEWER) else refused
    assert status(client, user, edit) == expected_edit
    move = reverse("funding:opportunity_move", args=[opportunity.pk])
    moved = status(client, user, move, "post", {"stage": "cultivating", "version": 1})
    assert moved == (302 if ok else expected_edit)


@pytest.mark.parametrize("kind", EVERYONE)
def test_managing_rates(client, user_of, kind):
    managers = [Role.ADMIN, Role.OFFICER]
    expected = 200 if kind in managers else "login" if kind == "anonymous" else 403
    assert status(client, user_of(kind), reverse("funding:rate_create")) == expected
    assert status(client, user_of(kind), reverse("funding:rate_import")) == expected


def test_a_regional_focal_point_sees_only_their_region(client, regional, kenyan, brazilian):
    mine = OpportunityFactory(organisation=kenyan, title="Mine")
    theirs = OpportunityFactory(organisation=brazilian, title="Theirs")
    client.force_login(regional)
    for name in ("opportunity_detail", "opportunity_edit"):
        assert client.get(reverse(f"funding:{name}", args=[theirs.pk])).status_code == 404
        assert client.get(reverse(f"funding:{name}", args=[mine.pk])).status_code == 200
    move = reverse("funding:opportunity_move", args=[theirs.pk])
    assert client.post(move, {"stage": "cultivating", "version": 1}).status_code == 404
    for url in (reverse("funding:pipeline"), reverse("funding:opportunity_list")):
        html = client.get(url).content.decode()
        assert "Mine" in html and "Theirs" not in html
    assert client.get(reverse("funding:partner_pipeline", args=[brazilian.pk])).status_code == 404
