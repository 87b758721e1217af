from django.apps import AppConfig
from django.db.models.signals import post_migrate


class DeskConfig(AppConfig):
    """The editors' desk: the Editors group, the Markdown preview, sign-in lockout."""

    name = "desk"
    verbose_name = "Editors' desk"

    def ready(self):
        from desk.roles import sync_editors_group_after_migrate

        # After every migrate (and every test-database flush) the group matches desk.roles.
        post_migrate.connect(sync_editors_group_after_migrate, sender=self)
