"""Every pair comparison becomes a lineup of two: tool_a first, tool_b second.

Its URL (the tools' slugs in alphabetical order) and its text are unchanged.
"""

from django.db import migrations


def pairs_to_lineups(apps, schema_editor):
    Comparison = apps.get_model("comparisons", "Comparison")
    ComparisonTool = apps.get_model("comparisons", "ComparisonTool")
    for comparison in Comparison.objects.all():
        tool_ids = [comparison.tool_a_id, comparison.tool_b_id]
        ComparisonTool.objects.bulk_create(
            ComparisonTool(comparison=comparison, tool_id=tool_id, position=position)
            for position, tool_id in enumerate(tool_ids, start=1)
        )
        comparison.lineup_key = ",".join(str(tool_id) for tool_id in sorted(tool_ids))
        comparison.save(update_fields=["lineup_key"])


def lineups_to_pairs(apps, schema_editor):
    Comparison = apps.get_model("comparisons", "Comparison")
    for comparison in Comparison.objects.all():
        first, second, *rest = comparison.entries.order_by("position")
        if rest:
            raise RuntimeError(f"Comparison {comparison.pk} has more than two tools.")
        comparison.tool_a_id, comparison.tool_b_id = first.tool_id, second.tool_id
        comparison.save(update_fields=["tool_a", "tool_b"])


class Migration(migrations.Migration):
    dependencies = [("comparisons", "0004_lineup")]

    operations = [migrations.RunPython(pairs_to_lineups, lineups_to_pairs)]
