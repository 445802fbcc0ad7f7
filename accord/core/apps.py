from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "accord.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from accord.core import sqlite  # noqa: F401  (registers the WAL connection hook)
