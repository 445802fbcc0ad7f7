"""Bulk load of organisations: Accord's paths against raw COPY (PostgreSQL) / executemany
(SQLite) of the same rows. Every load runs in a transaction that is rolled back, so the data
set is unchanged; the rollback is not timed."""

import json
import random
import statistics
import time
from datetime import UTC, datetime

from django.db import connection, transaction

from accord.accounts.models import User
from accord.core.models import HistoryEntry
from accord.partners import services
from accord.partners.models import Organisation, OrganisationName, SearchToken
from accord.strategy.models import Outcome
from bench.cases.context import Context
from bench.generate import Generator, organisation_tokens
from bench.loading import Table, db_datetime, next_id
from bench.measure import result

ROUNDS = 3
SERVICE_SAMPLE = 200
FAKE_IDS = 10**9  # only used inside ref and IATI identifiers, so they stay unique


def _timed(load) -> float:
    """Seconds taken by `load()` inside a transaction that is then rolled back."""
    with transaction.atomic():
        start = time.perf_counter_ns()
        load()
        elapsed = time.perf_counter_ns() - start
        transaction.set_rollback(True)
    return elapsed / 1e9


def _sample(ctx: Context, n: int) -> list[dict]:
    gen = Generator(ctx.scale)
    gen.rng = random.Random(7)
    owners = list(
        User.objects.filter(username__startswith="bench-owner-").values_list("id", flat=True)
    )
    return [gen.organisation(FAKE_IDS + i, owners) | {"gen": gen} for i in range(n)]


def bulk_load(ctx: Context) -> list[dict]:
    n = max(1_000, min(10_000, ctx.marker["counts"]["organisations"] // 10))
    columns = Generator.ORGANISATION_COLUMNS[1:]  # the database assigns ids
    orgs = _sample(ctx, n)
    now = db_datetime(datetime.now(UTC))
    rows = []
    for org in orgs:
        row = list(org["gen"].organisation_row(org)[1:])
        row[0] = row[1] = now  # created_at, updated_at: what auto_now writes
        row[columns.index("archived_at")] = None
        rows.append(tuple(row))
    raw_table = Table(Organisation, columns)
    skip = {"created_at", "updated_at"}

    def orm_load():
        objects = []
        for row in rows:
            values = {c: v for c, v in zip(columns, row, strict=True) if c not in skip}
            values["resources_offered"] = json.loads(values["resources_offered"])
            objects.append(Organisation(**values))
        Organisation.objects.bulk_create(objects, batch_size=1000)

    raw, orm = [], []
    for _ in range(ROUNDS):
        raw.append(n / _timed(lambda: raw_table.load(rows)))
        orm.append(n / _timed(orm_load))
    raw_name = "COPY" if connection.vendor == "postgresql" else "executemany"
    out = [
        result(
            f"{ctx.db}.bulk_load.orm_rows_per_s",
            statistics.median(orm),
            f"organisations/s, bulk_create(batch_size=1000) of {n:,}; baseline raw {raw_name} "
            "(higher is better)",
            baseline=statistics.median(raw),
        )
    ]
    out.append(_services_load(ctx, orgs[:SERVICE_SAMPLE], raw_name))
    if connection.vendor == "postgresql":
        # Rolled-back inserts leave dead tuples behind; clear them so the next run starts clean.
        with connection.cursor() as cursor:
            for model in (Organisation, OrganisationName, SearchToken, HistoryEntry):
                cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")
    return out


def _services_load(ctx: Context, orgs: list[dict], raw_name: str) -> dict:
    """organisation_create one by one (validation, names, outcomes, tokens, history) against
    the raw load of the same rows into the same tables."""
    outcome_ids = dict(Outcome.objects.values_list("code", "id"))
    outcome_codes = sorted(outcome_ids)
    rng = random.Random(11)
    calls = []
    for org in orgs:
        row = dict(
            zip(Generator.ORGANISATION_COLUMNS, org["gen"].organisation_row(org), strict=True)
        )
        calls.append(
            {
                "name": org["name"],
                "category": org["category_code"],
                "acronym": org["acronym"],
                "aliases": org["aliases"],
                "country": org["country"][0] if org["country"] else None,
                "city": row["city"],
                "website": row["website"],
                "email": row["email"],
                "phone": row["phone"],
                "description": row["description"],
                "subtype": row["subtype"],
                "iati_identifier": row["iati_identifier"],
                "registration_number": row["registration_number"],
                "status": row["status"],
                "resources_offered": json.loads(row["resources_offered"]),
                "ref": row["ref"],
                "outcomes": sorted(rng.sample(outcome_codes, rng.randint(0, 2))),
            }
        )

    def services_load():
        for kwargs in calls:
            services.organisation_create(actor=ctx.officer, **kwargs)

    org_columns = Generator.ORGANISATION_COLUMNS[1:]
    org_rows, per_org = [], []
    for org in orgs:
        row = org["gen"].organisation_row(org)[1:]
        org_rows.append(row)
        per_org.append(
            (org["aliases"], organisation_tokens(org["name"], org["acronym"], org["aliases"]))
        )
    org_table = Table(Organisation, ("id", *org_columns))
    name_table = Table(OrganisationName, ("organisation_id", "name", "kind", "language"))
    token_table = Table(SearchToken, ("organisation_id", "token"))
    outcome_table = Table(Organisation.outcomes.through, ("organisation_id", "outcome_id"))
    history_table = Table(
        HistoryEntry, ("model", "object_id", "object_repr", "action", "changes", "at")
    )

    def raw_load():
        first = next_id(Organisation)
        ids = range(first, first + len(org_rows))
        org_table.load((pk, *row) for pk, row in zip(ids, org_rows, strict=True))
        name_table.load(
            (pk, a, "alias", "")
            for pk, (aliases, _) in zip(ids, per_org, strict=True)
            for a in aliases
        )
        token_table.load(
            (pk, t) for pk, (_, tokens) in zip(ids, per_org, strict=True) for t in tokens
        )
        outcome_table.load(
            (pk, outcome_ids[code])
            for pk, kwargs in zip(ids, calls, strict=True)
            for code in kwargs["outcomes"]
        )
        history_table.load(
            ("partners.organisation", pk, row[3], "create", "{}", row[0])
            for pk, row in zip(ids, org_rows, strict=True)
        )

    raw, svc = [], []
    for _ in range(ROUNDS):
        raw.append(len(orgs) / _timed(raw_load))
        svc.append(len(orgs) / _timed(services_load))
    return result(
        f"{ctx.db}.bulk_load.services_rows_per_s",
        statistics.median(svc),
        f"organisations/s, organisation_create one by one ({len(orgs)}; with names, tokens, "
        f"history); baseline raw {raw_name} of the same rows (higher is better)",
        baseline=statistics.median(raw),
    )
