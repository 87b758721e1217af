from django.apps import AppConfig


class ComparisonsConfig(AppConfig):
    name = "comparisons"
    verbose_name = "Comparisons"

    def ready(self) -> None:
        from comparisons import signals
        from core import csrf_secrets

        signals.connect()
        # Every page carries a CSRF token (vote and newsletter forms): draw it cheaply.
        csrf_secrets.install()
