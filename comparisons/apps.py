from django.apps import AppConfig


class ComparisonsConfig(AppConfig):
    name = "comparisons"
    verbose_name = "Comparisons"

    def ready(self) -> None:
        from django.urls import register_converter

        from comparisons import signals
        from comparisons.selection import ComparedSlugsConverter
        from core import csrf_secrets

        register_converter(ComparedSlugsConverter, "compared_slugs")

        signals.connect()
        # Every page carries a CSRF token (vote and newsletter forms): draw it cheaply.
        csrf_secrets.install()
