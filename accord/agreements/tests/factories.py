"""Test data for the agreements app, created through the services (so references, history and
versions are what real use produces)."""

from datetime import date, timedelta

import factory
from django.utils import timezone

from accord.agreements import obligation_services, services
from accord.agreements.models import Agreement, AgreementType, Obligation, ObligationKind
from accord.partners.tests.factories import OrganisationFactory


def days_from_today(n: int) -> date:
    return timezone.localdate() + timedelta(days=n)


def agreement_type(code: str = "mou") -> AgreementType:
    return AgreementType.objects.get(code=code)


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    title = factory.Sequence(lambda n: f"Memorandum on urban resilience {n}")
    type = factory.LazyFunction(agreement_type)
    parties = factory.LazyFunction(lambda: [OrganisationFactory()])

    @classmethod
    def _create(cls, model_class, *args, actor=None, **kwargs):
        return services.agreement_create(actor=actor, **kwargs)


class ObligationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Obligation

    agreement = factory.SubFactory(AgreementFactory)
    kind = ObligationKind.NARRATIVE_REPORT
    title = factory.Sequence(lambda n: f"Annual narrative report {n}")
    due_date = factory.LazyFunction(lambda: days_from_today(30))

    @classmethod
    def _create(cls, model_class, *args, actor=None, **kwargs):
        return obligation_services.obligation_create(actor=actor, **kwargs)


def move(agreement, *names, today=None, **kwargs):
    """Take the agreement through the named transitions as the system."""
    for name in names:
        extra = dict(kwargs)
        if name == "sign" and "date" not in extra and agreement.signed_on is None:
            extra["date"] = (today or timezone.localdate()) - timedelta(days=1)
        if name == "terminate":
            extra.setdefault("note", "Funding withdrawn")
            extra.setdefault("date", today or timezone.localdate())
        services.agreement_transition(
            actor=None, agreement=agreement, transition=name, today=today, **extra
        )
    return agreement


def signed_agreement(**kwargs) -> Agreement:
    """A signed MoU that started yesterday and runs a year."""
    kwargs.setdefault("start_date", days_from_today(-1))
    kwargs.setdefault("end_date", days_from_today(365))
    return move(AgreementFactory(**kwargs), "submit", "sign")
