"""The merge pages: find the duplicate, compare side by side and choose, merge, the merge's
page with its undo, the list of merges, the banner on a merged partner; who may; queries."""

import pytest
from django.urls import reverse

from accord.accounts.models import Role
from accord.partners import relations, services
from accord.partners.merge import organisation_merge
from accord.partners.models import Contact, Merge, Organisation
from accord.partners.tests.helpers import detail, names_in
from accord.partners.tests.merge_helpers import make_pair

pytestmark = pytest.mark.django_db

MERGE = reverse("partners:merge")
MERGES = reverse("partners:merge_list")


@pytest.fixture
def pair(make_user):
    return make_pair(make_user)


def page_url(pair) -> str:
    return f"{MERGE}?survivor={pair.survivor.pk}&merged={pair.merged.pk}"


def form_data(pair, **choices) -> dict:
    return {
        "survivor_version": pair.survivor.version,
        "merged_version": pair.merged.version,
        **choices,
    }


def test_the_partner_page_offers_merge_with_to_editors_only(
    client, officer_client, make_user, pair
):
    start = f"{MERGE}?survivor={pair.survivor.pk}"
    assert start in names_in(officer_client.get(detail(pair.survivor)))
    client.force_login(make_user(Role.PROGRAMME))
    assert start not in names_in(client.get(detail(pair.survivor)))


def test_searching_for_the_duplicate_links_to_the_comparison(officer_client, pair):
    response = officer_client.get(MERGE, {"survivor": pair.survivor.pk, "q": "world bank gr"})
    assert response.status_code == 200
    page = names_in(response)
    assert f"merged={pair.merged.pk}" in page and "The World Bank Group" in page
    assert f"merged={pair.survivor.pk}" not in page


def test_the_comparison_shows_both_records_with_a_choice_per_differing_field(officer_client, pair):
    response = officer_client.get(page_url(pair))
    assert response.status_code == 200
    page = names_in(response)
    assert 'name="name" value="merged"' in page and 'name="city" value="merged"' in page
    assert 'name="category"' not in page  # the same in both: nothing to choose
    assert 'id="id_email_1"' in page and "info@worldbank.org" in page
    assert "2 contacts" in page
    assert f"survivor={pair.merged.pk}&amp;merged={pair.survivor.pk}" in page  # swap


def test_posting_the_choices_merges_and_shows_the_merge(officer_client, pair):
    response = officer_client.post(page_url(pair), form_data(pair, name="merged", city="merged"))
    merge = Merge.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "partners:merge_detail", args=[merge.pk]
    )
    survivor = Organisation.objects.get(pk=pair.survivor.pk)
    assert survivor.name == "The World Bank Group" and survivor.city == "Washington"
    page = names_in(officer_client.get(response.url))
    assert "Undo merge" in page and "Washington" in page
    assert reverse("partners:merge_undo", args=[merge.pk]) in page


def test_a_stale_page_is_refused_with_a_clear_message_and_nothing_merged(officer_client, pair):
    data = form_data(pair)
    services.organisation_update(actor=None, organisation=pair.merged, city="Geneva")
    response = officer_client.post(page_url(pair), data, follow=True)
    assert "changed by someone else" in names_in(response)
    assert not Merge.objects.exists()
    assert "Geneva" in names_in(response)  # the comparison as it is now


def test_an_invalid_choice_is_shown_next_to_its_field(officer_client, pair):
    response = officer_client.post(page_url(pair), form_data(pair, name="both"))
    assert response.status_code == 200
    assert 'id="id_name_error"' in names_in(response)
    assert not Merge.objects.exists()


def test_undo_from_the_merge_page_restores_the_partner(officer_client, pair):
    merge = organisation_merge(actor=None, survivor=pair.survivor, merged=pair.merged)
    response = officer_client.post(reverse("partners:merge_undo", args=[merge.pk]), follow=True)
    assert "Merge undone" in names_in(response) and "Undo merge" not in names_in(response)
    assert Contact.objects.filter(organisation=pair.merged).count() == 2
    assert not Organisation.objects.get(pk=pair.merged.pk).is_archived


def test_a_refused_undo_says_why(officer_client, pair):
    merge = organisation_merge(actor=None, survivor=pair.survivor, merged=pair.merged)
    organisation_merge(actor=None, survivor=pair.third, merged=pair.survivor)
    response = officer_client.post(reverse("partners:merge_undo", args=[merge.pk]), follow=True)
    assert "undo that merge first" in names_in(response)


def test_a_merged_partner_shows_where_it_went_and_links_to_the_undo(officer_client, pair):
    merge = organisation_merge(actor=None, survivor=pair.survivor, merged=pair.merged)
    page = names_in(officer_client.get(detail(pair.merged)))
    assert "Merged into" in page and "World Bank" in page
    assert reverse("partners:merge_detail", args=[merge.pk]) in page and "undo" in page
    assert reverse("partners:restore", args=[pair.merged.pk]) not in page


def test_the_list_of_merges_is_paginated_with_bounded_queries(
    officer_client, make_user, django_assert_max_num_queries
):
    for n in range(3):
        pair = make_pair(make_user, tag=str(n))
        organisation_merge(actor=None, survivor=pair.survivor, merged=pair.merged)
    with django_assert_max_num_queries(12):
        response = officer_client.get(MERGES)
    assert names_in(response).count("The World Bank Group") == 3


def test_the_list_of_merges_has_pages(officer_client, make_user, settings):
    settings.ACCORD_PAGE_SIZE = 2
    for n in range(3):
        pair = make_pair(make_user, tag=str(n))
        organisation_merge(actor=None, survivor=pair.survivor, merged=pair.merged)
    first, second = officer_client.get(MERGES), officer_client.get(MERGES, {"page": 2})
    assert "Page 1 of 2" in names_in(first) and 'rel="next"' in names_in(first)
    assert names_in(second).count("The World Bank Group") == 1


def test_merging_an_archived_record_is_explained_before_and_refused_on_post(officer_client, pair):
    services.organisation_archive(actor=None, organisation=pair.merged)
    pair.merged.refresh_from_db()
    page = names_in(officer_client.get(page_url(pair)))
    assert "is archived" in page and "Restore it" in page
    response = officer_client.post(page_url(pair), form_data(pair))
    assert response.status_code == 200 and "restore it before merging" in names_in(response)
    assert not Merge.objects.exists()


def test_the_comparison_and_merge_pages_run_bounded_queries(
    officer_client, pair, django_assert_max_num_queries
):
    # One count per relation that moves (apps add relations), whatever the number of rows.
    moving = sum(1 for r in relations.discover() if r.policy.move)
    with django_assert_max_num_queries(moving + 12):
        officer_client.get(page_url(pair))
    merge = organisation_merge(actor=None, survivor=pair.survivor, merged=pair.merged)
    with django_assert_max_num_queries(12):
        officer_client.get(reverse("partners:merge_detail", args=[merge.pk]))


# --- who may: anonymous, without permission, with permission, outside the user's scope ---


def test_anonymous_is_sent_to_login(client, pair):
    for url in (page_url(pair), MERGES):
        response = client.get(url)
        assert response.status_code == 302 and reverse("login") in response.url


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.ADMIN, 200),
        (Role.OFFICER, 200),
        (Role.PROGRAMME, 403),
        (Role.MANAGEMENT, 403),
        (Role.REVIEWER, 403),
    ],
)
def test_who_may_open_the_merge_page(client, make_user, pair, role, status):
    client.force_login(make_user(role, is_superuser=role == Role.ADMIN))
    assert client.get(page_url(pair)).status_code == status
    assert client.post(page_url(pair), form_data(pair)).status_code in (status, 302)
    assert Merge.objects.exists() == (status == 200)


def test_a_partner_focal_point_cannot_see_merges(client, make_user, pair):
    client.force_login(make_user(Role.PARTNER, organisation=pair.survivor))
    assert client.get(page_url(pair)).status_code == 403
    merge = organisation_merge(actor=None, survivor=pair.survivor, merged=pair.merged)
    assert client.get(reverse("partners:merge_detail", args=[merge.pk])).status_code == 404


def test_another_regions_partners_and_merges_look_like_they_do_not_exist(
    client, make_user, other_region, pair
):
    merge = organisation_merge(actor=None, survivor=pair.survivor, merged=pair.merged)
    client.force_login(make_user(Role.REGIONAL, regions=[other_region]))
    assert client.get(f"{MERGE}?survivor={pair.third.pk}").status_code == 404
    assert client.get(reverse("partners:merge_detail", args=[merge.pk])).status_code == 404
    assert client.post(reverse("partners:merge_undo", args=[merge.pk])).status_code == 404
    assert "World Bank" not in names_in(client.get(MERGES))


def test_a_regional_focal_point_merges_in_their_own_region(client, make_user, region, pair):
    client.force_login(make_user(Role.REGIONAL, regions=[region]))
    assert client.post(page_url(pair), form_data(pair)).status_code == 302


def test_read_only_roles_see_a_merge_but_no_undo(client, make_user, pair):
    merge = organisation_merge(actor=None, survivor=pair.survivor, merged=pair.merged)
    client.force_login(make_user(Role.PROGRAMME))
    url = reverse("partners:merge_detail", args=[merge.pk])
    assert "Undo merge" not in names_in(client.get(url))
    assert client.post(reverse("partners:merge_undo", args=[merge.pk])).status_code == 403
