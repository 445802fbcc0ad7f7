"""`accord screen [--format text|json]`: screen every organisation and contact against the
current sanctions lists, and list the hits that are open or confirmed."""

import json

from django.core.management.base import BaseCommand, CommandError

from accord.diligence.models import BLOCKING_HITS, ScreeningHit, ScreeningTrigger
from accord.diligence.screening.service import screen_everyone


class Command(BaseCommand):
    help = "Screen all organisations and contacts against the sanctions lists and list hits."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, format, **options):
        run = screen_everyone(trigger=ScreeningTrigger.ON_DEMAND)
        if run is None:
            raise CommandError("No sanctions list is loaded: run `accord load_sanctions FILE`.")
        hits = (
            ScreeningHit.objects.filter(status__in=BLOCKING_HITS)
            .select_related("organisation", "contact", "entry", "version")
            .order_by("-score", "id")
        )
        rows = [_row(hit) for hit in hits]
        if format == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        c = run.counts
        self.stdout.write(
            f"Screened {c.get('organisations_screened', 0)} organisations and "
            f"{c.get('contacts_screened', 0)} contacts against {run.version}: "
            f"{len(rows)} hits to review or confirmed."
        )
        for row in rows:
            self.stdout.write(
                f"{row['score']:.3f}  {row['subject']} #{row['subject_id']} “{row['name']}”  ~  "
                f"{row['entry_reference']} {row['entry_name']}  [{row['status']}]  "
                f"{'; '.join(row['reasons'][1:])}"
            )


def _row(hit: ScreeningHit) -> dict:
    subject = hit.organisation or hit.contact
    return {
        "hit": hit.pk,
        "status": hit.status,
        "score": float(hit.score),
        "subject": "organisation" if hit.organisation_id else "contact",
        "subject_id": subject.pk,
        "name": hit.screened_name,
        "entry_reference": hit.entry.reference_number,
        "entry_name": hit.entry.name,
        "list_version": str(hit.version),
        "reasons": hit.explanation,
    }
