"""`accord load_sanctions FILE [--list un_sc]`: load a sanctions list file as a new version."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accord.core.errors import errors_of
from accord.diligence.loading import load_list
from accord.diligence.models import SanctionsList


class Command(BaseCommand):
    help = (
        "Load a sanctions list file (the UN Security Council consolidated list in its official "
        "XML format) as a new version: entries added, changed and delisted are reported."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--list", dest="list_code", default="un_sc", help="Code of the list (default un_sc)."
        )

    def handle(self, *args, file, list_code, **options):
        sanctions_list = SanctionsList.objects.filter(code=list_code).first()
        if sanctions_list is None:
            codes = ", ".join(SanctionsList.objects.values_list("code", flat=True))
            raise CommandError(f"No sanctions list called “{list_code}”. Known lists: {codes}.")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file}: no such file.")
        try:
            version = load_list(
                actor=None, sanctions_list=sanctions_list, file_name=path.name,
                data=path.read_bytes(),
            )
        except ValidationError as exc:
            messages = [m for ms in errors_of(exc).values() for m in ms]
            raise CommandError(f"{file}: {' '.join(messages)}") from None
        c = version.counts
        self.stdout.write(
            f"Loaded {version}: {c['entries']} entries ({c['added']} added, {c['changed']} "
            f"changed, {c['relisted']} listed again, {c['delisted']} delisted); "
            f"{c['listed']} listed now."
        )
