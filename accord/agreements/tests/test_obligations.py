"""Obligations: their small state table, edits with versions and history, and the checks."""

import pytest
from django.core.exceptions import ValidationError

from accord.agreements.obligation_services import (
    obligation_create,
    obligation_transition,
    obligation_update,
)
from accord.agreements.tests.factories import (
    ObligationFactory,
    days_from_today,
    move,
    signed_agreement,
)
from accord.agreements.tests.helpers import history_of
from accord.core.errors import ConflictError

pytestmark = pytest.mark.django_db


def step(o, name, **kwargs):
    return obligation_transition(actor=None, obligation=o, transition=name, **kwargs)


def test_open_submitted_done_then_reopened():
    o = ObligationFactory()
    step(o, "submit")
    step(o, "complete", today=days_from_today(1))
    assert (o.status, o.completed_on) == ("done", days_from_today(1))
    with pytest.raises(ValidationError) as excinfo:
        step(o, "reopen")
    assert "note" in excinfo.value.message_dict
    step(o, "reopen", note="The donor asked for more")
    assert (o.status, o.completed_on, o.reminded_on) == ("open", None, None)
    changes = [e.changes.get("status") for e in history_of(o)[1:]]
    assert changes == [["open", "submitted"], ["submitted", "done"], ["done", "open"]]


def test_waiving_needs_a_reason_and_keeps_it():
    o = ObligationFactory()
    with pytest.raises(ValidationError):
        step(o, "waive")
    step(o, "waive", note="Covered by the joint report")
    assert (o.status, o.note) == ("waived", "Covered by the joint report")


@pytest.mark.parametrize(
    ("path", "name"),
    [((), "reopen"), (("complete",), "submit"), (("complete",), "waive"), ((), "explode")],
)
def test_changes_from_the_wrong_status_are_refused(path, name):
    o = ObligationFactory()
    for earlier in path:
        step(o, earlier)
    with pytest.raises(ValidationError):
        step(o, name, note="x")


def test_checks_report_every_wrong_field():
    with pytest.raises(ValidationError) as excinfo:
        obligation_create(
            actor=None,
            agreement=signed_agreement(),
            kind="poem",
            title="",
            due_date=None,
            remind_days_before=400,
        )
    assert {"kind", "title", "due_date", "remind_days_before"} <= set(excinfo.value.message_dict)


def test_a_closed_agreement_takes_no_new_obligation():
    a = move(signed_agreement(), "activate", "close")
    with pytest.raises(ValidationError):
        ObligationFactory(agreement=a)


def test_edits_are_versioned_and_recorded():
    o = ObligationFactory(title="Report")
    obligation_update(actor=None, obligation=o, title="Annual report", expected_version=1)
    assert history_of(o)[-1].changes == {"title": ["Report", "Annual report"]}
    with pytest.raises(ConflictError):
        obligation_update(actor=None, obligation=o, title="Stale", expected_version=1)
