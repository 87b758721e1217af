from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The building blocks every app stands on: publishing, text, images, the page cache,
    faults, error pages and the health check. It imports no app of the site."""

    name = "core"
    verbose_name = "Site core"

    def ready(self) -> None:
        from django.urls import register_converter

        from core import checks  # noqa: F401 - registers the deployment checks
        from core.slugs import SlugConverter

        register_converter(SlugConverter, "checked_slug")
