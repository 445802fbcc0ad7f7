from django.apps import AppConfig


class PrioritizationConfig(AppConfig):
    name = "accord.prioritization"
    label = "prioritization"
    verbose_name = "Partner prioritisation"
