"""Loading the indicator catalogue shipped in data/catalogue.json (the partnership KPIs and
the indicators drawn from the strategy). Used by migration 0002 with the historical models,
and again by transactional tests that flush tables. Idempotent: an indicator whose code
exists is left as an administrator may have changed it."""

import json
from pathlib import Path

CATALOGUE = Path(__file__).parent / "data" / "catalogue.json"


def entries() -> list[dict]:
    return json.loads(CATALOGUE.read_text(encoding="utf-8"))["indicators"]


def load_catalogue(indicator_model, strategy_model, outcome_model) -> int:
    """Create the catalogue's indicators missing from the table; returns how many."""
    strategy = strategy_model.objects.order_by("-period_start").first()
    if strategy is None:
        return 0
    categories = {c.code: c for c in strategy.categories.all()}
    results = {r.code: r for r in strategy.expected_results.all()}
    outcomes = {o.code: o for o in outcome_model.objects.filter(domain__plan_id=strategy.plan_id)}
    existing = set(indicator_model.objects.values_list("code", flat=True))
    created = 0
    for order, entry in enumerate(entries(), start=1):
        if entry["code"] in existing:
            continue
        function = entry.get("compute_function", "")
        indicator_model.objects.create(
            code=entry["code"],
            name=entry["name"],
            definition=entry["definition"],
            unit=entry["unit"],
            direction=entry["direction"],
            aggregation=entry["aggregation"],
            source="computed" if function else "manual",
            compute_function=function,
            disaggregations=entry.get("disaggregations", []),
            category=categories.get(entry.get("category", "")),
            expected_result=results.get(entry.get("expected_result", "")),
            outcome=outcomes.get(entry.get("outcome", "")),
            order=order * 10,
        )
        created += 1
    return created
