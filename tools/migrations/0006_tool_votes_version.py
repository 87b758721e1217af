import core.stamps
from django.db import migrations, models


def draw_tokens(apps, schema_editor):
    """AddField gives every existing row the same default: each tool draws its own token."""
    Tool = apps.get_model("tools", "Tool")
    for tool_id in Tool.objects.values_list("pk", flat=True):
        Tool.objects.filter(pk=tool_id).update(votes_version=core.stamps.new_token())


class Migration(migrations.Migration):
    dependencies = [
        ("tools", "0005_stamps_are_random_tokens"),
    ]

    operations = [
        migrations.AddField(
            model_name="tool",
            name="votes_version",
            field=models.PositiveBigIntegerField(default=core.stamps.new_token, editable=False),
        ),
        migrations.RunPython(draw_tokens, migrations.RunPython.noop),
    ]
