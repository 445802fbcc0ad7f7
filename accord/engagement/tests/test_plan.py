"""The implementation plan's services and selectors: actions, progress notes, links to
engagements, the plan's order (overdue first) and its grouping by category and line."""

import pytest
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects

from accord.accounts.models import Role
from accord.core.errors import ConflictError, PermissionDeniedError
from accord.engagement import plan_selectors, plan_services
from accord.engagement.plan_selectors import PlanFilters
from accord.engagement.tests.factories import EngagementFactory, PlanActionFactory, days_ago
from accord.engagement.tests.helpers import errors_of, history_of
from accord.partners.tests.factories import category

pytestmark = pytest.mark.django_db


def test_create_takes_codes_and_records_the_history(officer, kenyan):
    e = EngagementFactory(organisations=[kenyan])
    action = plan_services.action_create(
        actor=officer,
        title="Bring city networks to the Executive Board",
        category="local_authority",
        strategies=["2.3", "2.2"],
        owner=officer.pk,
        region="africa",
        due_date=days_ago(-30),
        engagements=[e.pk],
    )
    assert action.status == "planned" and action.region.code == "AFRICA"
    assert sorted(s.code for s in action.strategies.select_related("category")) == ["2.2", "2.3"]
    assert list(action.engagements.all()) == [e]
    [entry] = history_of(action)
    assert entry.changes["strategies"] == [None, ["2.2", "2.3"]]
    assert entry.changes["status"] == [None, "planned"]


def test_strategy_lines_must_belong_to_the_actions_category(officer):
    with pytest.raises(ValidationError) as excinfo:
        plan_services.action_create(
            actor=officer, title="X", category="local_authority", strategies=["1.1"]
        )
    assert "1.1 belong to another partner category" in errors_of(excinfo)["strategies"][0]


def test_bad_input_is_reported_field_by_field(officer):
    with pytest.raises(ValidationError) as excinfo:
        plan_services.action_create(
            actor=officer,
            title="",
            category="aliens",
            owner=999_999,
            region="MARS",
            engagements=["x"],
        )
    assert set(errors_of(excinfo)) == {"title", "category", "owner", "region", "engagements"}


def test_who_may_plan_what(make_user, region):
    regional = make_user(Role.REGIONAL, regions=[region])
    manager = make_user(Role.PROGRAMME)
    plan_services.action_create(actor=regional, title="A", category="government", region="AFRICA")
    plan_services.action_create(actor=manager, title="B", category="government", owner=manager)
    with pytest.raises(PermissionDeniedError):
        plan_services.action_create(actor=regional, title="C", category="government", region="LAC")
    with pytest.raises(PermissionDeniedError):
        plan_services.action_create(actor=manager, title="D", category="government")
    with pytest.raises(PermissionDeniedError):
        plan_services.action_create(
            actor=make_user(Role.MANAGEMENT), title="E", category="government"
        )


def test_update_is_versioned_and_keeps_links_the_actor_cannot_see(regional, kenyan, brazilian):
    seen = EngagementFactory(organisations=[kenyan], title="Seen")
    unseen = EngagementFactory(organisations=[brazilian], title="Unseen")
    action = PlanActionFactory(region="AFRICA", engagements=[seen, unseen])
    plan_services.action_update(
        actor=regional, action=action, expected_version=1, engagements=[], title="Renamed"
    )
    assert list(action.engagements.values_list("title", flat=True)) == ["Unseen"]
    assert action.version == 2
    with pytest.raises(ConflictError):
        plan_services.action_update(
            actor=regional, action=action, expected_version=1, title="Again"
        )


def test_progress_notes_are_recorded_on_the_action(officer):
    action = PlanActionFactory(owner=officer)
    note = plan_services.progress_note_add(actor=officer, action=action, text=" Met UCLG ")
    assert note.text == "Met UCLG" and note.author == officer
    assert history_of(action)[-1].note == "Progress note: Met UCLG"
    with pytest.raises(ValidationError):
        plan_services.progress_note_add(actor=officer, action=action, text="  ")


def test_the_plan_lists_overdue_actions_first_within_each_category(officer):
    later = PlanActionFactory(title="Later", due_date=days_ago(-30))
    overdue = PlanActionFactory(title="Overdue", due_date=days_ago(3), owner=officer)
    undated = PlanActionFactory(title="Undated")
    gov = PlanActionFactory(
        title="Government", category=category("government"), due_date=days_ago(-1)
    )
    done_late = PlanActionFactory(title="Done late", due_date=days_ago(10), owner=officer)
    plan_services.action_transition(actor=None, action=done_late, transition="start")
    plan_services.action_transition(
        actor=None, action=done_late, transition="complete", note="Done"
    )
    titles = [a.title for a in plan_selectors.action_list(user=officer)]
    assert titles == [gov.title, overdue.title, done_late.title, later.title, undated.title]
    only = plan_selectors.action_list(user=officer, filters=PlanFilters(overdue=True))
    assert [a.title for a in only] == ["Overdue"]
    assert plan_selectors.is_overdue(overdue) and not plan_selectors.is_overdue(done_late)


def test_plan_filters(officer, make_user):
    PlanActionFactory(title="Line 2.3", strategies=["2.3"], region="AFRICA", owner=officer)
    PlanActionFactory(title="Other", category=category("government"))

    def titles(**kwargs):
        return {
            a.title for a in plan_selectors.action_list(user=officer, filters=PlanFilters(**kwargs))
        }

    assert titles(strategy="2.3") == {"Line 2.3"}
    assert titles(category="government") == {"Other"}
    assert titles(region="africa") == {"Line 2.3"}
    assert titles(owner=officer.pk) == {"Line 2.3"}
    assert titles(status="open") == {"Line 2.3", "Other"}
    assert titles(status="done") == set()
    assert titles(q="line") == {"Line 2.3"}
    assert titles(strategy="9.9") == set()
    assert not plan_selectors.action_list(user=make_user(Role.PARTNER)).exists()


def test_grouping_puts_each_action_under_each_of_its_categorys_lines(officer):
    PlanActionFactory(title="Two lines", strategies=["2.1", "2.3"], due_date=days_ago(-5))
    PlanActionFactory(title="No line")
    actions = list(plan_selectors.action_list(user=officer))
    prefetch_related_objects(actions, *plan_selectors.PAGE_PREFETCH)
    [group] = plan_selectors.group_by_category_and_line(actions)
    assert group["category"].code == "local_authority"
    lines = [
        (b["line"].code if b["line"] else None, [a.title for a in b["actions"]])
        for b in group["lines"]
    ]
    assert lines == [("2.1", ["Two lines"]), ("2.3", ["Two lines"]), (None, ["No line"])]


def test_the_plan_list_runs_a_fixed_number_of_queries(officer, django_assert_max_num_queries):
    def load():
        rows = list(plan_selectors.action_list(user=officer))
        prefetch_related_objects(rows, *plan_selectors.PAGE_PREFETCH)
        return [
            (a.category.code, a.owner, a.region, [s.code for s in a.strategies.all()]) for a in rows
        ]

    PlanActionFactory.create_batch(2, strategies=["2.3"], owner=officer, region="AFRICA")
    with django_assert_max_num_queries(2):
        load()
    PlanActionFactory.create_batch(8, strategies=["2.1"], owner=officer, region="LAC")
    with django_assert_max_num_queries(2):
        assert len(load()) == 10


def test_a_regional_focal_point_cannot_move_an_action_out_of_their_reach(regional):
    action = PlanActionFactory(region="AFRICA")
    with pytest.raises(ValidationError) as excinfo:
        plan_services.action_update(actor=regional, action=action, region="LAC")
    assert "keep it in your region(s)" in errors_of(excinfo)["region"][0]
    action.refresh_from_db()
    assert action.region.code == "AFRICA"
