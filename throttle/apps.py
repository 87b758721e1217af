from django.apps import AppConfig


class ThrottleConfig(AppConfig):
    name = "throttle"
    verbose_name = "Rate limits"

    def ready(self) -> None:
        from throttle.rates import check_rate_settings

        check_rate_settings()
