from django.apps import AppConfig


class MatchmakingConfig(AppConfig):
    name = "accord.prioritization.matchmaking"
    label = "matchmaking"
    verbose_name = "Matchmaking"
