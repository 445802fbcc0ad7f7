"""Covering indexes for the funding view (accord/funding/gap_selectors.py), which is benchmarked
at 200,000 rows: each of its GROUP BY queries reads one index range without visiting the table.
Plain SQL (the same on SQLite and PostgreSQL) because they serve one read path only and are not
part of the models' shape."""

from django.db import migrations

INDEXES = {
    # received: allocations of a year, grouped by flagship or outcome.
    "allocation_year_cover_idx": "funding_allocation (year, flagship_id, outcome_id, amount_usd)",
    # pledged outstanding: instalments due in a year, with what the sum needs.
    "instalment_due_cover_idx": (
        "funding_instalment (due_date, pledge_id, amount, received_amount, amount_usd)"
    ),
    # weighted pipeline: open opportunities decided in a year.
    "opp_pipeline_cover_idx": (
        "funding_opportunity (stage_id, expected_decision_date, flagship_id, probability, "
        "amount_usd, region_id)"
    ),
}


class Migration(migrations.Migration):
    dependencies = [("funding", "0002_default_stages")]

    operations = [
        migrations.RunSQL(
            sql=f"CREATE INDEX IF NOT EXISTS {name} ON {columns}",
            reverse_sql=f"DROP INDEX IF EXISTS {name}",
        )
        for name, columns in INDEXES.items()
    ]
