"""Precision and recall of sanctions screening on the evaluation set built from the real UN
Security Council list (bench/sanctions_evalset.py), at the default threshold.

    python -m bench.sanctions_eval [--threshold T] [--errors]

A case counts as found when screening raises its entry; precision is over the cases flagged
(the reviewers' queue): a non-match flagged, or a true match flagged only with other entries,
is a false alarm. Writes bench/data/results-sanctions.json. (The time to screen the registry is
a case of bench.run: bench/cases/screening.py.)"""

import argparse
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
RESULTS = BENCH_DIR / "data" / "results-sanctions.json"
PRECISION_TARGET, RECALL_TARGET = 0.90, 0.98
LIST_FILE = (
    BENCH_DIR.parent / "accord/diligence/data/un-sc-consolidated-list-2025-11-20.xml"
)


def evaluate(threshold: float | None, show_errors: bool) -> list[dict]:
    from accord.diligence.parsers import PARSERS
    from accord.diligence.screening.engine import screen_names
    from accord.diligence.screening.index import build_from
    from accord.diligence.screening.scoring import threshold as default_threshold
    from bench.measure import result
    from bench.sanctions_evalset import build

    parsed = PARSERS["un_sc_xml"](LIST_FILE.read_bytes())
    rows = [
        (number, entry.data_id, entry.kind, name.quality, name.name, (), 1)
        for number, (entry, name) in enumerate(
            ((e, n) for e in parsed.entries for n in e.names), start=1
        )
    ]
    index = build_from(rows, {1: 1})
    cases = build(parsed.entries)
    minimum = default_threshold() if threshold is None else threshold
    found_ok, alarms, per_kind, totals, errors = 0, 0, Counter(), Counter(), []
    started = time.perf_counter()
    for case in cases:
        hits = {f.entry_id for f in screen_names(index, [case.name], kind=case.kind,
                                                  minimum=minimum)}
        totals[case.variation] += 1
        right = case.entry in hits if case.entry else not hits
        per_kind[case.variation] += right
        if case.entry and case.entry in hits:
            found_ok += 1
        elif hits:
            alarms += 1
        if not right:
            errors.append(case)
    elapsed = time.perf_counter() - started
    positives = sum(1 for c in cases if c.entry)
    precision = found_ok / (found_ok + alarms) if found_ok + alarms else 1.0
    recall = found_ok / positives if positives else 1.0
    print(f"screening evaluation: {len(cases):,} cases ({positives:,} true matches) at "
          f"threshold {minimum}: precision {precision:.3f}, recall {recall:.3f} "
          f"({elapsed:.1f} s)")
    for variation, total in totals.items():
        print(f"  {variation:<24} {per_kind[variation]:>5} / {total:<5} right")
    if show_errors:
        for case in errors[:60]:
            print(f"  wrong: {case.variation}: {case.name!r} (entry {case.entry or '-'})")
    out = [
        result("sanctions.precision", precision, "share of flagged cases that are listed "
               f"(threshold {minimum}; higher is better)", target=f"value >= {PRECISION_TARGET}"),
        result("sanctions.recall", recall, "share of true matches found (higher is better)",
               target=f"value >= {RECALL_TARGET}"),
    ]
    for variation, total in sorted(totals.items()):
        out.append(result(f"sanctions.right.{variation.replace(' ', '_')}",
                          per_kind[variation] / total, f"share right of {total} cases"))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--threshold", type=float)
    parser.add_argument("--errors", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    results = evaluate(args.threshold, args.errors)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps({"results": results, "skipped": []}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
