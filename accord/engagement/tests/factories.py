"""Test data for the engagement app, created through the services (so partner links, history
and versions are what real use produces)."""

from datetime import date, timedelta

import factory
from django.utils import timezone

from accord.engagement import governance_services, plan_services, services
from accord.engagement.models import (
    BodySession,
    Engagement,
    EngagementKind,
    FollowUp,
    GovernanceBody,
    PlanAction,
)
from accord.partners.tests.factories import OrganisationFactory, category


def days_ago(n: int) -> date:
    return timezone.localdate() - timedelta(days=n)


class EngagementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Engagement

    title = factory.Sequence(lambda n: f"Meeting on urban planning {n}")
    kind = EngagementKind.MEETING
    start_date = factory.LazyFunction(lambda: days_ago(10))
    organisations = factory.LazyFunction(lambda: [OrganisationFactory()])

    @classmethod
    def _create(cls, model_class, *args, actor=None, **kwargs):
        return services.engagement_create(actor=actor, **kwargs)


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    engagement = factory.SubFactory(EngagementFactory)
    description = factory.Sequence(lambda n: f"Send the minutes {n}")
    due_date = factory.LazyFunction(lambda: days_ago(-7))

    @classmethod
    def _create(cls, model_class, *args, actor=None, **kwargs):
        return services.follow_up_create(actor=actor, **kwargs)


def body(code: str = "executive-board") -> GovernanceBody:
    """One of the bodies the data migration loads."""
    return GovernanceBody.objects.get(code=code)


class BodySessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BodySession

    body = factory.LazyFunction(body)
    title = factory.Sequence(lambda n: f"Session {n}")
    start_date = factory.LazyFunction(lambda: days_ago(30))

    @classmethod
    def _create(cls, model_class, *args, actor=None, **kwargs):
        return governance_services.session_create(actor=actor, **kwargs)


class PlanActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanAction

    title = factory.Sequence(lambda n: f"Action {n}")
    category = factory.LazyFunction(lambda: category("local_authority"))

    @classmethod
    def _create(cls, model_class, *args, actor=None, **kwargs):
        return plan_services.action_create(actor=actor, **kwargs)
