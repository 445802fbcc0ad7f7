"""What the page tests share: the list URL, a partner made by the system, page URLs and text."""

from django.urls import reverse

from accord.partners import services
from accord.partners.models import Organisation
from accord.partners.tests import factories

LIST = reverse("partners:list")


def make_org(
    name="Municipality of Nairobi", *, code="local_authority", country="KE", **extra
) -> Organisation:
    """An organisation created by the system (the registry's own service, no actor)."""
    return services.organisation_create(
        actor=None,
        name=name,
        category=factories.category(code),
        country=factories.country(country) if country else None,
        **extra,
    )


def detail(org, tab=None) -> str:
    url = reverse("partners:detail", args=[org.pk])
    return f"{url}?tab={tab}" if tab else url


def names_in(response) -> str:
    return response.content.decode()
