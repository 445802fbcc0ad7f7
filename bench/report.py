"""Merge the per-database results into bench/results.json and print the table.

python -m bench.report
"""

import json
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
DATA_DIR = BENCH_DIR / "data"
RESULTS = BENCH_DIR / "results.json"
DATABASES = ("sqlite", "postgres")


def _fmt(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "NO"
    if isinstance(value, float):
        return f"{value:,.3f}" if abs(value) < 10 else f"{value:,.1f}"
    return str(value)


def table(results: list[dict]) -> str:
    header = ("name", "value", "baseline", "ratio", "target", "met", "unit")
    rows = [header] + [
        (
            r["name"],
            _fmt(r["value"]),
            _fmt(r["baseline"]),
            _fmt(r["ratio"]),
            r["target"] or "—",
            _fmt(r["met"]),
            r["unit"],
        )
        for r in results
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header) - 1)]
    lines = []
    for n, row in enumerate(rows):
        cells = [
            row[i].ljust(widths[i]) if i == 0 else row[i].rjust(widths[i])
            for i in range(len(widths))
        ]
        lines.append("  ".join(cells) + "  " + row[-1])
        if n == 0:
            lines.append("-" * (sum(widths) + 2 * len(widths) + 10))
    return "\n".join(lines)


EXTRA_SUITES = ["dedupe", "import", "sanctions"]


def main() -> int:
    results, skipped = [], []
    # Per-database page figures, then the data-quality suites (matching, import).
    for name in [*DATABASES, *EXTRA_SUITES]:
        path = DATA_DIR / f"results-{name}.json"
        if path.exists():
            data = json.loads(path.read_text())
            if isinstance(data, list):
                data = {"results": data, "skipped": []}
            results += data["results"]
            skipped += data.get("skipped", [])
    RESULTS.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    print(table(results))
    for item in skipped:
        print(f"skipped {item['case']}: {item['reason']}")
    unmet = [r["name"] for r in results if r["met"] is False]
    print(
        f"\n{len(results)} figures written to {RESULTS.relative_to(BENCH_DIR.parent)}; "
        + (f"target not met: {', '.join(unmet)}" if unmet else "every target met.")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
