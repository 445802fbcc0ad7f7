"""Search and sort indexes beyond those declared in models.py.

On PostgreSQL, search tokens and sort names compare by code point ("C" collation), as SQLite
does: the search box's prefix range (token >= w AND token < w || U+FFFF) and the name order are
then the same on both databases whatever the server's locale.

The "recently updated" order of the list page walks an index on (updated_at, id) instead of
sorting every row. It is plain SQL (the same on both databases) so the model state stays as
models.py declares it."""

from django.db import migrations

COLUMNS = [
    ("partners_searchtoken", "token", 64),
    ("partners_organisation", "sort_name", 300),
]


def to_c_collation(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, column, length in COLUMNS:
        schema_editor.execute(
            f'ALTER TABLE {table} ALTER COLUMN {column} TYPE varchar({length}) COLLATE "C"'
        )


def to_default_collation(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, column, length in COLUMNS:
        schema_editor.execute(
            f'ALTER TABLE {table} ALTER COLUMN {column} TYPE varchar({length}) COLLATE "default"'
        )


class Migration(migrations.Migration):
    dependencies = [("partners", "0001_initial")]

    operations = [
        migrations.RunPython(to_c_collation, to_default_collation),
        migrations.RunSQL(
            "CREATE INDEX partners_org_updated_idx ON partners_organisation (updated_at, id)",
            "DROP INDEX partners_org_updated_idx",
        ),
    ]
