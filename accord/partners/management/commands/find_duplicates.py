"""`accord find_duplicates [--format text|json|csv] [--threshold T] [--dry-run]`: scan the
registry for likely duplicates, store them in the review queue and list the open pairs."""

import csv
import json

from django.core.management.base import BaseCommand, CommandError

from accord.partners import duplicates
from accord.partners.matching.scoring import threshold as default_threshold
from accord.partners.models import DuplicateCandidate, Organisation

COLUMNS = [
    "score",
    "first_id",
    "first_ref",
    "first_name",
    "second_id",
    "second_ref",
    "second_name",
    "reasons",
]


class Command(BaseCommand):
    help = (
        "List candidate duplicate organisations with score, reasons, names and refs. The pairs "
        "found are stored in the review queue; pairs decided 'not a duplicate' never reappear."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["text", "json", "csv"], default="text")
        parser.add_argument(
            "--threshold",
            type=float,
            default=None,
            help="Lowest score listed, between 0 and 1 (default: the setting "
            "ACCORD_DUPLICATE_THRESHOLD).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Only list what the scan finds; store nothing."
        )

    def handle(self, *args, format, threshold, dry_run, **options):
        if threshold is not None and not 0 <= threshold <= 1:
            raise CommandError("--threshold must be between 0 and 1, e.g. 0.8.")
        minimum = default_threshold() if threshold is None else threshold
        found = duplicates.find_candidates(threshold=minimum)
        if dry_run:
            decided = set(
                DuplicateCandidate.objects.exclude(
                    status=DuplicateCandidate.Status.OPEN
                ).values_list("first_id", "second_id")
            )
            pairs = [
                (f.first_id, f.second_id, f.score, f.reasons)
                for f in found
                if (f.first_id, f.second_id) not in decided
            ]
        else:
            result = duplicates.duplicate_scan(found=found)
            if format == "text":
                self.stderr.write(
                    f"Scan: {result.found} pairs found ({result.created} new, {result.updated} "
                    f"updated, {result.decided} already decided); {result.removed} open pairs "
                    "no longer found were removed."
                )
            pairs = list(
                DuplicateCandidate.objects.filter(
                    status=DuplicateCandidate.Status.OPEN, score__gte=minimum
                )
                .order_by("-score", "first_id", "second_id")
                .values_list("first_id", "second_id", "score", "reasons")
            )
        self._write(format, self._rows(pairs))

    def _rows(self, pairs) -> list[dict]:
        ids = {i for a, b, *_ in pairs for i in (a, b)}
        orgs = {
            pk: (name, ref)
            for pk, name, ref in Organisation.objects.filter(pk__in=ids)
            .values_list("pk", "name", "ref")
            .iterator(chunk_size=5000)
        }
        return [
            {
                "score": round(score, 4),
                "first_id": a,
                "first_ref": orgs[a][1],
                "first_name": orgs[a][0],
                "second_id": b,
                "second_ref": orgs[b][1],
                "second_name": orgs[b][0],
                "reasons": list(reasons),
            }
            for a, b, score, reasons in pairs
            if a in orgs and b in orgs
        ]

    def _write(self, format: str, rows: list[dict]) -> None:
        if format == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1))
        elif format == "csv":
            writer = csv.DictWriter(self.stdout, fieldnames=COLUMNS, lineterminator="\n")
            writer.writeheader()
            for row in rows:
                writer.writerow({**row, "reasons": "; ".join(row["reasons"])})
        else:
            for row in rows:
                self.stdout.write(
                    f"{row['score']:.2f}  #{row['first_id']} {row['first_name']}"
                    f"{' [' + row['first_ref'] + ']' if row['first_ref'] else ''}  ~  "
                    f"#{row['second_id']} {row['second_name']}"
                    f"{' [' + row['second_ref'] + ']' if row['second_ref'] else ''}\n"
                    f"      {'; '.join(row['reasons'])}"
                )
            self.stdout.write(f"{len(rows)} candidate pairs.")
