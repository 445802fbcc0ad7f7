"""Test data for the funding pipeline, created through the services (so USD values, regions,
history and versions are what real use produces).

Opportunities in a currency other than USD need that month's rate: use `rate(...)` (or
ExchangeRateFactory) first. Pledge/contribution factories live in money_factories.py."""

from datetime import date, timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from accord.funding.models import ExchangeRate, Opportunity, Stage
from accord.partners.tests.factories import OrganisationFactory

DEMO_SOURCE = "Test: UN operational rates of exchange"


def today() -> date:
    return timezone.localdate()


def days_from_now(n: int) -> date:
    return today() + timedelta(days=n)


def stage(code: str = "identified") -> Stage:
    """One of the stages migration 0002 loads (identified, cultivating, proposal, negotiation,
    won, lost, withdrawn)."""
    return Stage.objects.get(code=code)


class ExchangeRateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExchangeRate
        django_get_or_create = ("currency", "month")

    currency = "EUR"
    month = factory.LazyFunction(lambda: today().replace(day=1))
    rate = Decimal("0.92")
    source = DEMO_SOURCE


def rate(currency: str = "EUR", value: str | Decimal = "0.92", day: date | None = None):
    """The rate of `currency` for the month of `day` (default: this month), created or updated."""
    month = (day or today()).replace(day=1)
    row, _ = ExchangeRate.objects.update_or_create(
        currency=currency, month=month, defaults={"rate": Decimal(value), "source": DEMO_SOURCE}
    )
    return row


class OpportunityFactory(factory.django.DjangoModelFactory):
    """An opportunity created by `pipeline_services.opportunity_create`. Pass `stage` as a code
    or a Stage; `actor` (default None = the system) is the acting user."""

    class Meta:
        model = Opportunity

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Support to urban resilience {n}")
    amount = Decimal("100000.00")
    currency = "USD"
    value_date = factory.LazyFunction(today)
    expected_decision_date = factory.LazyFunction(lambda: days_from_now(90))
    stage = "identified"

    @classmethod
    def _create(cls, model_class, *args, actor=None, **kwargs):
        from accord.funding import pipeline_services

        return pipeline_services.opportunity_create(actor=actor, **kwargs)


def move(opportunity: Opportunity, code: str, *, actor=None, note: str = "") -> Opportunity:
    """Move `opportunity` to the stage `code` through the service (reason in `note`)."""
    from accord.funding import pipeline_services

    return pipeline_services.opportunity_move(
        actor, opportunity, stage_code=code, version=opportunity.version, note=note
    )


def won_opportunity(**kwargs) -> Opportunity:
    """An opportunity moved to "won" (amount and decision date set by default)."""
    opportunity = OpportunityFactory(stage="negotiation", **kwargs)
    return move(opportunity, "won")
