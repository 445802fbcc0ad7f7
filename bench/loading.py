"""Raw bulk loading: COPY on PostgreSQL, executemany on SQLite.

The generator uses it for the large tables, and the bulk-load benchmark uses it as the raw
baseline. Values are given in the form both databases accept from text: timestamps as
`YYYY-MM-DD HH:MM:SS` in UTC (see `db_datetime`), JSON as a string, booleans as bool."""

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from django.db import connection, models


def db_datetime(value: datetime) -> str:
    """A UTC timestamp as both backends store it from text (the SQLite backend keeps naive UTC
    text; PostgreSQL gets an explicit offset so the session time zone does not matter)."""
    naive = value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value
    text = str(naive)
    return f"{text}+00:00" if connection.vendor == "postgresql" else text


class Table:
    """The columns of one model's table, in the order the caller gives its values, plus every
    other concrete column filled with its model default (so a new column with a default does
    not break the loader; one without a default fails with a clear message)."""

    def __init__(self, model: type[models.Model], columns: Sequence[str]):
        self.model = model
        self.name = model._meta.db_table
        given = list(columns)
        self.extra_columns: list[str] = []
        self.extra_values: tuple = ()
        extras = []
        for field in model._meta.concrete_fields:
            if field.column in given or isinstance(field, models.AutoField):
                continue  # given, or numbered by the database
            if field.has_default() or (not field.null and field.empty_strings_allowed):
                value = field.get_default()
                if isinstance(field, models.JSONField):
                    value = json.dumps(value)
                else:
                    value = field.get_db_prep_save(value, connection)
            elif field.null:
                value = None
            else:
                raise RuntimeError(
                    f"bench: {self.name}.{field.column} has no default; add it to the generator"
                )
            self.extra_columns.append(field.column)
            extras.append(value)
        self.extra_values = tuple(extras)
        self.columns = given + self.extra_columns
        unknown = set(given) - {f.column for f in model._meta.concrete_fields}
        if unknown:
            raise RuntimeError(f"bench: {self.name} has no column(s) {sorted(unknown)}")

    def load(self, rows: Iterable[tuple]) -> int:
        """Insert the rows in the current transaction; returns how many."""
        extra = self.extra_values
        if extra:
            rows = (row + extra for row in rows)
        return bulk_insert(self.name, self.columns, rows)


def bulk_insert(table: str, columns: Sequence[str], rows: Iterable[tuple]) -> int:
    qn = connection.ops.quote_name
    column_list = ", ".join(qn(c) for c in columns)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {qn(table)} ({column_list}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            rows = list(rows)
            cursor.executemany(
                f"INSERT INTO {qn(table)} ({column_list}) VALUES ({placeholders})", rows
            )
            count = len(rows)
    return count


def next_id(model: type[models.Model]) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COALESCE(MAX({connection.ops.quote_name(model._meta.pk.column)}), 0) "
            f"FROM {connection.ops.quote_name(model._meta.db_table)}"
        )
        return cursor.fetchone()[0] + 1


def reset_sequences(model_list: Sequence[type[models.Model]]) -> None:
    """After loading explicit ids, point PostgreSQL's sequences past them (SQLite's
    AUTOINCREMENT follows by itself)."""
    if connection.vendor != "postgresql":
        return
    from django.core.management.color import no_style

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), model_list):
            cursor.execute(sql)


def analyze() -> None:
    """Refresh the planner statistics after a bulk load (PostgreSQL's autovacuum would do it
    shortly; SQLite has no statistics until ANALYZE runs)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
