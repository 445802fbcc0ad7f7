from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "accord.knowledge"
    label = "knowledge"
    verbose_name = "Knowledge hub"
