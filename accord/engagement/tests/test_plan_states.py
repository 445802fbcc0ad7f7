"""The implementation plan's state machine: every allowed and refused status change, its
guards, side effects and messages, and what the page and API are told the user may do."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accord.accounts.models import Role
from accord.core.errors import ConflictError, PermissionDeniedError
from accord.engagement import plan_selectors, plan_services, plan_states
from accord.engagement.models import PlanAction, ProgressNote
from accord.engagement.tests.factories import PlanActionFactory
from accord.engagement.tests.helpers import errors_of, history_of

pytestmark = pytest.mark.django_db

# How to bring a new (planned) action to each status, as the system.
ROUTE = {
    "planned": [],
    "in_progress": ["start"],
    "done": ["start", "complete"],
    "dropped": ["drop"],
}
ALLOWED = {
    ("planned", "start"): "in_progress",
    ("planned", "drop"): "dropped",
    ("in_progress", "complete"): "done",
    ("in_progress", "postpone"): "planned",
    ("in_progress", "drop"): "dropped",
    ("done", "reopen"): "in_progress",
    ("dropped", "revive"): "planned",
}
LABELS = {"planned": "Planned", "in_progress": "In progress", "done": "Done", "dropped": "Dropped"}
VERBS = {
    "start": "started",
    "complete": "marked done",
    "postpone": "moved back to planned",
    "drop": "dropped",
    "reopen": "reopened",
    "revive": "revived",
}


def action_in(status: str, owner):
    action = PlanActionFactory(owner=owner)
    for name in ROUTE[status]:
        plan_services.action_transition(
            actor=None, action=action, transition=name, note="on the way"
        )
    assert action.status == status
    return action


@pytest.mark.parametrize("status", list(ROUTE))
@pytest.mark.parametrize("name", list(VERBS))
def test_every_transition_from_every_status(officer, status, name):
    action = action_in(status, officer)
    if (status, name) in ALLOWED:
        plan_services.action_transition(
            actor=officer, action=action, transition=name, note="Because the partner asked"
        )
        action.refresh_from_db()
        assert action.status == ALLOWED[(status, name)]
        assert action.status_changed_at is not None
    else:
        with pytest.raises(ValidationError) as excinfo:
            plan_services.action_transition(
                actor=officer, action=action, transition=name, note="Because"
            )
        expected = f"An action that is “{LABELS[status]}” cannot be {VERBS[name]}."
        assert errors_of(excinfo) == {"transition": [expected]}
        action.refresh_from_db()
        assert action.status == status


def test_the_table_and_the_message_map_cover_each_other():
    assert {(t.source, t.name) for t in plan_states.TRANSITIONS} == set(ALLOWED)
    nothing = plan_states.Context(action=PlanAction(), note="", has_notes=False)
    for transition in plan_states.TRANSITIONS:
        for guard in transition.guards:
            assert guard(nothing) in plan_states.MESSAGES, guard.__name__
    assert set(plan_states.NOTE_MESSAGES) <= set(plan_states.MESSAGES)


def test_an_unknown_transition_is_named_in_the_message(officer):
    action = action_in("planned", officer)
    with pytest.raises(ValidationError) as excinfo:
        plan_services.action_transition(actor=officer, action=action, transition="teleport")
    assert errors_of(excinfo) == {"transition": ["There is no status change called “teleport”."]}


@pytest.mark.parametrize(
    ("status", "name", "field", "message"),
    [
        ("planned", "drop", "note", "Give the reason for dropping this action."),
        ("in_progress", "drop", "note", "Give the reason for dropping this action."),
        ("in_progress", "postpone", "note", "Say why the action goes back to planned."),
        ("done", "reopen", "note", "Say why this action is reopened."),
        ("dropped", "revive", "note", "Say why this action is reopened."),
    ],
)
def test_changes_that_need_a_reason_are_refused_without_one(officer, status, name, field, message):
    action = action_in(status, officer)
    with pytest.raises(ValidationError) as excinfo:
        plan_services.action_transition(actor=officer, action=action, transition=name, note="   ")
    assert errors_of(excinfo) == {field: [message]}


def test_starting_needs_an_owner(officer):
    action = PlanActionFactory(owner=None)
    with pytest.raises(ValidationError) as excinfo:
        plan_services.action_transition(actor=officer, action=action, transition="start")
    assert errors_of(excinfo) == {"transition": ["Give the action an owner before starting it."]}


def test_done_needs_a_progress_note_given_now_or_before(officer):
    action = PlanActionFactory(owner=officer)
    plan_services.action_transition(actor=officer, action=action, transition="start")
    with pytest.raises(ValidationError) as excinfo:
        plan_services.action_transition(actor=officer, action=action, transition="complete")
    assert "Add a progress note" in errors_of(excinfo)["note"][0]
    plan_services.progress_note_add(actor=officer, action=action, text="Workshop held")
    plan_services.action_transition(actor=officer, action=action, transition="complete")
    assert action.status == "done"


def test_done_stamps_the_completion_date_and_reopening_clears_it(officer):
    action = action_in("in_progress", officer)
    plan_services.action_transition(
        actor=officer, action=action, transition="complete", note="Agreement signed with UCLG"
    )
    assert action.completed_on == timezone.localdate()
    plan_services.action_transition(
        actor=officer, action=action, transition="reopen", note="A second phase"
    )
    action.refresh_from_db()
    assert action.completed_on is None and action.status == "in_progress"


def test_the_note_is_kept_as_a_progress_note_and_the_change_in_the_history(officer):
    action = action_in("planned", officer)
    plan_services.action_transition(
        actor=officer, action=action, transition="drop", note="The partner withdrew"
    )
    note = ProgressNote.objects.get(action=action, transition="drop")
    assert note.text == "The partner withdrew" and note.author == officer
    entry = history_of(action)[-1]
    assert entry.changes["status"] == ["planned", "dropped"]
    assert entry.note == "Drop: The partner withdrew" and entry.actor == officer


def test_a_stale_status_change_is_refused(officer):
    action = action_in("planned", officer)
    with pytest.raises(ConflictError):
        plan_services.action_transition(
            actor=officer, action=action, transition="start", expected_version=action.version - 1
        )
    action.refresh_from_db()
    assert action.status == "planned"


@pytest.mark.parametrize("role", [Role.MANAGEMENT, Role.REVIEWER, Role.PARTNER])
def test_roles_that_may_not_edit_the_plan_are_refused_with_the_message(make_user, officer, role):
    action = action_in("planned", officer)
    with pytest.raises(PermissionDeniedError, match="You may not change the status"):
        plan_services.action_transition(actor=make_user(role), action=action, transition="start")


@pytest.mark.parametrize(
    ("status", "names"),
    [
        ("planned", ["start", "drop"]),
        ("in_progress", ["complete", "postpone", "drop"]),
        ("done", ["reopen"]),
        ("dropped", ["revive"]),
    ],
)
def test_available_transitions_are_those_of_the_table_from_the_current_status(
    officer, status, names
):
    action = action_in(status, officer)
    offered = plan_selectors.available_transitions(user=officer, action=action)
    assert [t["name"] for t in offered] == names
    assert all(t["blocked"] == "" for t in offered)


def test_available_transitions_say_what_blocks_one_and_nothing_for_readers(officer, make_user):
    action = PlanActionFactory(owner=None)
    [start, drop] = plan_selectors.available_transitions(user=officer, action=action)
    assert start["blocked"] == "Give the action an owner before starting it."
    assert drop["blocked"] == "" and drop["note_required"] and drop["note_label"] == "Reason"
    assert (
        plan_selectors.available_transitions(user=make_user(Role.MANAGEMENT), action=action) == []
    )
