"""The implementation-plan pages: the plan grouped by category and line with overdue actions
first, an action's status buttons and their refusals, notes, links to engagements."""

import pytest
from django.urls import reverse

from accord.accounts.models import Role
from accord.engagement.models import PlanAction
from accord.engagement.tests.factories import EngagementFactory, PlanActionFactory, days_ago
from accord.partners.tests.factories import category

pytestmark = pytest.mark.django_db

PLAN = reverse("engagement:plan")


def text(response) -> str:
    return response.content.decode()


def detail(action) -> str:
    return reverse("engagement:action_detail", args=[action.pk])


def test_the_plan_is_grouped_by_category_and_line_with_overdue_first(officer_client, officer):
    PlanActionFactory(title="Later", strategies=["2.3"], due_date=days_ago(-40))
    PlanActionFactory(title="Late one", strategies=["2.3"], due_date=days_ago(4), owner=officer)
    PlanActionFactory(title="Ministers", category=category("government"))
    page = text(officer_client.get(PLAN))
    assert "Overdue: 1 action" in page
    assert page.index("1. Governments") < page.index("2. Local authorities")
    results = page[page.index('id="results"') :]
    assert results.index("Late one") < results.index("Later")
    assert "Strengthen the engagement of local authorities" in results


def test_plan_filters_answer_htmx_with_the_results_only(officer_client):
    PlanActionFactory(title="Local")
    PlanActionFactory(title="National", category=category("government"))
    fragment = text(officer_client.get(PLAN, {"category": "government"}, HTTP_HX_REQUEST="true"))
    assert "<html" not in fragment and "National" in fragment and "Local" not in fragment


def test_the_plan_page_runs_the_same_queries_for_few_or_many_actions(
    officer_client, officer, django_assert_max_num_queries
):
    def count() -> int:
        with django_assert_max_num_queries(20) as captured:
            assert officer_client.get(PLAN).status_code == 200
        return len(captured.captured_queries)

    PlanActionFactory.create_batch(2, strategies=["2.3"], owner=officer, due_date=days_ago(2))
    few = count()
    PlanActionFactory.create_batch(
        10, strategies=["2.1", "2.2"], owner=officer, region="LAC", due_date=days_ago(-3)
    )
    assert count() == few


def test_an_action_page_offers_the_transitions_the_user_may_take(
    officer_client, client, make_user, officer
):
    action = PlanActionFactory(owner=None)
    page = text(officer_client.get(detail(action)))
    assert 'value="start"' in page and 'value="drop"' in page and 'value="complete"' not in page
    assert "Give the action an owner before starting it." in page and "disabled" in page
    client.force_login(make_user(Role.MANAGEMENT))
    read_only = text(client.get(detail(action)))
    assert 'value="start"' not in read_only and "You may not change this action" in read_only


def test_a_refused_transition_explains_why_next_to_the_note(officer_client, officer):
    action = PlanActionFactory(owner=officer)
    url = reverse("engagement:action_transition", args=[action.pk])
    response = officer_client.post(url, {"transition": "drop", "note": "", "version": 1})
    assert response.status_code == 400
    assert "Give the reason for dropping this action." in text(response)
    response = officer_client.post(url, {"transition": "complete", "version": 1})
    assert "An action that is “Planned” cannot be marked done." in text(response)
    response = officer_client.post(url, {"transition": "start", "note": "Kick-off", "version": 1})
    assert response.status_code == 302
    assert PlanAction.objects.get(pk=action.pk).status == "in_progress"
    response = officer_client.post(url, {"transition": "complete", "note": "x", "version": 1})
    assert "changed by someone else" in text(response)


def test_notes_and_links_to_engagements(officer_client, officer, kenyan):
    action = PlanActionFactory(owner=officer)
    e = EngagementFactory(title="Mayors' forum", organisations=[kenyan])
    response = officer_client.post(reverse("engagement:note_add", args=[action.pk]), {"text": ""})
    assert response.status_code == 400 and 'id="id_text_error"' in text(response)
    officer_client.post(
        reverse("engagement:note_add", args=[action.pk]), {"text": "Invitations sent"}
    )
    candidates = text(officer_client.get(detail(action), {"q": "mayors"}, HTTP_HX_REQUEST="true"))
    assert "Mayors&#x27; forum" in candidates and "<html" not in candidates
    officer_client.post(
        reverse("engagement:engagement_link", args=[action.pk]), {"engagement": e.pk}
    )
    page = text(officer_client.get(detail(action)))
    assert "Invitations sent" in page and reverse("engagement:detail", args=[e.pk]) in page
    officer_client.post(
        reverse("engagement:engagement_unlink", args=[action.pk]), {"engagement": e.pk}
    )
    assert not action.engagements.exists()


def test_creating_and_editing_an_action(officer_client, officer):
    response = officer_client.post(
        reverse("engagement:action_create"),
        {
            "title": "Support WALRA",
            "category": category("local_authority").pk,
            "strategies": [],
            "owner": officer.pk,
            "due_date": days_ago(-60).isoformat(),
        },
    )
    action = PlanAction.objects.get()
    assert response.status_code == 302 and response.url == detail(action)
    edit = reverse("engagement:action_edit", args=[action.pk])
    assert 'value="Support WALRA"' in text(officer_client.get(edit))
    response = officer_client.post(
        edit, {"title": "Support the World Assembly", "category": action.category_id, "version": 1}
    )
    assert response.status_code == 302
    assert PlanAction.objects.get().title == "Support the World Assembly"


def test_a_regional_focal_point_may_not_change_another_regions_action(client, regional):
    action = PlanActionFactory(region="LAC")
    client.force_login(regional)
    assert client.get(detail(action)).status_code == 200
    assert client.get(reverse("engagement:action_edit", args=[action.pk])).status_code == 403
    url = reverse("engagement:action_transition", args=[action.pk])
    assert client.post(url, {"transition": "drop", "note": "x"}).status_code == 403
