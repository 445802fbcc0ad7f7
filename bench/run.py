"""Run every benchmark against one database and write bench/data/results-<db>.json.

    python -m bench.run --db sqlite|postgres [--scale 0.05]

Creates the bench database when missing, migrates it, generates the data set when it is not
already there at this scale (a marker file under bench/data/ records scale, generator version
and migrations), collects static files, and runs the benchmarks. bench/report.py merges the
files of both databases into bench/results.json. bench/run.sh does all of this."""

import argparse
import json
import os
import sys
import time
import traceback
from pathlib import Path

from bench.measure import Skip

BENCH_DIR = Path(__file__).resolve().parent
# ACCORD_DATA_DIR (run.sh sets it to bench/data) lets a quick private run keep its own files.
DATA_DIR = Path(os.environ.get("ACCORD_DATA_DIR") or BENCH_DIR / "data")
SQLITE_PATH = DATA_DIR / "accord_bench.sqlite3"
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/accord_bench"


def database_url(db: str) -> str:
    if db == "sqlite":
        return f"sqlite:///{SQLITE_PATH}"
    return os.environ.get("BENCH_PG_URL", DEFAULT_PG_URL)


def _pg_admin(url: str):
    import psycopg
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    name = conninfo_to_dict(url)["dbname"]
    admin = psycopg.connect(
        make_conninfo(url, dbname="postgres"), autocommit=True, connect_timeout=3
    )
    return admin, name


def postgres_reachable(url: str) -> bool:
    try:
        admin, _ = _pg_admin(url)
    except Exception as exc:  # noqa: BLE001 - any failure means "not reachable"
        print(f"PostgreSQL not reachable ({exc.__class__.__name__}: {str(exc).strip()[:120]})")
        return False
    admin.close()
    return True


def reset_database(db: str, url: str) -> None:
    """Start from an empty database (the data set is regenerated from scratch)."""
    if db == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
        return
    from psycopg import sql

    admin, name = _pg_admin(url)
    with admin:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def marker_path(db: str) -> Path:
    return DATA_DIR / f"{db}.marker.json"


def expected_marker(db: str, url: str, scale: float) -> dict:
    from django.db.migrations.loader import MigrationLoader

    from bench.generate import GENERATOR_VERSION
    from bench.generate_agreements import AGREEMENTS_GENERATOR_VERSION
    from bench.generate_engagement import ENGAGEMENT_GENERATOR_VERSION
    from bench.generate_funding import FUNDING_GENERATOR_VERSION

    leaves = MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes()
    return {
        "scale": scale,
        "generator_version": GENERATOR_VERSION,
        "engagement_generator_version": ENGAGEMENT_GENERATOR_VERSION,
        "funding_generator_version": FUNDING_GENERATOR_VERSION,
        "agreements_generator_version": AGREEMENTS_GENERATOR_VERSION,
        "database": url,
        "migrations": sorted(f"{app}.{name}" for app, name in leaves),
    }


def prepare(db: str, url: str, scale: float) -> dict:
    """Migrate, and generate the data set unless the marker says it is already there."""
    from django.core.management import call_command
    from django.db import connections

    from accord.partners.models import Organisation
    from bench.generate import generate
    from bench.generate_agreements import generate_agreements
    from bench.generate_engagement import generate_engagements
    from bench.generate_funding import generate_funding

    expected = expected_marker(db, url, scale)
    path = marker_path(db)
    marker = json.loads(path.read_text()) if path.exists() else {}
    # New migrations are applied to the data set in place (they add indexes and columns to
    # the generated rows); only another scale or generator regenerates it.
    same = [k for k in expected if k != "migrations"]
    cached = {k: marker.get(k) for k in same} == {k: expected[k] for k in same}
    if cached and marker.get("migrations") != expected["migrations"]:
        marker["migrations"] = expected["migrations"]
        path.write_text(json.dumps(marker, indent=1))
    if cached:
        call_command("migrate", interactive=False, verbosity=0)
        if Organisation.objects.count() != marker["counts"]["organisations"]:
            print("  the bench database does not match its marker: regenerating")
            cached = False
    if not cached:
        path.unlink(missing_ok=True)
        connections.close_all()
        reset_database(db, url)
        call_command("migrate", interactive=False, verbosity=0)
        counts = generate(scale)
        # Each later generator reads the rows of the earlier ones (partners, then pledges).
        for extra, seconds in (
            (generate_engagements(scale), "engagement_seconds"),
            (generate_funding(scale), "funding_seconds"),
            (generate_agreements(scale), "agreement_seconds"),
        ):
            counts["seconds"] = round(counts["seconds"] + extra.pop(seconds), 1)
            counts.update(extra)
        marker = {**expected, "counts": counts, "generated_in_this_run": True}
        path.write_text(json.dumps({**marker, "generated_in_this_run": False}, indent=1))
    else:
        print(f"  data set at scale {scale} already generated ({marker['counts']})")
    call_command("collectstatic", interactive=False, verbosity=0)
    return marker


def main() -> int:
    parser = argparse.ArgumentParser(description="Run Accord's benchmarks on one database.")
    parser.add_argument("--db", choices=("sqlite", "postgres"), required=True)
    parser.add_argument("--scale", type=float, default=float(os.environ.get("BENCH_SCALE", "1")))
    parser.add_argument(
        "--cases",
        help="Comma-separated case names to run again (e.g. funding_gap_page); their figures "
        "replace those of the same name in the results file, the others stay.",
    )
    args = parser.parse_args()
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    out_file = DATA_DIR / f"results-{args.db}.json"
    kept: list[dict] = []
    if args.cases and out_file.exists():
        kept = json.loads(out_file.read_text())["results"]
    out_file.unlink(missing_ok=True)
    url = database_url(args.db)
    if args.db == "postgres" and not postgres_reachable(url):
        print("  skipping the PostgreSQL benchmarks")
        return 0
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("ACCORD_DATA_DIR", str(DATA_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    if args.db == "postgres":
        # The data set is loaded before any connection; create the database first.
        admin, name = _pg_admin(url)
        with admin:
            if not admin.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", (name,)
            ).fetchone():
                from psycopg import sql

                admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))

    import django

    django.setup()
    from bench import cases

    print(f"== {args.db}: scale {args.scale} ==")
    started = time.perf_counter()
    marker = prepare(args.db, url, args.scale)
    context = cases.Context.build(db=args.db, scale=args.scale, marker=marker)
    results, skipped = [], []
    chosen = set(args.cases.split(",")) if args.cases else None
    for case in [c for c in cases.ALL if chosen is None or c.__name__ in chosen]:
        label = case.__name__
        case_started = time.perf_counter()
        try:
            found = case(context)
        except Skip as exc:
            skipped.append({"case": f"{args.db}.{label}", "reason": str(exc)})
            print(f"  {label}: skipped ({exc})")
            continue
        except Exception as exc:  # noqa: BLE001 - one broken benchmark must not hide the rest
            traceback.print_exc()
            skipped.append({"case": f"{args.db}.{label}", "reason": f"failed: {exc!r}"})
            print(f"  {label}: FAILED ({exc!r})")
            continue
        results.extend(found)
        print(f"  {label}: {len(found)} figures ({time.perf_counter() - case_started:.1f} s)")
    fresh = {r["name"] for r in results}
    results = [r for r in kept if r["name"] not in fresh] + results
    out_file.write_text(
        json.dumps({"results": results, "skipped": skipped}, indent=1, ensure_ascii=False)
    )
    print(f"== {args.db} done in {time.perf_counter() - started:.0f} s ==")
    return 0


if __name__ == "__main__":
    sys.exit(main())
