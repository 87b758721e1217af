import core.stamps
from django.db import migrations, models


def draw_tokens(apps, schema_editor):
    """Counters become random tokens (core/stamps.py): no number a counter reached is reused."""
    Tool = apps.get_model("tools", "Tool")
    for tool_id in Tool.objects.values_list("pk", flat=True):
        Tool.objects.filter(pk=tool_id).update(cache_version=core.stamps.new_token())


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0001_stamps"),
        ("tools", "0004_strip_uncarriable_text"),
    ]

    operations = [
        migrations.AlterField(
            model_name="tool",
            name="cache_version",
            field=models.PositiveBigIntegerField(default=core.stamps.new_token, editable=False),
        ),
        migrations.RunPython(draw_tokens, migrations.RunPython.noop),
        # The site-wide stamps are core.Stamp rows now (core/stamps.py).
        migrations.DeleteModel(name="ContentStamp"),
    ]
