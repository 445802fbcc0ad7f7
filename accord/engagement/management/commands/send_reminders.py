"""`accord send_reminders [--dry-run] [--today YYYY-MM-DD]`: send the day's reminders and run
the date-driven transitions (accord/engagement/reminders.py has the registry)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from accord.engagement import reminders


class Command(BaseCommand):
    help = (
        "Send due reminders (stale relationships, overdue follow-ups and plan actions, and "
        "those other apps register) as one digest e-mail per person, and run date-driven "
        "transitions. Safe to run more than once a day and on several servers."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would be sent; change nothing."
        )
        parser.add_argument("--today", help="Run as if today were this date (YYYY-MM-DD).")

    def handle(self, *args, dry_run: bool, today: str | None, **options):
        day = None
        if today:
            try:
                day = date.fromisoformat(today)
            except ValueError:
                raise CommandError(f"--today {today!r}: give a date as YYYY-MM-DD.") from None
        report = reminders.send_reminders(today=day, dry_run=dry_run)
        if report.busy:
            self.stdout.write(
                f"Another run is sending the reminders of {report.today}; nothing done."
            )
            return
        verb = "Would send" if dry_run else "Sent"
        for name, moved in report.transitions.items():
            self.stdout.write(f"{name}: {moved} record(s) {'would move' if dry_run else 'moved'}")
        self.stdout.write(
            f"{verb} {report.reminders} reminder(s) in {len(report.digests)} digest(s) "
            f"for {report.today}"
            + (f"; {report.skipped} already sent today" if report.skipped else "")
        )
        for recipient, items in sorted(report.digests.items(), key=lambda kv: kv[0].email):
            counts = {}
            for item in items:
                counts[item.source] = counts.get(item.source, 0) + 1
            detail = ", ".join(
                f"{reminders.SOURCES[s].title.lower()}: {n}" for s, n in counts.items()
            )
            self.stdout.write(f"  {recipient.email}: {detail}")
