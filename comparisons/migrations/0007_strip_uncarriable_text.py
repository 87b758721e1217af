"""Strip characters XML 1.0 and HTML cannot carry from text stored before the rule (core/text.py)."""

from django.db import migrations

from core.text import repair_stored_text


def repair(apps, schema_editor):
    repair_stored_text(
        apps.get_model("comparisons", "Comparison"),
        markdown_fields={"summary": "summary_html"},
        plain_text_fields={"summary_html": "summary_text"},
    )
    repair_stored_text(apps.get_model("comparisons", "ComparisonTool"))


class Migration(migrations.Migration):
    dependencies = [("comparisons", "0006_pairs_become_lineups")]

    operations = [migrations.RunPython(repair, migrations.RunPython.noop)]
