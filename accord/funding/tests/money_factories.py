"""Test data for pledges, contributions and targets, created through the services (so USD
values, schedules, payments, regions and history are what real use produces). A currency other
than USD needs the month's rate first: `factories.rate(...)`."""

from datetime import date
from decimal import Decimal

import factory

from accord.funding import contribution_services, pledge_services, target_services
from accord.funding.models import Contribution, FundingTarget, Opportunity, Pledge
from accord.funding.tests.factories import OpportunityFactory, today
from accord.partners.tests.factories import OrganisationFactory
from accord.strategy.models import FlagshipProgramme, Outcome


def flagship(code: str = "1") -> FlagshipProgramme:
    return FlagshipProgramme.objects.get(code=code)


def outcome(code: str = "1.1") -> Outcome:
    return Outcome.objects.get(code=code)


def jan(year: int, day: int = 15) -> date:
    return date(year, 1, day)


class PledgeFactory(factory.django.DjangoModelFactory):
    """A standalone pledge (pass `opportunity` for one from a won opportunity)."""

    class Meta:
        model = Pledge

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Pledge to urban resilience {n}")
    amount = Decimal("1000.00")
    currency = "USD"
    value_date = factory.LazyFunction(today)

    @classmethod
    def _create(cls, model_class, *args, actor=None, **kwargs):
        return pledge_services.pledge_create(actor, **kwargs)


class ContributionFactory(factory.django.DjangoModelFactory):
    """A contribution on its own (pass `pledge` to pay a pledge, then no organisation)."""

    class Meta:
        model = Contribution

    organisation = factory.SubFactory(OrganisationFactory)
    amount = Decimal("100.00")
    currency = "USD"
    value_date = factory.LazyFunction(today)

    @classmethod
    def _create(cls, model_class, *args, actor=None, **kwargs):
        if kwargs.get("pledge") is not None:
            kwargs.pop("organisation", None)
        return contribution_services.contribution_record(actor, **kwargs)


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingTarget

    year = factory.LazyFunction(lambda: today().year)
    flagship = factory.LazyFunction(flagship)
    amount_usd = Decimal("1000000.00")

    @classmethod
    def _create(cls, model_class, *args, actor=None, **kwargs):
        return target_services.target_create(actor, **kwargs)


def won(**kwargs) -> Opportunity:
    """An opportunity created in the Won stage (through the pipeline service)."""
    return OpportunityFactory(stage="won", **kwargs)


def open_opportunity(**kwargs) -> Opportunity:
    return OpportunityFactory(stage=kwargs.pop("stage", "proposal"), **kwargs)
