from django.apps import AppConfig


class ComparisonsConfig(AppConfig):
    name = "comparisons"
    verbose_name = "Comparisons"

    def ready(self) -> None:
        from comparisons import fragments, signals

        signals.connect()
        fragments.register()
