from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "accord.funding"
    label = "funding"
    verbose_name = "Resource mobilisation"
