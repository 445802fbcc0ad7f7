"""How long the generator took to build the data set in use (in this run, or in the run that
generated it: the marker file keeps the figure)."""

from bench.cases.context import Context
from bench.measure import Skip, result


def generation(ctx: Context) -> list[dict]:
    counts = ctx.marker.get("counts", {})
    if "seconds" not in counts:
        raise Skip("the marker file has no generation time")
    rows = sum(v for k, v in counts.items() if k != "seconds")
    when = "in this run" if ctx.marker.get("generated_in_this_run") else "in an earlier run"
    # The data set grows with every app (12 million rows at scale 1 with engagements): the
    # generator is held to a rate, not a fixed time.
    return [
        result(
            f"{ctx.db}.generate.seconds",
            counts["seconds"],
            f"s to generate {rows:,} rows at scale {ctx.scale:g}, {when} (lower is better)",
        ),
        result(
            f"{ctx.db}.generate.rows_per_s",
            rows / counts["seconds"],
            "rows/s, all tables (higher is better)",
            target="value >= 15000",
        ),
    ]
