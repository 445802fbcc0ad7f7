from django.db import migrations


def load(apps, schema_editor):
    from accord.results.catalogue_data import load_catalogue

    load_catalogue(
        apps.get_model("results", "Indicator"),
        apps.get_model("strategy", "PartnershipStrategy"),
        apps.get_model("strategy", "Outcome"),
    )


class Migration(migrations.Migration):
    dependencies = [("results", "0001_initial"), ("strategy", "0002_load_strategy")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
