import secrets

from django.db import migrations, models


def create_stamps(apps, schema_editor):
    Stamp = apps.get_model("core", "Stamp")
    for name in ("content", "votes"):
        Stamp.objects.get_or_create(name=name, defaults={"token": secrets.randbits(62)})


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Stamp",
            fields=[
                ("name", models.CharField(max_length=40, primary_key=True, serialize=False)),
                ("token", models.BigIntegerField()),
            ],
        ),
        migrations.RunPython(create_stamps, migrations.RunPython.noop),
    ]
