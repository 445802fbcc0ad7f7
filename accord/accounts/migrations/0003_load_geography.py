from django.db import migrations


def load(apps, schema_editor):
    from accord.accounts.services import geography_load

    geography_load(apps.get_model("accounts", "Region"), apps.get_model("accounts", "Country"))


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
