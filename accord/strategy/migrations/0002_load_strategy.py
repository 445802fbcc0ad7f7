from django.db import migrations


def load(apps, schema_editor):
    from accord.strategy.loader import load_all

    load_all(lambda name: apps.get_model("strategy", name))


class Migration(migrations.Migration):
    dependencies = [("strategy", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
