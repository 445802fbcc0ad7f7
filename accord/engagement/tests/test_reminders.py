"""`accord send_reminders`: one digest per owner with stale relationships, overdue follow-ups
and overdue plan actions; idempotent per day; dry run; a registry other apps add to; safe when
another run holds the day."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from accord.accounts.models import Role
from accord.engagement import reminders
from accord.engagement.models import ReminderRun, ReminderSent
from accord.engagement.tests.factories import (
    EngagementFactory,
    FollowUpFactory,
    PlanActionFactory,
    days_ago,
)
from accord.partners.tests.factories import OrganisationFactory, country

pytestmark = pytest.mark.django_db


@pytest.fixture
def due(make_user):
    """An owner with a stale partner, an overdue follow-up and an overdue plan action; another
    owner with an overdue follow-up only; a third with nothing due."""
    owner = make_user(Role.OFFICER)
    other = make_user(Role.REGIONAL)
    idle = make_user(Role.OFFICER)
    stale = OrganisationFactory(
        name="Quiet County",
        category="local_authority",
        country=country("KE"),
        status="active",
        owner=owner,
    )
    fresh = OrganisationFactory(
        name="Busy County",
        category="local_authority",
        country=country("KE"),
        status="active",
        owner=idle,
    )
    EngagementFactory(organisations=[fresh], start_date=days_ago(5))
    engagement = EngagementFactory(organisations=[fresh], title="Budget talks")
    FollowUpFactory(
        engagement=engagement, owner=owner, due_date=days_ago(2), description="Send minutes"
    )
    FollowUpFactory(
        engagement=engagement, owner=other, due_date=days_ago(1), description="Call back"
    )
    FollowUpFactory(engagement=engagement, owner=idle, due_date=days_ago(-3), description="Not yet")
    PlanActionFactory(title="Map city networks", owner=owner, due_date=days_ago(10))
    return owner, other, stale


def run(*args) -> str:
    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def test_each_owner_gets_one_digest_with_everything_due(due, django_capture_on_commit_callbacks):
    owner, other, stale = due
    with django_capture_on_commit_callbacks(execute=True):
        output = run()
    assert "Sent 4 reminder(s) in 2 digest(s)" in output
    assert sorted(m.to[0] for m in mail.outbox) == sorted([owner.email, other.email])
    body = next(m for m in mail.outbox if m.to == [owner.email]).body
    assert "Quiet County — no engagement recorded" in body
    assert "Send minutes (due" in body and "Map city networks" in body
    assert "Partners you have not engaged for a while (1):" in body
    assert f"/partners/{stale.pk}/?tab=engagements" in body


def test_a_second_run_the_same_day_sends_nothing_again(due, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        output = run()
    assert mail.outbox == [] and "4 already sent today" in output
    assert ReminderRun.objects.get().sent == 4


def test_the_next_day_reminds_again(due, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run()
    tomorrow = (days_ago(-1)).isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        run("--today", tomorrow)
    assert len(mail.outbox) == 4
    assert ReminderSent.objects.filter(day=days_ago(-1)).count() == 4


def test_dry_run_shows_what_would_be_sent_and_changes_nothing(due):
    output = run("--dry-run")
    owner, other, _ = due
    assert "Would send 4 reminder(s) in 2 digest(s)" in output
    assert owner.email in output and "overdue follow-ups: 1" in output
    assert mail.outbox == [] and not ReminderSent.objects.exists()
    assert not ReminderRun.objects.exists()


def test_today_can_be_set_for_the_run(due, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        output = run("--today", (days_ago(30)).isoformat())
    # Thirty days ago nothing was overdue yet, and neither partner had been engaged.
    assert f"for {days_ago(30).isoformat()}" in output and "Sent 2 reminder(s)" in output
    sources = set(ReminderSent.objects.values_list("source", "day"))
    assert sources == {("engagement.stale_relationships", days_ago(30))}


def test_a_wrong_date_is_explained():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run("--today", "26/11/2026")


def test_a_run_leaves_the_day_to_another_run_that_holds_it(due, monkeypatch):
    class Locked:
        def select_for_update(self, **kwargs):
            return self

        def filter(self, **kwargs):
            return self

        def first(self):
            return None

    real = ReminderRun.objects
    monkeypatch.setattr(
        reminders.ReminderRun,
        "objects",
        type(
            "M",
            (),
            {
                "get_or_create": staticmethod(real.get_or_create),
                "select_for_update": staticmethod(lambda **kw: Locked()),
            },
        )(),
    )
    assert "Another run is sending" in run()
    assert not ReminderSent.objects.exists() and mail.outbox == []


def test_other_apps_add_reminder_sources_and_transitions_without_touching_the_command(
    due, monkeypatch, django_capture_on_commit_callbacks
):
    owner, _, _ = due
    monkeypatch.setattr(reminders, "SOURCES", dict(reminders.SOURCES))
    monkeypatch.setattr(reminders, "TRANSITIONS", dict(reminders.TRANSITIONS))
    moved = []

    @reminders.reminder_source("agreements.expiring", "Agreements about to expire")
    def expiring(today):
        yield reminders.Reminder("agreements.expiring", "agreement:7", owner, "MoU with NCC")

    @reminders.date_transition("agreements.expire")
    def expire(*, today, dry_run):
        moved.append((today, dry_run))
        return 2

    with django_capture_on_commit_callbacks(execute=True):
        output = run()
    assert "agreements.expire: 2 record(s) moved" in output
    assert moved == [(days_ago(0), False)]
    body = next(m for m in mail.outbox if m.to == [owner.email]).body
    assert "Agreements about to expire (1):" in body and "MoU with NCC" in body


def test_owners_without_an_email_address_are_skipped(due, django_capture_on_commit_callbacks):
    owner, other, _ = due
    other.email = ""
    other.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        run()
    assert [m.to for m in mail.outbox] == [[owner.email]]


def test_collecting_reminders_runs_a_fixed_number_of_queries(
    due, make_user, django_assert_max_num_queries
):
    for n in range(5):
        OrganisationFactory(
            name=f"Quiet {n}",
            category="foundation",
            country=country("KE"),
            status="active",
            owner=make_user(Role.OFFICER),
        )
    # The engagement app's own sources (other apps register theirs in the same registry).
    own = [s for s in reminders.SOURCES.values() if s.collect.__module__ == reminders.__name__]
    with django_assert_max_num_queries(6):
        found = [r for s in own for r in s.collect(days_ago(0))]
    assert len(found) == 9
