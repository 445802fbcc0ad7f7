"""`accord send_reminders` closes calls past their deadline: a dry run changes nothing, and a
rehearsal for another day (`--today`) uses that day's start as the cut-off."""

import io
from datetime import datetime, time, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from accord.portal.calls.models import Call, CallStatus
from accord.portal.calls.reminders import cut_off

pytestmark = pytest.mark.django_db


def test_a_dry_run_counts_but_closes_nothing(open_call):
    Call.objects.filter(pk=open_call.pk).update(deadline=timezone.now() - timedelta(hours=1))
    out = io.StringIO()
    call_command("send_reminders", "--dry-run", stdout=out)
    assert "calls.close_after_deadline: 1 record(s) would move" in out.getvalue()
    open_call.refresh_from_db()
    assert open_call.status == CallStatus.PUBLISHED


def test_another_day_is_cut_off_at_its_start(open_call):
    today = timezone.localdate()
    assert abs((cut_off(today) - timezone.now()).total_seconds()) < 5
    later = today + timedelta(days=3)
    assert cut_off(later) == timezone.make_aware(datetime.combine(later, time.min))
    day_after = (open_call.deadline + timedelta(days=1)).date()
    call_command("send_reminders", "--today", day_after.isoformat(), stdout=io.StringIO())
    open_call.refresh_from_db()
    assert open_call.status == CallStatus.CLOSED
