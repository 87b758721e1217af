"""Strip characters XML 1.0 and HTML cannot carry from text stored before the rule (core/text.py)."""

from django.db import migrations

from core.text import repair_stored_text


def repair(apps, schema_editor):
    repair_stored_text(apps.get_model("tools", "Category"))
    repair_stored_text(
        apps.get_model("tools", "Tool"), markdown_fields={"description": "description_html"}
    )
    repair_stored_text(apps.get_model("tools", "PricingTier"))


class Migration(migrations.Migration):
    dependencies = [("tools", "0003_versions_and_price_history")]

    operations = [migrations.RunPython(repair, migrations.RunPython.noop)]
