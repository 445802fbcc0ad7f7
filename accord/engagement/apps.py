from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "accord.engagement"
    label = "engagement"
    verbose_name = "Engagement and strategy execution"
