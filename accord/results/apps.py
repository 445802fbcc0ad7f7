from django.apps import AppConfig


class ResultsConfig(AppConfig):
    name = "accord.results"
    label = "results"
    verbose_name = "Results framework"
