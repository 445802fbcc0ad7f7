from django.apps import AppConfig


class CallsConfig(AppConfig):
    name = "accord.portal.calls"
    label = "calls"
    verbose_name = "Calls for proposals"
