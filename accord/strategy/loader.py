"""Loading the strategy from the data files in `data/`.

Functions take a `get_model(label)` callable, so the data migration can pass its historical
models and a command can pass the live ones. Loading is idempotent (keyed by codes)."""

import csv
import json
from collections.abc import Callable
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
STRATEGIC_PLAN_FILE = DATA_DIR / "strategic-plan-2020-2023.json"
PARTNERSHIP_STRATEGY_FILE = DATA_DIR / "partnership-strategy-2020-2023.json"

GetModel = Callable[[str], type]


def _upsert(model, keys: dict, values: dict):
    obj, _ = model.objects.update_or_create(**keys, defaults=values)
    return obj


def load_strategic_plan(get_model: GetModel, path: Path = STRATEGIC_PLAN_FILE):
    data = json.loads(path.read_text(encoding="utf-8"))
    meta = data["plan"]
    plan = _upsert(get_model("StrategicPlan"), {"code": meta["code"]}, {
        "title": meta["title"], "period_start": meta["period_start"],
        "period_end": meta["period_end"], "vision": meta.get("vision", ""),
        "mission": meta.get("mission", ""), "objective": meta.get("objective", ""),
    })
    for domain_data in data["domains_of_change"]:
        domain = _upsert(get_model("DomainOfChange"), {"plan": plan, "code": domain_data["code"]},
                         {"name": domain_data["name"]})
        for outcome in domain_data["outcomes"]:
            _upsert(get_model("Outcome"), {"domain": domain, "code": outcome["code"]},
                    {"name": outcome["name"], "aliases": outcome.get("aliases", [])})
    for driver in data["drivers_of_change"]:
        _upsert(get_model("DriverOfChange"), {"plan": plan, "code": driver["code"]},
                {"name": driver["name"]})
    for flagship in data["flagship_programmes"]:
        _upsert(get_model("FlagshipProgramme"), {"plan": plan, "code": flagship["code"]},
                {"name": flagship["name"]})
    return plan


def load_partnership_strategy(get_model: GetModel, path: Path = PARTNERSHIP_STRATEGY_FILE):
    """Load a partnership strategy; its strategic plan must be loaded first."""
    data = json.loads(path.read_text(encoding="utf-8"))
    meta = data["plan"]
    plan = get_model("StrategicPlan").objects.get(code=meta["strategic_plan_code"])
    strategy = _upsert(get_model("PartnershipStrategy"), {"code": meta["code"]}, {
        "plan": plan, "title": meta["title"], "document_symbol": meta["document_symbol"],
        "period_start": meta["period_start"], "period_end": meta["period_end"],
    })
    for item in data["purposes"]:
        _upsert(get_model("Purpose"), {"strategy": strategy, "code": item["code"]},
                {"text": item["text"]})
    for item in data["expected_results"]:
        _upsert(get_model("ExpectedResult"), {"strategy": strategy, "code": item["code"]},
                {"title": item["title"], "text": item["text"]})
    for cat in data["categories"]:
        keys = {"strategy": strategy, "code": cat["code"]}
        category = _upsert(get_model("PartnerCategory"), keys, {
            "number": cat["number"], "letter": cat["letter"], "name": cat["name"],
            "short_name": cat["short_name"], "table_name": cat["table_name"],
            "paragraph": cat["paragraph"], "description": cat["description"],
            "iati_organisation_types": cat["iati_organisation_types"],
        })
        _replace_numbered(get_model("CategoryObjective"), category, cat["objectives"])
        _replace_numbered(get_model("EngagementStrategy"), category, cat["strategies"])
    return strategy


def _replace_numbered(model, category, texts: list[str]) -> None:
    for number, text in enumerate(texts, start=1):
        _upsert(model, {"category": category, "number": number}, {"text": text})
    model.objects.filter(category=category, number__gt=len(texts)).delete()


def load_sdgs(get_model: GetModel) -> None:
    goal_model, target_model = get_model("SdgGoal"), get_model("SdgTarget")
    with (DATA_DIR / "sdg_goals.csv").open(encoding="utf-8") as handle:
        goals = {
            int(row["goal"]): _upsert(goal_model, {"number": int(row["goal"])},
                                      {"short_name": row["short_name"], "title": row["title"]})
            for row in csv.DictReader(handle)
        }
    with (DATA_DIR / "sdg_targets.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            _upsert(target_model, {"code": row["target"]},
                    {"goal": goals[int(row["goal"])], "title": row["title"]})


def load_all(get_model: GetModel) -> None:
    load_strategic_plan(get_model)
    load_partnership_strategy(get_model)
    load_sdgs(get_model)
