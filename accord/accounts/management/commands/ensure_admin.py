"""Create the local administrator on first run and print its credentials (laptop set-up)."""

import secrets

from django.conf import settings
from django.core.management.base import BaseCommand

from accord.accounts.models import Role, User


class Command(BaseCommand):
    help = "Create a local administrator (first run) and print its credentials."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, **options):
        credentials = settings.DATA_DIR / "admin-credentials.txt"
        user = User.objects.filter(username=username).first()
        if user is None:
            password = secrets.token_urlsafe(12)
            User.objects.create_superuser(
                username=username, email=f"{username}@localhost", password=password,
                role=Role.ADMIN, first_name="Local", last_name="Administrator",
            )
            credentials.write_text(f"username: {username}\npassword: {password}\n")
            credentials.chmod(0o600)
        if credentials.exists():
            self.stdout.write(
                f"Local administrator (also in {credentials}):\n{credentials.read_text()}"
            )
        else:
            self.stdout.write(f"User {username!r} exists; its password was set elsewhere.")
