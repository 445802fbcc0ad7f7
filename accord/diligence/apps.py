from django.apps import AppConfig


class DiligenceConfig(AppConfig):
    name = "accord.diligence"
    label = "diligence"
    verbose_name = "Due diligence and sanctions screening"
