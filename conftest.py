"""Fixtures shared by every app's tests: a user of each role, logged-in clients."""

import pytest

from accord.accounts.models import Region, Role, User


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
