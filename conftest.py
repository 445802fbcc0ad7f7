"""Fixtures shared by every app's tests: a user of each role, logged-in clients."""

import os

import pytest

from accord.accounts.models import Region, Role, User


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix) -> None:
    """On PostgreSQL each test run gets its own test database (the process id after the xdist
    worker's suffix): several runs at once on one server, e.g. CI beside a developer's run,
    must not drop each other's database."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("postgresql"):
        test = database.setdefault("TEST", {})
        name = test.get("NAME") or f"test_{database['NAME']}"
        test["NAME"] = f"{name}_{os.getpid()}"


@pytest.fixture
def region(db) -> Region:
    return Region.objects.get(code="AFRICA")


@pytest.fixture
def other_region(db) -> Region:
    return Region.objects.get(code="LAC")


@pytest.fixture
def make_user(db):
    counter = iter(range(1, 10_000))

    def make(role: str = Role.OFFICER, *, regions=(), organisation=None, **extra) -> User:
        n = next(counter)
        user = User.objects.create_user(
            username=f"{role}{n}", email=f"{role}{n}@example.org", password="pw-for-tests-1",
            role=role, organisation=organisation, is_staff=role == Role.ADMIN,
            first_name=role.title(), last_name=f"User{n}", **extra,
        )
        if regions:
            user.regions.set(regions)
        return user

    return make


@pytest.fixture
def officer(make_user) -> User:
    return make_user(Role.OFFICER)


@pytest.fixture
def admin_user(make_user) -> User:
    return make_user(Role.ADMIN, is_superuser=True)


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client
