"""Fixtures of the portal tests: two partner organisations in two regions with a focal point
each, staff of every kind, a small sanctions list, and a registration brought to the status
a test needs through the services."""

import re

import pytest
from django.core import mail
from django.core.cache import cache

from accord.accounts.models import Role
from accord.diligence.tests.conftest import listed, un_list  # noqa: F401 (fixtures)
from accord.engagement.tests.conftest import (  # noqa: F401 (fixtures)
    brazilian,
    kenyan,
    user_of,
)
from accord.portal import registration_services
from accord.portal.tests.factories import registration_values


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()


@pytest.fixture
def partner_a(make_user, kenyan):  # noqa: F811 (the fixture above)
    return make_user(Role.PARTNER, organisation=kenyan)


@pytest.fixture
def partner_b(make_user, brazilian):  # noqa: F811 (the fixture above)
    return make_user(Role.PARTNER, organisation=brazilian)


@pytest.fixture
def verify_link():
    """The verification link of the last e-mail sent."""

    def link() -> str:
        assert mail.outbox, "no e-mail was sent"
        return re.search(r"http\S+/portal/verify/\S+/", mail.outbox[-1].body).group(0)

    return link


def token_of(link: str) -> str:
    return link.rstrip("/").rsplit("/", 1)[-1]


@pytest.fixture
def submitted(db):
    """A verified registration of a new organisation, waiting for a decision."""

    def make(**values):
        mail.outbox.clear()
        reg = registration_services.registration_submit(
            verify_url=lambda token: f"http://testserver/portal/verify/{token}/",
            **registration_values(**values),
        )
        return registration_services.registration_verify(
            token=registration_services.make_token(reg)
        )

    return make
