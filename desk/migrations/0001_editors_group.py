"""Create the Editors group with the permissions listed in desk.roles."""

from django.db import migrations


def create_editors_group(apps, schema_editor):
    from desk.roles import sync_editors_group

    sync_editors_group(apps, using=schema_editor.connection.alias)


def remove_editors_group(apps, schema_editor):
    from desk.roles import EDITORS_GROUP

    group_model = apps.get_model("auth", "Group")
    group_model.objects.using(schema_editor.connection.alias).filter(name=EDITORS_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("tools", "0001_initial"),
        ("verdicts", "0002_verdict_history"),
        ("comparisons", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]
