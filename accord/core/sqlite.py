"""SQLite tuning applied to every new connection (WAL is set by init_command in settings)."""

from django.db.backends.signals import connection_created
from django.dispatch import receiver


@receiver(connection_created)
def _tune_sqlite(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size=-65536")  # 64 MiB page cache
            cursor.execute("PRAGMA temp_store=MEMORY")
