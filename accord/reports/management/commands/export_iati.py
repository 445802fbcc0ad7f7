"""`accord export_iati organisation|activities -o FILE`: write UN-Habitat's IATI 2.03
organisation file or activity file (see docs/reports.md for what goes in them)."""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from accord.reports.document_permissions import system_reader
from accord.reports.iati import activities, files, identity


class Command(BaseCommand):
    help = (
        "Write IATI 2.03 XML: the organisation file (identifier, name, total budget and "
        "expenditure by year) or the activity file (agreements and joint programmes)."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", help="organisation or activities")
        parser.add_argument("-o", "--output", required=True, help="The file to write.")

    def handle(self, *args, kind, output, **options):
        if kind not in files.KINDS:
            raise CommandError(
                f"Unknown file {kind!r}: choose `organisation` or `activities`, "
                "e.g. accord export_iati activities -o activities.xml"
            )
        path = Path(output)
        if path.is_dir():
            raise CommandError(
                f"-o {output}: is a folder; give a file name, e.g. {output}/{kind}.xml"
            )
        if not path.parent.is_dir():
            raise CommandError(f"-o {output}: the folder {path.parent} does not exist.")
        try:
            identity.organisation_identifier()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        reader = system_reader()
        if kind == "activities" and not activities.has_activities(reader):
            raise CommandError(
                "No activity to export: an activity file needs at least one signed agreement "
                "or a won opportunity with co-funders."
            )
        try:
            size = files.write_file(kind, reader, path)
        except OSError as error:
            raise CommandError(
                f"-o {output}: could not write the file ({error.strerror})."
            ) from error
        self.stdout.write(f"Wrote the IATI {kind} file to {path} ({size:,} bytes).")
