"""The partner list: who may open it, search, filters, sorting, pagination, HTMX fragments and
bounded queries."""

import pytest
from django.urls import reverse

from accord.accounts.models import Role
from accord.partners import services
from accord.partners.tests.factories import OrganisationFactory
from accord.partners.tests.helpers import LIST, make_org, names_in
from accord.strategy.models import Outcome

# --- who may enter ---


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["list", "create"])
def test_anonymous_is_sent_to_login(client, name):
    response = client.get(reverse(f"partners:{name}"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.REVIEWER])
def test_roles_without_registry_access_are_refused_the_list(client, make_user, role):
    client.force_login(make_user(role))
    assert client.get(LIST).status_code == 403


# --- the list ---


@pytest.mark.django_db
def test_list_shows_partners_with_count_and_accessible_table(officer_client):
    make_org("Municipality of Nairobi")
    make_org("UN-Habitat Youth Fund", code="foundation", country=None)
    response = officer_client.get(LIST)
    page = names_in(response)
    assert response.status_code == 200
    assert "Municipality of Nairobi" in page and "UN-Habitat Youth Fund" in page
    assert "<strong>2</strong> partners" in page
    assert "<caption" in page and 'scope="col"' in page and 'aria-live="polite"' in page
    assert 'hx-get="/partners/"' in page and 'hx-push-url="true"' in page


@pytest.mark.django_db
def test_list_shows_an_empty_state_when_nothing_matches(officer_client):
    make_org()
    page = names_in(officer_client.get(LIST, {"q": "zzzzzz"}))
    assert "No partners match" in page
    assert "<strong>0</strong> partners" in page


def _listed(client, **params) -> set[str]:
    response = client.get(LIST, params)
    assert response.status_code == 200
    return {org.name for org in response.context["page"].object_list}


@pytest.mark.django_db
def test_search_box_finds_by_name_acronym_and_alias(officer_client):
    make_org("Ciudad de México", country="MX", acronym="CDMX", aliases=["Mexico City"])
    make_org("Municipality of Nairobi")
    assert _listed(officer_client, q="mexico") == {"Ciudad de México"}
    assert _listed(officer_client, q="CDMX") == {"Ciudad de México"}
    assert _listed(officer_client, q="nairobi") == {"Municipality of Nairobi"}


@pytest.mark.django_db
def test_each_filter_narrows_the_list(officer_client, officer, region):
    outcome = Outcome.objects.order_by("code").first()
    a = make_org(
        "Alpha Town",
        country="KE",
        subtype="Municipality",
        status="active",
        owner=officer,
        outcomes=[outcome],
    )
    make_org("Beta Bank", code="development_bank", country="BR", subtype="Regional bank")
    b = make_org("Gamma Fund", code="foundation", country="FR")
    services.organisation_archive(actor=None, organisation=b)
    c = officer_client
    assert _listed(c) == {"Alpha Town", "Beta Bank"}
    assert _listed(c, category="development_bank") == {"Beta Bank"}
    assert _listed(c, subtype="Municipality") == {"Alpha Town"}
    assert _listed(c, country="BR") == {"Beta Bank"}
    assert _listed(c, region=region.code) == {"Alpha Town"}
    assert _listed(c, status="active") == {"Alpha Town"}
    assert _listed(c, outcome=outcome.code) == {"Alpha Town"}
    assert _listed(c, owner=str(officer.pk)) == {"Alpha Town"}
    assert "Gamma Fund" in _listed(c, archived="on")
    assert a.pk  # the archived one is shown only when asked for


@pytest.mark.django_db
def test_sorting_by_name_country_category_and_recent(officer_client):
    make_org("Zeta City", country="AF")
    make_org("Alpha Fund", code="foundation", country="ZW")
    make_org("Mu Bank", code="development_bank", country="MX")

    def order(sort):
        return [o.name for o in officer_client.get(LIST, {"sort": sort}).context["page"]]

    assert order("name") == ["Alpha Fund", "Mu Bank", "Zeta City"]
    assert order("-name") == ["Zeta City", "Mu Bank", "Alpha Fund"]
    assert order("country") == ["Zeta City", "Mu Bank", "Alpha Fund"]
    assert order("category")[0] == "Zeta City"  # local authorities come before banks
    assert order("-updated")[0] == "Mu Bank"


@pytest.mark.django_db
def test_an_invalid_filter_value_is_ignored_not_an_error(officer_client):
    make_org()
    response = officer_client.get(LIST, {"category": "no-such-thing", "page": "abc"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 1


@pytest.mark.django_db
def test_htmx_request_gets_only_the_results_fragment(officer_client):
    make_org()
    response = officer_client.get(LIST, {"q": "nairobi"}, headers={"HX-Request": "true"})
    page = names_in(response)
    assert response.status_code == 200
    assert "Municipality of Nairobi" in page and "result-count" in page
    assert "<html" not in page and "<form" not in page and 'id="results"' not in page
    assert "HX-Request" in response["Vary"]


@pytest.mark.django_db
def test_htmx_history_restore_gets_the_whole_page(officer_client):
    make_org()
    response = officer_client.get(
        LIST, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert "<html" in names_in(response)


@pytest.mark.django_db
def test_list_is_paginated(officer_client, settings):
    settings.ACCORD_PAGE_SIZE = 5
    for n in range(7):
        make_org(f"Town {n:02d}")
    first = officer_client.get(LIST)
    assert len(first.context["page"].object_list) == 5
    assert "page 1 of 2" in names_in(first)
    second = officer_client.get(LIST, {"page": 2, "q": "town"})
    assert [o.name for o in second.context["page"]] == ["Town 05", "Town 06"]
    assert "q=town" in names_in(second)  # page links keep the filters


def _count_queries(client, django_assert_max_num_queries, bound) -> int:
    with django_assert_max_num_queries(bound) as captured:
        response = client.get(LIST)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.django_db
def test_list_runs_the_same_bounded_number_of_queries_for_5_or_30_rows(
    officer_client, officer, django_assert_max_num_queries
):
    outcome = Outcome.objects.order_by("code").first()

    def add(n, start):
        for i in range(start, start + n):
            make_org(
                f"Partner {i:03d}",
                owner=officer,
                outcomes=[outcome],
                aliases=[f"P{i}"],
                country=["KE", "BR", "FR"][i % 3],
            )

    add(5, 0)
    few = _count_queries(officer_client, django_assert_max_num_queries, 12)
    add(25, 5)
    many = _count_queries(officer_client, django_assert_max_num_queries, 12)
    assert few == many


def test_a_partner_focal_point_is_sent_to_its_portal_page(client, make_user):
    client.force_login(make_user(Role.PARTNER, organisation=OrganisationFactory()))
    response = client.get("/partners/")
    assert response.status_code == 302 and response["Location"] == "/portal/me/"
