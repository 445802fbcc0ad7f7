"""The agreement life cycle: every transition, every guard, history and versions."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from accord.agreements import services, states
from accord.agreements.models import AgreementStatus as S
from accord.agreements.obligation_services import obligation_transition
from accord.agreements.tests.factories import (
    AgreementFactory,
    ObligationFactory,
    agreement_type,
    days_from_today,
    move,
    signed_agreement,
)
from accord.agreements.tests.helpers import history_of
from accord.core.errors import ConflictError

pytestmark = pytest.mark.django_db


def refused(agreement, name, **kwargs) -> dict:
    with pytest.raises(ValidationError) as excinfo:
        services.agreement_transition(actor=None, agreement=agreement, transition=name, **kwargs)
    return excinfo.value.message_dict


def test_the_happy_path_from_draft_to_closed_records_each_step():
    a = AgreementFactory(start_date=days_from_today(-10), end_date=days_from_today(-2))
    move(a, "submit", "sign", "activate", "expire", "close")
    assert a.status == S.CLOSED
    statuses = [e.changes.get("status") for e in history_of(a)[1:]]
    assert statuses == [
        ["draft", "under_review"],
        ["under_review", "signed"],
        ["signed", "active"],
        ["active", "expired"],
        ["expired", "closed"],
    ]
    assert a.ended_on == a.end_date


def test_submitting_needs_a_party():
    a = AgreementFactory()
    a.party_links.all().delete()
    assert "Add at least one party" in refused(a, "submit")["transition"][0]


def test_returning_for_changes_needs_a_reason():
    a = move(AgreementFactory(), "submit")
    assert refused(a, "return")["note"]
    move(a, "return", note="Fix the annex")
    assert a.status == S.DRAFT
    assert history_of(a)[-1].note == "Fix the annex"


def test_signing_needs_a_signature_date_not_in_the_future():
    a = move(AgreementFactory(), "submit")
    assert "last signature" in refused(a, "sign")["transition"][0]
    assert refused(a, "sign", date=days_from_today(2))["date"]
    move(a, "sign", date=days_from_today(-3))
    assert a.status == S.SIGNED and a.signed_on == days_from_today(-3)


def test_signing_a_type_with_a_value_needs_the_value(eur_rate):
    a = move(AgreementFactory(type=agreement_type("contribution")), "submit")
    assert "carry a value" in refused(a, "sign", date=days_from_today(-1))["transition"][0]
    services.agreement_update(
        actor=None,
        agreement=a,
        amount=Decimal("1000"),
        currency="USD",
        value_date=days_from_today(-1),
    )
    move(a, "sign", date=days_from_today(-1))
    assert a.status == S.SIGNED


def test_activating_waits_for_the_start_date():
    a = signed_agreement(start_date=days_from_today(5))
    assert "can be activated from" in refused(a, "activate")["transition"][0]
    move(a, "activate", today=days_from_today(5))
    assert a.status == S.ACTIVE


def test_activating_needs_a_start_date():
    a = move(AgreementFactory(), "submit", "sign")
    assert "start date" in refused(a, "activate")["transition"][0]


def test_expiring_waits_until_after_the_end_date():
    a = move(signed_agreement(end_date=days_from_today(10)), "activate")
    assert "expires after" in refused(a, "expire")["transition"][0]
    assert refused(a, "expire", today=days_from_today(10))
    move(a, "expire", today=days_from_today(11))
    assert a.status == S.EXPIRED


@pytest.mark.parametrize("start", ["signed", "active"])
def test_terminating_needs_a_reason_and_a_date(start):
    a = signed_agreement()
    if start == "active":
        move(a, "activate")
    assert refused(a, "terminate", date=days_from_today(0))["note"]
    assert refused(a, "terminate", note="Donor withdrew")["date"]
    move(a, "terminate", note="Donor withdrew", date=days_from_today(0))
    assert (a.status, a.end_reason, a.ended_on) == (
        S.TERMINATED,
        "Donor withdrew",
        days_from_today(0),
    )


def test_closing_waits_for_every_obligation_to_be_done_or_waived():
    a = move(signed_agreement(), "activate")
    first = ObligationFactory(agreement=a)
    second = ObligationFactory(agreement=a)
    assert "2 obligation(s)" in refused(a, "close")["transition"][0]
    obligation_transition(actor=None, obligation=first, transition="complete")
    obligation_transition(actor=None, obligation=second, transition="waive", note="Not needed")
    move(a, "close")
    assert a.status == S.CLOSED


@pytest.mark.parametrize(
    ("status_path", "name"),
    [
        ((), "sign"),
        ((), "activate"),
        (("submit",), "close"),
        (("submit", "sign"), "expire"),
        ((), "terminate"),
        (("submit", "sign"), "submit"),
    ],
)
def test_a_transition_from_the_wrong_status_is_refused(status_path, name):
    a = move(AgreementFactory(start_date=days_from_today(-5)), *status_path)
    assert "cannot be" in refused(a, name, note="x", date=days_from_today(-1))["transition"][0]


def test_an_unknown_transition_is_refused():
    assert "no status change called" in refused(AgreementFactory(), "explode")["transition"][0]


def test_a_stale_version_is_a_conflict():
    a = AgreementFactory()
    with pytest.raises(ConflictError):
        services.agreement_transition(
            actor=None, agreement=a, transition="submit", expected_version=a.version - 1
        )


def test_every_status_is_reachable_and_the_table_names_known_statuses():
    targets = {t.target for t in states.TRANSITIONS} | {t.source for t in states.TRANSITIONS}
    assert targets == set(S.values)


def test_blocked_says_why_a_button_cannot_work_yet():
    a = signed_agreement(start_date=days_from_today(3))
    ctx = services.transition_context(a)
    activate = states.find(a, "activate")
    assert "can be activated from" in states.blocked_by(activate, ctx)
    terminate = next(t for t in states.from_status(a.status) if t.name == "terminate")
    assert states.blocked_by(terminate, ctx) == ""


def test_signing_date_defaults_to_the_recorded_one():
    a = AgreementFactory(signed_on=days_from_today(-4))
    move(a, "submit")
    services.agreement_transition(actor=None, agreement=a, transition="sign")
    assert a.signed_on == days_from_today(-4)
    assert a.status_changed_at is not None
