"""The UN Security Council consolidated list as the first sanctions list, and the default
due-diligence policy: reviews required for the private sector and foundations (the strategy's
"monitor compliance with human rights standards" when connecting corporate investors)."""

from django.db import migrations


def add_defaults(apps, schema_editor):
    SanctionsList = apps.get_model("diligence", "SanctionsList")
    DiligencePolicy = apps.get_model("diligence", "DiligencePolicy")
    PartnerCategory = apps.get_model("strategy", "PartnerCategory")
    SanctionsList.objects.update_or_create(
        code="un_sc",
        defaults={
            "name": "UN Security Council Consolidated List",
            "parser": "un_sc_xml",
        },
    )
    if not DiligencePolicy.objects.exists():
        policy = DiligencePolicy.objects.create()
        policy.categories.set(
            PartnerCategory.objects.filter(code__in=["private_sector", "foundation"])
        )


class Migration(migrations.Migration):
    dependencies = [("diligence", "0001_initial"), ("strategy", "0002_load_strategy")]
    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
