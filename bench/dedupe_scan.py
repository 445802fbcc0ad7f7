"""Timings of duplicate detection over one bench database (run by bench/dedupe_eval.py, one
process per database; prints its figures as JSON on the last line).

    python -m bench.dedupe_scan --db sqlite|postgres

- `<db>.dedupe.full_scan_s`: a full scan as `accord find_duplicates` runs it (read every
  organisation in use and its aliases, block, score; nothing stored). Baseline: reading the
  same rows in raw SQL.
- `<db>.dedupe.check_p95_ms` (and median): `matching.find_matches` ("is it already
  registered?") for names drawn from the data set, half of them altered (upper case, a typo,
  a legal form added). Baseline: the exact-name lookup on the sort_name index in raw SQL."""

import argparse
import json
import os
import random
import time

SCAN_TARGET_S, CHECK_TARGET_MS = 60.0, 50.0
CHECKS, WARMUP = 300, 30


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered) + 0.5) - 1))]


def _altered(name: str, rng: random.Random) -> str:
    change = rng.randrange(3)
    if change == 0:
        return name.upper()
    if change == 1 and len(name) > 8:
        i = rng.randrange(2, len(name) - 3)
        return name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    return f"{name} Ltd."


def measure(db: str) -> list[dict]:
    from django.db import connection

    from accord.partners.duplicates import find_candidates
    from accord.partners.matching import find_matches
    from accord.partners.models import Organisation
    from bench.dedupe_eval import figure

    started = time.perf_counter()
    pairs = find_candidates()
    scan_s = time.perf_counter() - started
    with connection.cursor() as cursor:
        started = time.perf_counter()
        cursor.execute(
            "SELECT id, name, acronym, website, email, country_id, iati_identifier, "
            "registration_number FROM partners_organisation WHERE archived_at IS NULL "
            "AND merged_into_id IS NULL"
        )
        cursor.fetchall()
        cursor.execute("SELECT organisation_id, name FROM partners_organisationname")
        cursor.fetchall()
        raw_s = time.perf_counter() - started
    print(f"{db}: full scan {scan_s:.1f} s ({len(pairs)} pairs), raw read {raw_s:.2f} s")

    rng = random.Random(20261126)
    ids = list(Organisation.objects.order_by("pk").values_list("pk", flat=True)[::97])
    sample = list(
        Organisation.objects.filter(pk__in=rng.sample(ids, min(len(ids), CHECKS)))
        .order_by("pk")
        .values_list("name", "acronym", "country_id", "sort_name")
    )
    queries = [
        (name if i % 2 else _altered(name, rng), acronym, country, sort_name)
        for i, (name, acronym, country, sort_name) in enumerate(sample)
    ]
    timings, baseline = [], []
    for i, (name, acronym, country, sort_name) in enumerate((queries * 2)[: WARMUP + CHECKS]):
        started = time.perf_counter_ns()
        find_matches(name=name, acronym=acronym, country=country)
        elapsed = (time.perf_counter_ns() - started) / 1e6
        with connection.cursor() as cursor:
            raw = time.perf_counter_ns()
            cursor.execute("SELECT id FROM partners_organisation WHERE sort_name = %s", [sort_name])
            cursor.fetchall()
            raw_ms = (time.perf_counter_ns() - raw) / 1e6
        if i >= WARMUP:
            timings.append(elapsed)
            baseline.append(raw_ms)
    p95, median = _p(timings, 0.95), _p(timings, 0.5)
    print(f"{db}: check median {median:.1f} ms, p95 {p95:.1f} ms")
    return [
        figure(
            f"{db}.dedupe.full_scan_s",
            round(scan_s, 2),
            "s (lower is better)",
            f"value <= {SCAN_TARGET_S:g}",
            scan_s <= SCAN_TARGET_S,
            round(raw_s, 3),
        ),
        figure(
            f"{db}.dedupe.check_p95_ms",
            round(p95, 2),
            "ms (lower is better)",
            f"value <= {CHECK_TARGET_MS:g}",
            p95 <= CHECK_TARGET_MS,
            round(_p(baseline, 0.95), 3),
        ),
        figure(
            f"{db}.dedupe.check_median_ms",
            round(median, 2),
            "ms (lower is better)",
            baseline=round(_p(baseline, 0.5), 3),
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="sqlite", choices=["sqlite", "postgres"])
    args = parser.parse_args()
    from bench.run import SQLITE_PATH, database_url, postgres_reachable

    url = database_url(args.db)
    if (args.db == "sqlite" and not SQLITE_PATH.exists()) or (
        args.db == "postgres" and not postgres_reachable(url)
    ):
        print(f"No bench database on {args.db}: run `make bench` first.")
        print("[]")
        return
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    print(json.dumps(measure(args.db)))


if __name__ == "__main__":
    main()
