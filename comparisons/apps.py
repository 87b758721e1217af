from django.apps import AppConfig


class ComparisonsConfig(AppConfig):
    name = "comparisons"
    verbose_name = "Comparisons"

    def ready(self) -> None:
        from django.urls import register_converter

        from comparisons import fragments, page_fragments, signals
        from comparisons.selection import ComparedSlugsConverter

        register_converter(ComparedSlugsConverter, "compared_slugs")

        signals.connect()
        fragments.register()
        page_fragments.register()
