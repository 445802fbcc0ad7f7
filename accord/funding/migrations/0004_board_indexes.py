"""Indexes for the pipeline board (accord/funding/pipeline_selectors.py, `board`), benchmarked at
200,000 opportunities: each column's first cards are read straight off an index range in the
column's order, instead of ranking every row; the newest `updated_at` (the key of the cached
totals, and the list's default sort) is one index probe. Plain SQL, the same on SQLite and
PostgreSQL, like 0003: the `IS NULL` key puts undated rows last on both, which place NULLs at
opposite ends of an index."""

from django.db import migrations

INDEXES = {
    # open stages: soonest expected decision first, undated last.
    "opp_board_open_idx": (
        "funding_opportunity"
        " (stage_id, (expected_decision_date IS NULL), expected_decision_date, id)"
    ),
    # closed stages: latest closed first.
    "opp_board_closed_idx": (
        "funding_opportunity (stage_id, (closed_on IS NULL), closed_on DESC, id DESC)"
    ),
    "opp_updated_idx": "funding_opportunity (updated_at, id)",
}


class Migration(migrations.Migration):
    dependencies = [("funding", "0003_money_covering_indexes")]

    operations = [
        migrations.RunSQL(
            sql=f"CREATE INDEX IF NOT EXISTS {name} ON {columns}",
            reverse_sql=f"DROP INDEX IF EXISTS {name}",
        )
        for name, columns in INDEXES.items()
    ]
