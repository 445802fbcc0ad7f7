"""`accord send_reminders` for agreements: date-driven transitions (signed → active, active →
expired), obligation reminders (once), escalations (once, to both owners), expiry notices."""

from datetime import timedelta

import pytest
from django.core import mail

from accord.accounts.models import Role
from accord.agreements import obligation_services
from accord.agreements.models import AgreementStatus as S
from accord.agreements.tests.factories import (
    AgreementFactory,
    ObligationFactory,
    days_from_today,
    move,
    signed_agreement,
)
from accord.agreements.tests.helpers import history_of
from accord.engagement.reminders import send_reminders

pytestmark = pytest.mark.django_db


def run(today, captured, *, dry_run=False):
    with captured(execute=True):
        return send_reminders(today=today, dry_run=dry_run)


def sources_for(report, user) -> list[str]:
    return [r.source for r in report.digests.get(user, [])]


def test_signed_agreements_become_active_on_their_start_date(
    django_capture_on_commit_callbacks,
):
    a = signed_agreement(start_date=days_from_today(3))
    report = run(days_from_today(2), django_capture_on_commit_callbacks)
    a.refresh_from_db()
    assert a.status == S.SIGNED and report.transitions["agreements.activate_on_start_date"] == 0
    report = run(days_from_today(3), django_capture_on_commit_callbacks)
    a.refresh_from_db()
    assert a.status == S.ACTIVE
    assert report.transitions["agreements.activate_on_start_date"] == 1
    entry = history_of(a)[-1]
    assert entry.actor is None and "activated by date" in entry.note


def test_active_agreements_expire_the_day_after_their_end_date(
    django_capture_on_commit_callbacks,
):
    a = move(signed_agreement(end_date=days_from_today(5)), "activate")
    run(days_from_today(5), django_capture_on_commit_callbacks)
    a.refresh_from_db()
    assert a.status == S.ACTIVE
    run(days_from_today(6), django_capture_on_commit_callbacks)
    a.refresh_from_db()
    assert (a.status, a.ended_on) == (S.EXPIRED, days_from_today(5))
    assert "expired by date" in history_of(a)[-1].note


def test_a_signed_agreement_already_over_is_activated_then_expired_in_one_run(
    django_capture_on_commit_callbacks,
):
    a = signed_agreement(start_date=days_from_today(-10), end_date=days_from_today(-2))
    run(days_from_today(0), django_capture_on_commit_callbacks)
    a.refresh_from_db()
    assert a.status == S.EXPIRED


def test_a_dry_run_changes_nothing_and_a_second_run_moves_nothing(
    django_capture_on_commit_callbacks,
):
    a = signed_agreement(start_date=days_from_today(0))
    report = run(days_from_today(0), django_capture_on_commit_callbacks, dry_run=True)
    a.refresh_from_db()
    assert a.status == S.SIGNED and report.transitions["agreements.activate_on_start_date"] == 1
    run(days_from_today(0), django_capture_on_commit_callbacks)
    report = run(days_from_today(1), django_capture_on_commit_callbacks)
    assert report.transitions["agreements.activate_on_start_date"] == 0


@pytest.fixture
def owners(make_user):
    return make_user(Role.PROGRAMME), make_user(Role.OFFICER)


def test_an_obligation_reminder_goes_to_its_owner_once(owners, django_capture_on_commit_callbacks):
    owner, _ = owners
    o = ObligationFactory(
        agreement=signed_agreement(),
        owner=owner,
        due_date=days_from_today(20),
        remind_days_before=14,
    )
    report = run(days_from_today(5), django_capture_on_commit_callbacks)
    assert "agreements.obligations_due" not in sources_for(report, owner)
    report = run(days_from_today(6), django_capture_on_commit_callbacks)
    assert sources_for(report, owner) == ["agreements.obligations_due"]
    assert any(o.title in m.body for m in mail.outbox)
    o.refresh_from_db()
    assert o.reminded_on == days_from_today(6)
    report = run(days_from_today(7), django_capture_on_commit_callbacks)
    assert "agreements.obligations_due" not in sources_for(report, owner)


def test_a_dry_run_lists_the_reminder_without_marking_it(
    owners, django_capture_on_commit_callbacks
):
    owner, _ = owners
    o = ObligationFactory(agreement=signed_agreement(), owner=owner, due_date=days_from_today(3))
    report = run(days_from_today(0), django_capture_on_commit_callbacks, dry_run=True)
    assert sources_for(report, owner) == ["agreements.obligations_due"]
    o.refresh_from_db()
    assert o.reminded_on is None and not mail.outbox


def test_obligations_of_draft_agreements_do_not_remind(owners, django_capture_on_commit_callbacks):
    owner, _ = owners
    ObligationFactory(agreement=AgreementFactory(), owner=owner, due_date=days_from_today(-3))
    report = run(days_from_today(0), django_capture_on_commit_callbacks)
    assert owner not in report.digests


def test_an_overdue_obligation_escalates_once_to_both_owners(
    owners, django_capture_on_commit_callbacks
):
    owner, agreement_owner = owners
    a = signed_agreement(owner=agreement_owner)
    o = ObligationFactory(agreement=a, owner=owner, due_date=days_from_today(1))
    report = run(days_from_today(2), django_capture_on_commit_callbacks)
    assert "agreements.overdue_obligations" in sources_for(report, owner)
    assert "agreements.overdue_obligations" in sources_for(report, agreement_owner)
    o.refresh_from_db()
    assert o.escalated_on == days_from_today(2)
    assert history_of(o)[-1].changes == {"escalated_on": [None, days_from_today(2).isoformat()]}
    again = run(days_from_today(2), django_capture_on_commit_callbacks)  # same day: deduplicated
    assert owner not in again.digests
    later = run(days_from_today(3), django_capture_on_commit_callbacks)
    assert owner not in later.digests and agreement_owner not in later.digests


def test_a_new_due_date_means_a_new_reminder_and_escalation(
    owners, django_capture_on_commit_callbacks
):
    owner, _ = owners
    o = ObligationFactory(agreement=signed_agreement(), owner=owner, due_date=days_from_today(-1))
    run(days_from_today(0), django_capture_on_commit_callbacks)
    o.refresh_from_db()
    assert o.escalated_on is not None
    obligation_services.obligation_update(
        actor=None, obligation=o, due_date=days_from_today(-1) + timedelta(days=3)
    )
    assert o.escalated_on is None and o.reminded_on is None


def test_the_same_person_owning_both_gets_one_escalation(
    owners, django_capture_on_commit_callbacks
):
    owner, _ = owners
    a = signed_agreement(owner=owner)
    ObligationFactory(agreement=a, owner=owner, due_date=days_from_today(-1))
    report = run(days_from_today(0), django_capture_on_commit_callbacks)
    assert sources_for(report, owner) == ["agreements.overdue_obligations"]


@pytest.mark.parametrize(("days", "sent"), [(90, True), (30, True), (60, False), (31, False)])
def test_the_agreement_owner_hears_90_and_30_days_before_it_ends(
    owners, days, sent, django_capture_on_commit_callbacks
):
    _, agreement_owner = owners
    signed_agreement(owner=agreement_owner, end_date=days_from_today(days))
    report = run(days_from_today(0), django_capture_on_commit_callbacks)
    assert ("agreements.expiring" in sources_for(report, agreement_owner)) is sent
