from django.apps import AppConfig


class StrategyConfig(AppConfig):
    name = "accord.strategy"
    label = "strategy"
    verbose_name = "Strategy"
