from django.db import migrations


def seed(apps, schema_editor):
    from accord.engagement.governance_data import seed_bodies

    seed_bodies(apps.get_model("engagement", "GovernanceBody"))


class Migration(migrations.Migration):
    dependencies = [("engagement", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
