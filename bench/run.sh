#!/usr/bin/env bash
# Accord's benchmarks: `make bench` calls this. BENCH_SCALE=0.05 for a quick run (default 1).
# Runs on SQLite (bench/data/accord_bench.sqlite3) and on PostgreSQL (BENCH_PG_URL, default
# postgres://postgres@127.0.0.1:5432/accord_bench) when reachable, then writes
# bench/results.json and prints the table. See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
[ -x "$PY" ] || PY=python3
export BENCH_SCALE=${BENCH_SCALE:-1}
export ACCORD_DATA_DIR=${ACCORD_DATA_DIR:-$PWD/bench/data}
export DJANGO_SETTINGS_MODULE=bench.settings
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
mkdir -p bench/data
rm -f bench/data/results-*.json
status=0
for db in ${BENCH_DATABASES:-sqlite postgres}; do
  "$PY" -m bench.run --db "$db" --scale "$BENCH_SCALE" || status=$?
done
rm -f bench/data/results-dedupe.json bench/data/results-import.json bench/data/results-sanctions.json
# Duplicate matching: precision/recall on the labelled set, scan and check timings.
"$PY" -m bench.dedupe_eval || status=$?
# Import of BENCH_SCALE x 100,000 rows against raw executemany/COPY.
"$PY" -m bench.import_bench || status=$?
# Sanctions screening: precision/recall on the set built from the real UN SC list.
"$PY" -m bench.sanctions_eval || status=$?
"$PY" -m bench.report
exit $status
