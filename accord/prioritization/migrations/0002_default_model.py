"""The default scoring model: version 1, active, with the criteria's default weights and the
current plan's outcomes and flagship programmes as priorities (an administrator copies it to
set other priorities). Idempotent: the browser tests call `add_default_model` again after
emptying the tables."""

from django.db import migrations

DEFAULT_WEIGHTS = {"alignment": 35, "resources": 25, "reach": 20, "relationship": 20, "risk": 30}
DEFAULT_RESOURCES = ["financing", "in_kind", "expertise"]


def add_default_model(apps, schema_editor):
    ScoringModel = apps.get_model("prioritization", "ScoringModel")
    CriterionWeight = apps.get_model("prioritization", "CriterionWeight")
    PartnershipStrategy = apps.get_model("strategy", "PartnershipStrategy")
    Outcome = apps.get_model("strategy", "Outcome")
    FlagshipProgramme = apps.get_model("strategy", "FlagshipProgramme")
    if ScoringModel.objects.exists():
        return
    model = ScoringModel.objects.create(
        number=1,
        name="Partnership strategy priorities",
        description=(
            "The default model: every outcome and flagship programme of the strategic plan is "
            "a priority; financing, in-kind support and technical expertise are the resources "
            "sought. Copy it to set narrower priorities."
        ),
        status="active",
        priority_resources=DEFAULT_RESOURCES,
    )
    for criterion, weight in DEFAULT_WEIGHTS.items():
        CriterionWeight.objects.create(model=model, criterion=criterion, weight=weight)
    strategy = PartnershipStrategy.objects.order_by("-period_start").first()
    if strategy is not None:
        model.priority_outcomes.set(Outcome.objects.filter(domain__plan_id=strategy.plan_id))
        model.priority_flagships.set(FlagshipProgramme.objects.filter(plan_id=strategy.plan_id))


class Migration(migrations.Migration):
    dependencies = [("prioritization", "0001_initial"), ("strategy", "0002_load_strategy")]
    operations = [migrations.RunPython(add_default_model, migrations.RunPython.noop)]
