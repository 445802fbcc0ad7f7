from django.apps import AppConfig


class DiligenceConfig(AppConfig):
    name = "accord.diligence"
    label = "diligence"
    verbose_name = "Due diligence and sanctions screening"

    def ready(self) -> None:
        from accord.diligence import receivers, signals
        from accord.partners import signals as partner_signals

        partner_signals.organisations_changed.connect(
            receivers.organisations_changed, dispatch_uid="diligence.organisations"
        )
        partner_signals.contacts_changed.connect(
            receivers.contacts_changed, dispatch_uid="diligence.contacts"
        )
        signals.list_version_loaded.connect(
            receivers.list_version_loaded, dispatch_uid="diligence.rescreen"
        )
