"""The default pipeline stages of the issue: identified → cultivating → proposal → negotiation
→ won / lost / withdrawn. An administrator may rename, add or retire stages afterwards."""

from django.db import migrations

STAGES = [
    # code, name, order, kind, reporting, default probability (%)
    ("identified", "Identified", 10, "open", "uncommitted", 10),
    ("cultivating", "Cultivating", 20, "open", "uncommitted", 25),
    ("proposal", "Proposal", 30, "open", "uncommitted", 50),
    ("negotiation", "Negotiation", 40, "open", "uncommitted", 75),
    ("won", "Won", 50, "won", "committed", 100),
    ("lost", "Lost", 60, "lost", "finalised", 0),
    ("withdrawn", "Withdrawn", 70, "withdrawn", "finalised", 0),
]


def add_stages(apps, schema_editor):
    Stage = apps.get_model("funding", "Stage")
    for code, name, order, kind, reporting, probability in STAGES:
        Stage.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "order": order,
                "kind": kind,
                "reporting": reporting,
                "default_probability": probability,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("funding", "0001_initial")]
    operations = [migrations.RunPython(add_stages, migrations.RunPython.noop)]
