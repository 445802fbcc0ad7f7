"""The review queue page, "Not a duplicate" (HTMX and plain), and the form's duplicates panel."""

import pytest
from django.urls import reverse

from accord.accounts.models import Role
from accord.partners import duplicates
from accord.partners.models import DuplicateCandidate
from accord.partners.tests.factories import OrganisationFactory, country

pytestmark = pytest.mark.django_db
QUEUE = reverse("partners:duplicates")
PANEL = reverse("partners:duplicate_panel")


def _decide_url(candidate) -> str:
    return reverse("partners:duplicate_not_duplicate", args=[candidate.pk])


@pytest.fixture
def kenyan_pair():
    a = OrganisationFactory(name="Kibera Slum Dwellers Federation", country=country("KE"))
    b = OrganisationFactory(name="Kibera Slum-Dwellers Federation", country=country("KE"))
    duplicates.duplicate_scan()
    return DuplicateCandidate.objects.get(first=a, second=b)


@pytest.fixture
def cross_region_pair():
    a = OrganisationFactory(name="Fundación Techo Vivienda", country=country("KE"))
    b = OrganisationFactory(name="Fundacion Techo Vivienda", country=None)
    duplicates.duplicate_scan()
    return DuplicateCandidate.objects.get(first=a, second=b)


def test_anonymous_is_sent_to_login(client):
    assert client.get(QUEUE).status_code == 302


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.REGIONAL])
def test_only_editors_may_review_duplicates(client, make_user, role, kenyan_pair):
    status = 200 if role in {Role.ADMIN, Role.OFFICER} else 403
    client.force_login(make_user(role))
    assert client.get(QUEUE).status_code == status
    assert client.post(_decide_url(kenyan_pair)).status_code in {status, 302}


def test_queue_shows_both_organisations_reasons_and_actions(officer_client, kenyan_pair):
    page = officer_client.get(QUEUE).content.decode()
    assert "Kibera Slum Dwellers Federation" in page and "Kibera Slum-Dwellers Federation" in page
    assert "same name once normalised" in page
    merge = f"{reverse('partners:merge')}?survivor={kenyan_pair.first_id}&amp;merged="
    assert merge + str(kenyan_pair.second_id) in page
    assert f'hx-post="{_decide_url(kenyan_pair)}"' in page


def test_a_regional_focal_point_sees_only_pairs_of_their_region(
    client, make_user, region, kenyan_pair, cross_region_pair
):
    client.force_login(make_user(Role.REGIONAL, regions=[region]))
    page = client.get(QUEUE).content.decode()
    assert "Kibera Slum Dwellers Federation" in page
    assert "Techo Vivienda" not in page
    assert client.post(_decide_url(cross_region_pair)).status_code == 404


def test_not_a_duplicate_by_htmx_replaces_the_pair(officer_client, kenyan_pair):
    response = officer_client.post(_decide_url(kenyan_pair), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "will not be proposed again" in response.content.decode()
    kenyan_pair.refresh_from_db()
    assert kenyan_pair.status == DuplicateCandidate.Status.NOT_DUPLICATE
    assert "Kibera" not in officer_client.get(QUEUE).content.decode()


def test_not_a_duplicate_without_htmx_redirects_with_a_message(officer_client, kenyan_pair):
    response = officer_client.post(_decide_url(kenyan_pair), follow=True)
    assert "are kept apart" in response.content.decode()
    again = officer_client.post(_decide_url(kenyan_pair), follow=True)
    assert "already been decided" in again.content.decode()


def test_queue_is_paginated_and_runs_a_bounded_number_of_queries(
    officer_client, settings, django_assert_max_num_queries
):
    settings.ACCORD_PAGE_SIZE = 5
    for i in range(12):
        OrganisationFactory(name=f"Twinned Housing Cooperative {chr(65 + i) * 3}")
        OrganisationFactory(name=f"Twinned Housing Cooperative {chr(65 + i) * 3} Ltd")
    duplicates.duplicate_scan()
    with django_assert_max_num_queries(12):
        page = officer_client.get(QUEUE).content.decode()
    assert page.count('class="card duplicate-pair"') == 5
    assert "page 1 of 3" in page


def test_panel_lists_likely_duplicates_the_user_may_see(officer_client, kenyan_pair):
    page = officer_client.get(PANEL, {"name": "KIBERA SLUM DWELLERS FEDERATION", "country": "KE"})
    assert "may already be registered" in page.content.decode()
    assert officer_client.get(PANEL, {"name": "Nothing Like It"}).content.strip() == b""


def test_panel_leaves_out_the_edited_organisation_and_pairs_decided_apart(
    officer_client, officer, kenyan_pair
):
    params = {"name": "Kibera Slum Dwellers Federation", "organisation": kenyan_pair.first_id}
    assert "Kibera Slum-Dwellers" in officer_client.get(PANEL, params).content.decode()
    duplicates.duplicate_mark_not_duplicate(actor=officer, candidate=kenyan_pair)
    assert officer_client.get(PANEL, params).content.strip() == b""


def test_panel_is_refused_to_roles_that_may_not_register(client, make_user):
    client.force_login(make_user(Role.PROGRAMME))
    assert client.get(PANEL, {"name": "Kibera"}).status_code == 403


def test_queue_shows_the_two_records_side_by_side(officer_client, kenyan_pair):
    page = officer_client.get(QUEUE).content.decode()
    assert page.count("<dt>Registration number</dt>") == 2
    assert page.count("<dd>Kenya</dd>") == 2


def _new_partner(client, **extra):
    data = {
        "name": "Kibera Slum Dwellers Federation Ltd",
        "category": _category_id(),
        "status": "prospect",
        "country": "KE",
        **extra,
    }
    return client.post(reverse("partners:create"), data)


def _category_id() -> int:
    from accord.partners.tests.factories import category

    return category().pk


def test_creating_a_likely_duplicate_shows_it_and_asks_to_confirm(officer_client, kenyan_pair):
    response = _new_partner(officer_client)
    page = response.content.decode()
    assert response.status_code == 200
    assert "may already be registered" in page and 'name="create_anyway"' in page
    assert not kenyan_pair.first.__class__.objects.filter(
        name="Kibera Slum Dwellers Federation Ltd"
    ).exists()
    response = _new_partner(officer_client, create_anyway="1")
    assert response.status_code == 302


def test_creating_a_new_partner_without_likely_duplicates_saves_at_once(officer_client):
    assert _new_partner(officer_client, name="Mathare Youth Sports Association").status_code == 302


def test_the_form_asks_for_the_panel_as_the_name_changes(officer_client):
    page = officer_client.get(reverse("partners:create")).content.decode()
    assert f'hx-get="{PANEL}"' in page and "change from:#id_name" in page
