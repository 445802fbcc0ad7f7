"""The governance pages: bodies, a body with participation by partner category over time,
sessions and their participants, and the forms that record them."""

import pytest
from django.urls import reverse

from accord.accounts.models import Role
from accord.engagement import governance_services
from accord.engagement.models import BodyMembership, BodySession, GovernanceBody
from accord.engagement.tests.factories import BodySessionFactory, body, days_ago

pytestmark = pytest.mark.django_db

BODIES = reverse("engagement:bodies")


def text(response) -> str:
    return response.content.decode()


def test_the_bodies_the_strategy_names_are_listed(officer_client):
    page = text(officer_client.get(BODIES))
    assert "Executive Board" in page and "World Assembly of Local and Regional Authorities" in page
    assert reverse("engagement:body_create") not in page


def test_a_body_shows_participation_by_category_members_and_sessions(
    officer_client, kenyan, brazilian
):
    session = BodySessionFactory(title="Second session of 2024")
    governance_services.participation_add(actor=None, session=session, organisation=kenyan)
    governance_services.membership_add(
        actor=None, body=body(), organisation=brazilian, role="Observer"
    )
    page = text(officer_client.get(reverse("engagement:body_detail", args=[body().pk])))
    assert "Participation by partner category over time" in page
    assert "100%" in page  # local authorities' share of the year
    assert "Second session of 2024" in page and "Prefeitura de Recife" in page


def test_the_body_page_runs_the_same_queries_for_few_or_many_rows(
    officer_client, kenyan, brazilian, django_assert_max_num_queries
):
    url = reverse("engagement:body_detail", args=[body().pk])

    def count() -> int:
        with django_assert_max_num_queries(20) as captured:
            assert officer_client.get(url).status_code == 200
        return len(captured.captured_queries)

    session = BodySessionFactory()
    governance_services.participation_add(actor=None, session=session, organisation=kenyan)
    governance_services.membership_add(actor=None, body=body(), organisation=brazilian)
    few = count()
    for n in range(5):
        other = BodySessionFactory(start_date=days_ago(400 * n))
        governance_services.participation_add(actor=None, session=other, organisation=brazilian)
        governance_services.membership_add(actor=None, body=body(), organisation=kenyan)
    assert count() == few


def test_officers_record_a_session_and_its_participants(officer_client, kenyan):
    response = officer_client.post(
        reverse("engagement:session_create", args=[body().pk]),
        {"title": "First session of 2025", "start_date": "2025-05-12", "place": "Nairobi"},
    )
    session = BodySession.objects.get()
    assert response.status_code == 302
    add = reverse("engagement:participant_add", args=[session.pk])
    found = text(officer_client.post(add, {"partner_q": "nairobi", "find": "1"}))
    assert f'value="{kenyan.pk}"' in found and 'type="radio"' in found
    missing = text(officer_client.post(add, {"role": "speaker"}))
    assert "Choose the partner from the search results." in missing
    response = officer_client.post(add, {"organisation": kenyan.pk, "role": "speaker"})
    assert response.status_code == 302
    page = text(officer_client.get(reverse("engagement:session_detail", args=[session.pk])))
    assert "Nairobi City County" in page and "Speaker" in page


def test_officers_add_members_and_close_their_terms(officer_client, kenyan):
    url = reverse("engagement:member_add", args=[body().pk])
    response = officer_client.post(
        url, {"organisation": kenyan.pk, "role": "Member", "term_start": "2024-01-01"}
    )
    assert response.status_code == 302
    membership = BodyMembership.objects.get()
    officer_client.post(
        reverse("engagement:member_end", args=[membership.pk]), {"term_end": "2023-01-01"}
    )
    membership.refresh_from_db()
    assert membership.term_end is None
    officer_client.post(
        reverse("engagement:member_end", args=[membership.pk]), {"term_end": "2025-01-01"}
    )
    membership.refresh_from_db()
    assert str(membership.term_end) == "2025-01-01"


def test_only_administrators_add_bodies(client, admin_user, officer_client):
    assert officer_client.get(reverse("engagement:body_create")).status_code == 403
    client.force_login(admin_user)
    response = client.post(
        reverse("engagement:body_create"),
        {"name": "Habitat Professionals Forum", "kind": "advisory_board"},
    )
    made = GovernanceBody.objects.get(name="Habitat Professionals Forum")
    assert response.status_code == 302
    edit = reverse("engagement:body_edit", args=[made.pk])
    response = client.post(edit, {"name": "Executive Board", "kind": "other", "version": 1})
    assert "There is already a body called" in text(response)


def test_readers_see_bodies_without_forms_and_outsiders_are_refused(client, make_user):
    client.force_login(make_user(Role.MANAGEMENT))
    page = text(client.get(reverse("engagement:body_detail", args=[body().pk])))
    assert reverse("engagement:session_create", args=[body().pk]) not in page
    assert client.get(reverse("engagement:session_create", args=[body().pk])).status_code == 403
    client.force_login(make_user(Role.PARTNER))
    assert client.get(BODIES).status_code == 403


def test_a_regional_focal_point_does_not_see_members_outside_their_region(
    client, regional, brazilian
):
    membership = governance_services.membership_add(actor=None, body=body(), organisation=brazilian)
    client.force_login(regional)
    page = text(client.get(reverse("engagement:body_detail", args=[body().pk])))
    assert "Prefeitura de Recife" not in page
    assert client.post(reverse("engagement:member_remove", args=[membership.pk])).status_code == 404
