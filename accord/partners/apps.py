from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "accord.partners"
    label = "partners"
    verbose_name = "Partner registry"
