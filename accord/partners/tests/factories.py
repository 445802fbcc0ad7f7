"""Test data for the registry, created through the services (so sort names, search tokens and
history are what real use produces)."""

import factory

from accord.accounts.models import Country
from accord.partners import services
from accord.partners.models import Contact, Organisation, Relationship, RelationshipKind
from accord.strategy.models import PartnerCategory
from accord.strategy.selectors import current_strategy


def category(code: str = "civil_society") -> PartnerCategory:
    return PartnerCategory.objects.get(strategy=current_strategy(), code=code)


def country(code: str = "KE") -> Country:
    return Country.objects.select_related("region").get(code=code)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Partner Organisation {n}")
    category = factory.LazyFunction(category)
    country = factory.LazyFunction(country)

    @classmethod
    def _create(cls, model_class, *args, actor=None, **kwargs):
        return services.organisation_create(actor=actor, **kwargs)


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    organisation = factory.SubFactory(OrganisationFactory)
    first_name = factory.Sequence(lambda n: f"Amina{n}")
    last_name = "Mwangi"
    email = factory.Sequence(lambda n: f"amina{n}@example.org")

    @classmethod
    def _create(cls, model_class, *args, actor=None, **kwargs):
        return services.contact_create(actor=actor, **kwargs)


class RelationshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Relationship

    source = factory.SubFactory(OrganisationFactory)
    target = factory.SubFactory(OrganisationFactory)
    kind = RelationshipKind.MEMBER_OF

    @classmethod
    def _create(cls, model_class, *args, actor=None, **kwargs):
        return services.relationship_create(actor=actor, **kwargs)
