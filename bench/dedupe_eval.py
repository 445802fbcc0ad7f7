"""Precision and recall of the duplicate matcher on the labelled set (bench/evalset.py), and the
time of a full duplicate scan over the bench database when there is one.

    python -m bench.dedupe_eval [--threshold T] [--errors] [--no-scan] [--databases sqlite ...]

Prints precision and recall at the threshold (default: the setting), overall and per kind of
variation, and writes the figures to bench/data/results-dedupe.json as records
{"name", "value", "unit", "baseline", "ratio", "target", "met"}. The scan of the evaluation
set uses the same blocking and scoring as `accord find_duplicates`. The timings over the bench
databases (full scan, "is it already registered?" check) come from bench/dedupe_scan.py."""

import argparse
import json
import os
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
RESULTS = BENCH_DIR / "data" / "results-dedupe.json"
PRECISION_TARGET, RECALL_TARGET = 0.95, 0.90


@dataclass
class Metrics:
    threshold: float
    predicted: int
    true_positives: int
    precision: float
    recall: float
    seconds: float
    per_kind: dict[str, dict] = field(default_factory=dict)
    false_positives: list = field(default_factory=list)
    false_negatives: list = field(default_factory=list)


def evaluate(evalset, *, threshold: float | None = None, weights: dict | None = None) -> Metrics:
    """Scan the set as `find_duplicates` scans the registry, then compare with the labels."""
    from accord.partners.matching.blocking import scan
    from accord.partners.matching.scoring import profile
    from accord.partners.matching.scoring import threshold as default_threshold
    from bench.evalset import to_org_record

    threshold = default_threshold() if threshold is None else threshold
    started = time.perf_counter()
    found = scan(
        [profile(to_org_record(r)) for r in evalset.records], min_score=threshold, w=weights
    )
    seconds = time.perf_counter() - started
    predicted = {(f.first_id, f.second_id): f for f in found}
    truth, hard = evalset.true_pairs, evalset.hard_negatives
    tp = [p for p in predicted if evalset.same_entity(*p)]
    fp = [p for p in predicted if not evalset.same_entity(*p)]
    per_kind: dict[str, dict] = {}
    kinds = Counter(truth.values())
    found_kinds = Counter(truth[p] for p in tp if p in truth)
    fp_kinds = Counter(hard.get(p, "unlisted") for p in fp)
    hard_kinds = Counter(hard.values())
    for kind in sorted(set(kinds) | set(hard_kinds) | set(fp_kinds)):
        tp_k, fp_k = found_kinds.get(kind, 0), fp_kinds.get(kind, 0)
        per_kind[kind] = {
            "pairs": kinds.get(kind, 0),
            "hard_negatives": hard_kinds.get(kind, 0),
            "found": tp_k,
            "false_positives": fp_k,
            "recall": tp_k / kinds[kind] if kinds.get(kind) else None,
            # Kinds of duplicates have a precision; kinds of hard non-duplicates (and pairs of
            # no listed kind) have a rate of false alarms instead.
            "precision": tp_k / (tp_k + fp_k) if kinds.get(kind) and tp_k + fp_k else None,
            "false_alarm_rate": fp_k / hard_kinds[kind] if hard_kinds.get(kind) else None,
        }
    by_id = {r.id: r for r in evalset.records}
    return Metrics(
        threshold=threshold,
        predicted=len(predicted),
        true_positives=len(tp),
        precision=len(tp) / len(predicted) if predicted else 1.0,
        recall=sum(1 for p in truth if p in predicted) / len(truth) if truth else 1.0,
        seconds=seconds,
        per_kind=per_kind,
        false_positives=[(by_id[a], by_id[b], predicted[(a, b)]) for a, b in fp],
        false_negatives=[
            (by_id[a], by_id[b], k) for (a, b), k in truth.items() if (a, b) not in predicted
        ],
    )


def figure(name, value, unit, target=None, met=None, baseline=None) -> dict:
    return {
        "name": name,
        "value": value,
        "unit": unit,
        "baseline": baseline,
        "ratio": None if baseline in (None, 0) else value / baseline,
        "target": target,
        "met": met,
    }


def bench_database_figures(db: str) -> list[dict]:
    """The full-scan and check timings over one bench database (bench/dedupe_scan.py, in a
    process of its own because each database needs its own Django settings)."""
    done = subprocess.run(  # noqa: S603 - our own module, fixed arguments
        [sys.executable, "-m", "bench.dedupe_scan", "--db", db],
        capture_output=True,
        text=True,
        check=False,
        cwd=BENCH_DIR.parent,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings"},
    )
    lines = done.stdout.strip().splitlines()
    for line in lines[:-1]:
        print(line)
    if done.returncode or not lines:
        print(f"{db}: the duplicate scan benchmark failed\n{done.stderr[-2000:]}")
        return []
    return json.loads(lines[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float)
    parser.add_argument("--errors", action="store_true", help="list the wrong pairs")
    parser.add_argument("--no-scan", action="store_true", help="skip the bench databases")
    parser.add_argument(
        "--databases",
        nargs="*",
        default=os.environ.get("BENCH_DATABASES", "sqlite postgres").split(),
        help="bench databases to time the full scan and the check on",
    )
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()
    from bench.evalset import build

    evalset = build()
    m = evaluate(evalset, threshold=args.threshold)
    print(
        f"{len(evalset.records)} records, {len(evalset.true_pairs)} duplicate pairs, "
        f"{len(evalset.hard_negatives)} hard non-duplicates; threshold {m.threshold}"
    )
    print(
        f"precision {m.precision:.3f} (target >= {PRECISION_TARGET}), "
        f"recall {m.recall:.3f} (target >= {RECALL_TARGET}), "
        f"{m.predicted} pairs flagged in {m.seconds:.2f} s"
    )
    print(
        f"{'kind':28} {'pairs':>6} {'hard-':>6} {'found':>6} {'false+':>6} {'recall':>7} "
        f"{'precision':>9} {'false alarms':>12}"
    )
    for kind, k in m.per_kind.items():
        recall = "" if k["recall"] is None else f"{k['recall']:.3f}"
        precision = "" if k["precision"] is None else f"{k['precision']:.3f}"
        alarms = "" if k["false_alarm_rate"] is None else f"{k['false_alarm_rate']:.3f}"
        print(
            f"{kind:28} {k['pairs']:>6} {k['hard_negatives']:>6} {k['found']:>6} "
            f"{k['false_positives']:>6} {recall:>7} {precision:>9} {alarms:>12}"
        )
    if args.errors:
        for a, b, f in m.false_positives:
            print(
                f"FP {f.score:.2f} {a.name!r} [{a.acronym} {a.country}] ~ "
                f"{b.name!r} [{b.acronym} {b.country}]: {'; '.join(f.reasons)}"
            )
        for a, b, kind in m.false_negatives:
            print(
                f"FN {kind}: {a.name!r} [{a.acronym} {a.country}] ~ "
                f"{b.name!r} [{b.acronym} {b.country}]"
            )
    figures = [
        figure(
            "dedupe.precision",
            round(m.precision, 4),
            "ratio (higher is better)",
            f"value >= {PRECISION_TARGET}",
            m.precision >= PRECISION_TARGET,
        ),
        figure(
            "dedupe.recall",
            round(m.recall, 4),
            "ratio (higher is better)",
            f"value >= {RECALL_TARGET}",
            m.recall >= RECALL_TARGET,
        ),
    ]
    for kind, k in m.per_kind.items():
        if k["recall"] is not None:
            figures.append(figure(f"dedupe.recall.{kind}", round(k["recall"], 4), "ratio"))
        if k["precision"] is not None:
            figures.append(figure(f"dedupe.precision.{kind}", round(k["precision"], 4), "ratio"))
        if k["false_alarm_rate"] is not None:
            figures.append(
                figure(
                    f"dedupe.false_alarms.{kind}",
                    round(k["false_alarm_rate"], 4),
                    "share of the kind's hard non-duplicates flagged (lower is better)",
                )
            )
    if not args.no_scan:
        for db in args.databases:
            figures.extend(bench_database_figures(db))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(figures, indent=1))
    met = all(f["met"] for f in figures if f["met"] is not None)
    print(f"wrote {RESULTS.relative_to(BENCH_DIR.parent)}")
    sys.exit(0 if met else 1)


if __name__ == "__main__":
    main()
