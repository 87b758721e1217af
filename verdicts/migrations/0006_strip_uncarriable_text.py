"""Strip characters XML 1.0 and HTML cannot carry from text stored before the rule (core/text.py)."""

from django.db import migrations

from core.text import repair_stored_text


def repair(apps, schema_editor):
    repair_stored_text(apps.get_model("verdicts", "Reviewer"))
    repair_stored_text(
        apps.get_model("verdicts", "Verdict"),
        markdown_fields={"body": "body_html"},
        plain_text_fields={"body_html": "body_text"},
    )


class Migration(migrations.Migration):
    dependencies = [("verdicts", "0005_verdict_version")]

    operations = [migrations.RunPython(repair, migrations.RunPython.noop)]
