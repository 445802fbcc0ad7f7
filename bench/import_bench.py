"""Partner import benchmark: a file of 100,000 rows × BENCH_SCALE imported into a registry of
100,000 × BENCH_SCALE organisations, against a raw `executemany` (COPY on PostgreSQL) of the
same rows into the same tables.

    python -m bench.import_bench [--db sqlite|postgres] [--scale 0.05]

Writes bench/data/results-import.json ({"results": [...], "skipped": [...]}, records as in
bench/measure.py). Uses its own databases (bench/data/import_bench.sqlite3, and
`<BENCH_PG_URL database>_import` on PostgreSQL), rebuilt on every run, so it never touches the
main bench data set.

Figures (each prefixed by the database):
- `import.no_matching_seconds`: `import_create` + `import_run` with duplicate matching off
  (the bulk path), from the uploaded bytes to the stored report; baseline: raw `executemany`
  (COPY) of the rows that import writes (organisations, other names, search words, outcome
  links, history entries, import rows), computed beforehand. Target: ratio <= 2.
- `import.matching_seconds`: the same file with matching on (`find_matches` for every row that
  no identifier or exact name decides). Target: <= 90 s × scale.
- `import.rows_per_s` for both, and `import.rollback_seconds` (informational).
Every import runs in a transaction that is rolled back afterwards (not timed)."""

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
DATA_DIR = BENCH_DIR / "data"
SQLITE_PATH = DATA_DIR / "import_bench.sqlite3"
OUT = DATA_DIR / "results-import.json"
ROWS_AT_1 = 100_000
DUPLICATE_SHARE = 0.1  # rows of the file that repeat a registered organisation (respelled)


def _database_url(db: str) -> str:
    if db == "sqlite":
        return f"sqlite:///{SQLITE_PATH}"
    base = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/accord_bench")
    return base.rsplit("/", 1)[0] + "/" + base.rsplit("/", 1)[1].split("?")[0] + "_import"


def _reset(db: str, url: str) -> bool:
    if db == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
        return True
    import psycopg
    from psycopg import sql
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    name = conninfo_to_dict(url)["dbname"]
    try:
        admin = psycopg.connect(
            make_conninfo(url, dbname="postgres"), autocommit=True, connect_timeout=3
        )
    except psycopg.OperationalError as exc:
        print(f"PostgreSQL not reachable ({str(exc).strip()[:120]}): skipped")
        return False
    with admin:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return True


def _register(scale: float) -> list[dict]:
    """The registry the file is matched against, written raw (as bench/generate.py does)."""
    from django.db import transaction

    from accord.core.models import HistoryEntry
    from accord.partners.models import Organisation, OrganisationName, SearchToken
    from bench.generate import Generator, organisation_tokens
    from bench.loading import Table, analyze, reset_sequences

    gen = Generator(scale, out=lambda *_: None)
    _, owners = gen.users()
    orgs = [gen.organisation(i + 1, owners) for i in range(gen.n["organisations"])]
    org_table = Table(Organisation, Generator.ORGANISATION_COLUMNS)
    name_table = Table(OrganisationName, ("organisation_id", "name", "kind", "language"))
    token_table = Table(SearchToken, ("organisation_id", "token"))
    history_table = Table(HistoryEntry, ("model", "object_id", "object_repr", "action", "at"))
    for start in range(0, len(orgs), 5000):
        chunk = orgs[start : start + 5000]
        rows = [gen.organisation_row(o) for o in chunk]
        for org, row in zip(chunk, rows, strict=True):
            org["row"] = dict(zip(Generator.ORGANISATION_COLUMNS, row, strict=True))
        with transaction.atomic():
            org_table.load(rows)
            name_table.load((o["id"], a, "alias", "") for o in chunk for a in o["aliases"])
            token_table.load(
                (o["id"], t)
                for o in chunk
                for t in organisation_tokens(o["name"], o["acronym"], o["aliases"])
            )
            history_table.load(("partners.organisation", r[0], r[4], "create", r[1]) for r in rows)
    reset_sequences([Organisation, OrganisationName, SearchToken, HistoryEntry])
    analyze()
    return orgs


def _file_rows(scale: float, registered: list[dict]) -> list[dict]:
    """The rows of the file: new organisations from the same generator (another seed), and a
    share that repeat registered ones under another spelling."""
    from bench.generate import Generator

    gen = Generator(scale, out=lambda *_: None)
    gen.rng = random.Random(99)
    rng = random.Random(5)
    n = max(200, round(ROWS_AT_1 * scale))
    outcomes = ["1.1", "1.2", "2.1", "2.3", "3.1", "4.2"]
    rows = []
    for i in range(n):
        if rng.random() < DUPLICATE_SHARE:
            org = rng.choice(registered)
            name = org["name"].upper() if rng.random() < 0.5 else f"The {org['name']} Ltd"
            source = {**org, "name": name}
            row = org["row"]
        else:
            source = gen.organisation(10_000_000 + i, [None])
            row = dict(
                zip(Generator.ORGANISATION_COLUMNS, gen.organisation_row(source), strict=True)
            )
        rows.append(
            {
                "name": source["name"],
                "category": source["category_code"],
                "acronym": source["acronym"],
                "aliases": "; ".join(source["aliases"]),
                "country": source["country"][0] if source["country"] else "",
                "city": row["city"],
                "website": row["website"],
                "email": row["email"],
                "phone": row["phone"],
                "description": row["description"],
                "subtype": row["subtype"],
                "iati_identifier": "",
                "registration_number": row["registration_number"],
                "outcomes": ";".join(rng.sample(outcomes, rng.randint(0, 2))),
                "ref": f"SRC-{i}",
            }
        )
    return rows


def _csv(rows: list[dict]) -> bytes:
    import csv
    import io

    from accord.partners.importing.mapping import ORGANISATION_COLUMNS

    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=[c.name for c in ORGANISATION_COLUMNS])
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _settle() -> None:
    """Start each measurement from the same state: the rolled-back writes of the previous one
    checkpointed out of SQLite's write-ahead log, or vacuumed away on PostgreSQL."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        else:
            for table in (
                "partners_organisation",
                "partners_organisationname",
                "partners_searchtoken",
                "partners_organisation_outcomes",
                "core_historyentry",
                "partners_importrow",
            ):
                cursor.execute(f"VACUUM ANALYZE {table}")


def _timed(work) -> tuple[float, object]:
    from django.db import transaction

    _settle()
    with transaction.atomic():
        start = time.perf_counter()
        value = work()
        elapsed = time.perf_counter() - start
        transaction.set_rollback(True)
    return elapsed, value


def _raw_rows(rows: list[dict]):
    """What the import writes, computed beforehand, for the raw baseline: the same tables,
    the same number of rows, the same values."""
    from datetime import UTC, datetime

    from accord.accounts.models import Country
    from accord.partners.search import sort_key, tokens_for
    from accord.strategy.models import Outcome, PartnerCategory
    from bench.loading import db_datetime

    now = db_datetime(datetime.now(UTC))
    categories = dict(PartnerCategory.objects.values_list("code", "id"))
    regions = dict(Country.objects.values_list("code", "region_id"))
    outcome_ids = dict(Outcome.objects.values_list("code", "id"))
    orgs, names, tokens, links, history, import_rows = [], [], [], [], [], []
    for i, r in enumerate(rows):
        aliases = [a.strip() for a in r["aliases"].split(";") if a.strip()]
        website = (
            f"https://{r['website']}"
            if r["website"] and "://" not in r["website"]
            else r["website"]
        )
        orgs.append(
            (
                now,
                now,
                1,
                r["name"],
                r["acronym"],
                categories[r["category"]],
                r["subtype"],
                r["country"] or None,
                regions.get(r["country"]),
                r["city"],
                website,
                r["email"],
                r["phone"],
                r["description"],
                "",
                r["registration_number"],
                "prospect",
                None,
                "[]",
                r["ref"],
                sort_key(r["name"]),
                None,
                False,
            )
        )
        names.append([(a, "alias", "") for a in aliases])
        tokens.append(sorted(tokens_for(r["name"], r["acronym"], *aliases)))
        links.append([outcome_ids[c] for c in r["outcomes"].split(";") if c])
        history.append(json.dumps({k: [None, v] for k, v in r.items() if v}))
        import_rows.append((i + 2, "created", json.dumps(r), "[]", "[]"))
    return orgs, names, tokens, links, history, import_rows, now


def _raw_load(prepared) -> int:
    from accord.core.models import HistoryEntry
    from accord.partners.models import (
        ImportBatch,
        ImportRow,
        Organisation,
        OrganisationName,
        SearchToken,
    )
    from bench.generate import Generator
    from bench.loading import Table, next_id

    orgs, names, tokens, links, history, import_rows, now = prepared
    batch = ImportBatch.objects.create(kind="organisations", file_name="raw.csv")
    first = next_id(Organisation)
    ids = range(first, first + len(orgs))
    _executemany(
        Table(Organisation, ("id", *Generator.ORGANISATION_COLUMNS[1:])),
        ((pk, *row) for pk, row in zip(ids, orgs, strict=True)),
    )
    _executemany(
        Table(OrganisationName, ("organisation_id", "name", "kind", "language")),
        ((pk, *n) for pk, ns in zip(ids, names, strict=True) for n in ns),
    )
    _executemany(
        Table(SearchToken, ("organisation_id", "token")),
        ((pk, t) for pk, ts in zip(ids, tokens, strict=True) for t in ts),
    )
    _executemany(
        Table(Organisation.outcomes.through, ("organisation_id", "outcome_id")),
        ((pk, o) for pk, os_ in zip(ids, links, strict=True) for o in os_),
    )
    _executemany(
        Table(
            HistoryEntry, ("model", "object_id", "object_repr", "action", "changes", "at", "batch")
        ),
        (
            ("partners.organisation", pk, row[3], "create", changes, now, "raw")
            for pk, row, changes in zip(ids, orgs, history, strict=True)
        ),
    )
    _executemany(
        Table(
            ImportRow,
            ("batch_id", "number", "outcome", "data", "errors", "reasons", "organisation_id"),
        ),
        ((batch.pk, *r, pk) for pk, r in zip(ids, import_rows, strict=True)),
    )
    return len(orgs)


def _executemany(table, rows) -> None:
    """A plain INSERT … VALUES with executemany on both databases: the baseline the target
    names (bench/loading.py would use COPY on PostgreSQL)."""
    from django.db import connection

    qn = connection.ops.quote_name
    columns = ", ".join(qn(c) for c in table.columns)
    marks = ", ".join(["%s"] * len(table.columns))
    values = [tuple(row) + table.extra_values for row in rows]
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {qn(table.name)} ({columns}) VALUES ({marks})", values)


def run(db: str, scale: float) -> list[dict]:
    from django.core.management import call_command

    from accord.partners.importing.service import import_create, import_rollback, import_run
    from bench.measure import result

    call_command("migrate", interactive=False, verbosity=0)
    started = time.perf_counter()
    registered = _register(scale)
    rows = _file_rows(scale, registered)
    data = _csv(rows)
    print(
        f"  registry {len(registered):,} organisations, file {len(rows):,} rows "
        f"({len(data) / 1e6:.1f} MB), prepared in {time.perf_counter() - started:.0f} s"
    )
    n = len(rows)
    prepared = _raw_rows(rows)
    raw, _ = _timed(lambda: _raw_load(prepared))

    def importing(matching: bool):
        batch = import_create(
            actor=None, file_name="bench.csv", data=data, match_duplicates=matching
        )
        return import_run(actor=None, batch=batch)

    plain, batch = _timed(lambda: importing(False))
    assert batch.counts["created"] == n, batch.counts
    matched, batch = _timed(lambda: importing(True))
    print(
        f"  raw {raw:.1f} s, import without matching {plain:.1f} s, with matching "
        f"{matched:.1f} s ({batch.counts})"
    )

    def import_then_rollback():
        done = importing(False)
        start = time.perf_counter()
        import_rollback(actor=None, batch=done)
        return time.perf_counter() - start

    _, rollback = _timed(import_then_rollback)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    prefix = f"{db}.import"
    return [
        result(
            f"{prefix}.no_matching_seconds",
            plain,
            f"s to import {n:,} rows, duplicate matching off; baseline raw executemany of "
            "the rows it writes (lower is better)",
            baseline=raw,
            target="ratio <= 2",
        ),
        result(f"{prefix}.no_matching_rows_per_s", n / plain, "rows/s (higher is better)"),
        result(
            f"{prefix}.matching_seconds",
            matched,
            f"s to import {n:,} rows with duplicate matching against {len(registered):,} "
            f"organisations ({batch.counts['matched']:,} matched; lower is better)",
            target=f"value <= {90 * scale:g}",
        ),
        result(f"{prefix}.matching_rows_per_s", n / matched, "rows/s (higher is better)"),
        result(
            f"{prefix}.rollback_seconds",
            rollback,
            f"s to roll back an import of {n:,} new organisations (lower is better)",
        ),
        result(
            f"{prefix}.peak_rss_mb",
            peak_mb,
            "MB, the benchmark process's peak memory (registry profiles held for matching)",
        ),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description="Accord's partner import benchmark.")
    parser.add_argument("--db", choices=("sqlite", "postgres"), action="append")
    parser.add_argument("--scale", type=float, default=float(os.environ.get("BENCH_SCALE", "1")))
    parser.add_argument("--one", choices=("sqlite", "postgres"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    if args.one:
        return one(args.one, args.scale)
    databases = args.db or ["sqlite", "postgres"]
    # Keep the figures of a database not run this time (`--db sqlite` after a full run).
    earlier = json.loads(OUT.read_text()) if OUT.exists() else {"results": [], "skipped": []}
    results = [r for r in earlier["results"] if r["name"].split(".")[0] not in databases]
    skipped = [s for s in earlier["skipped"] if s["case"].split(".")[0] not in databases]
    for db in databases:
        # One process per database: Django reads DATABASE_URL once, at set-up.
        code = subprocess.call(  # noqa: S603 - this very module, with our own arguments
            [sys.executable, "-m", "bench.import_bench", "--one", db, "--scale", str(args.scale)]
        )
        part = DATA_DIR / f"results-import-{db}.json"
        if code == 0 and part.exists():
            found = json.loads(part.read_text())
            results += found["results"]
            skipped += found["skipped"]
            part.unlink()
        else:
            skipped.append({"case": f"{db}.import", "reason": f"exit status {code}"})
    OUT.write_text(
        json.dumps({"results": results, "skipped": skipped}, indent=1, ensure_ascii=False)
    )
    from bench.report import table

    print(table(results))
    for item in skipped:
        print(f"skipped {item['case']}: {item['reason']}")
    return 0


def one(db: str, scale: float) -> int:
    url = _database_url(db)
    if not _reset(db, url):
        payload = {
            "results": [],
            "skipped": [{"case": f"{db}.import", "reason": "database not reachable"}],
        }
    else:
        os.environ["DATABASE_URL"] = url
        os.environ.setdefault("ACCORD_DATA_DIR", str(DATA_DIR))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
        import django

        django.setup()
        print(f"== import benchmark on {db}, scale {scale} ==")
        payload = {"results": run(db, scale), "skipped": []}
    (DATA_DIR / f"results-import-{db}.json").write_text(json.dumps(payload, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
