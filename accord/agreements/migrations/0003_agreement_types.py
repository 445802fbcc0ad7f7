"""The agreement types the issue names; an administrator may add others."""

from django.db import migrations

TYPES = [
    # code, name, usually carries a value
    ("mou", "Memorandum of understanding", False),
    ("letter_of_intent", "Letter of intent", False),
    ("framework", "Framework / cooperation agreement", False),
    ("contribution", "Contribution agreement", True),
    ("joint_programme", "Joint programme document", True),
    ("host_country", "Host country agreement", False),
]


def add_types(apps, schema_editor):
    AgreementType = apps.get_model("agreements", "AgreementType")
    for order, (code, name, has_value) in enumerate(TYPES, start=1):
        AgreementType.objects.update_or_create(
            code=code, defaults={"name": name, "has_value": has_value, "order": order * 10}
        )


class Migration(migrations.Migration):
    dependencies = [("agreements", "0002_initial")]
    operations = [migrations.RunPython(add_types, migrations.RunPython.noop)]
