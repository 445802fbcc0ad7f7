"""The registry's door as a matrix: every role, inside and outside its scope."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from accord.accounts.models import Role
from accord.core.errors import PermissionDeniedError
from accord.partners import permissions
from accord.partners.tests.factories import ContactFactory, OrganisationFactory, country

pytestmark = pytest.mark.django_db

ALLOWED, FORBIDDEN, NOT_FOUND = "allowed", "403", "404"
STAFF_ALL = [Role.ADMIN, Role.OFFICER, Role.PROGRAMME, Role.MANAGEMENT]


@pytest.fixture
def kenyan():
    return OrganisationFactory(name="Kenyan Partner", country=country("KE"))


@pytest.fixture
def brazilian():
    return OrganisationFactory(name="Brazilian Partner", country=country("BR"))


@pytest.fixture
def user_of(make_user, region, kenyan):
    def make(kind: str):
        if kind == "regional":
            return make_user(Role.REGIONAL, regions=[region])
        if kind == "partner":
            return make_user(Role.PARTNER, organisation=kenyan)
        if kind == "anonymous":
            return AnonymousUser()
        return make_user(kind)

    return make


def outcome(user, org, action) -> str:
    try:
        permissions.organisation_for(user, org.pk, action=action)
    except Http404:
        return NOT_FOUND
    except PermissionDeniedError:
        return FORBIDDEN
    return ALLOWED


MATRIX = [
    # (user kind, organisation, action, expected)
    *[(role, "kenyan", "view", ALLOWED) for role in STAFF_ALL],
    *[(role, "brazilian", "view", ALLOWED) for role in STAFF_ALL],
    (Role.ADMIN, "brazilian", "edit", ALLOWED),
    (Role.OFFICER, "brazilian", "archive", ALLOWED),
    (Role.PROGRAMME, "kenyan", "edit", FORBIDDEN),
    (Role.MANAGEMENT, "kenyan", "archive", FORBIDDEN),
    (Role.MANAGEMENT, "kenyan", "history", ALLOWED),
    (Role.REVIEWER, "kenyan", "view", FORBIDDEN),
    ("regional", "kenyan", "view", ALLOWED),
    ("regional", "kenyan", "edit", ALLOWED),
    ("regional", "kenyan", "restore", ALLOWED),
    ("regional", "brazilian", "view", NOT_FOUND),
    ("regional", "brazilian", "edit", NOT_FOUND),
    ("partner", "kenyan", "view", ALLOWED),
    ("partner", "kenyan", "edit", FORBIDDEN),
    ("partner", "kenyan", "history", FORBIDDEN),
    ("partner", "brazilian", "view", NOT_FOUND),
    ("anonymous", "kenyan", "view", FORBIDDEN),
]


@pytest.mark.parametrize(("kind", "which", "action", "expected"), MATRIX)
def test_organisation_door(user_of, request, kind, which, action, expected):
    org = request.getfixturevalue(which)
    assert outcome(user_of(kind), org, action) == expected


def test_unknown_or_malformed_ids_look_like_missing_ones(officer):
    with pytest.raises(Http404):
        permissions.organisation_for(officer, 999_999)
    with pytest.raises(Http404):
        permissions.organisation_for(officer, "abc")


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (Role.ADMIN, {"Kenyan Partner", "Brazilian Partner"}),
        (Role.OFFICER, {"Kenyan Partner", "Brazilian Partner"}),
        (Role.PROGRAMME, {"Kenyan Partner", "Brazilian Partner"}),
        (Role.MANAGEMENT, {"Kenyan Partner", "Brazilian Partner"}),
        (Role.REVIEWER, set()),
        ("regional", {"Kenyan Partner"}),
        ("partner", {"Kenyan Partner"}),
        ("anonymous", set()),
    ],
)
def test_visible_organisations_by_role(user_of, brazilian, kind, expected):
    visible = permissions.visible_organisations(user_of(kind))
    assert set(visible.values_list("name", flat=True)) == expected


def test_partner_user_of_another_organisation_sees_only_theirs(make_user, kenyan, brazilian):
    other = make_user(Role.PARTNER, organisation=brazilian)
    assert list(permissions.visible_organisations(other)) == [brazilian]
    assert outcome(other, kenyan, "view") == NOT_FOUND


def test_partner_user_without_organisation_sees_nothing(make_user, kenyan):
    assert not permissions.visible_organisations(make_user(Role.PARTNER)).exists()


@pytest.mark.parametrize(
    ("kind", "country_code", "expected"),
    [
        (Role.OFFICER, "BR", True),
        (Role.ADMIN, None, True),
        ("regional", "KE", True),
        ("regional", "BR", False),
        ("regional", None, True),
        (Role.PROGRAMME, "KE", False),
        (Role.MANAGEMENT, None, False),
        ("partner", None, False),
        ("anonymous", None, False),
    ],
)
def test_can_create(user_of, kind, country_code, expected):
    where = country(country_code) if country_code else None
    assert permissions.can_create(user_of(kind), country=where) is expected


@pytest.mark.parametrize(
    ("kind", "which", "action", "expected"),
    [
        (Role.OFFICER, "brazilian", "edit", ALLOWED),
        (Role.PROGRAMME, "kenyan", "view", ALLOWED),
        (Role.PROGRAMME, "kenyan", "edit", FORBIDDEN),
        (Role.REVIEWER, "kenyan", "view", FORBIDDEN),
        ("regional", "kenyan", "archive", ALLOWED),
        ("regional", "brazilian", "view", NOT_FOUND),
        ("partner", "kenyan", "view", ALLOWED),
        ("partner", "kenyan", "edit", FORBIDDEN),
        ("partner", "brazilian", "view", NOT_FOUND),
    ],
)
def test_contact_door(user_of, request, kind, which, action, expected):
    contact = ContactFactory(organisation=request.getfixturevalue(which))
    try:
        permissions.contact_for(user_of(kind), contact.pk, action=action)
        result = ALLOWED
    except Http404:
        result = NOT_FOUND
    except PermissionDeniedError:
        result = FORBIDDEN
    assert result == expected


def test_visible_contacts_follow_the_organisation_scope(user_of, kenyan, brazilian):
    ContactFactory(organisation=kenyan, last_name="InKenya")
    ContactFactory(organisation=brazilian, last_name="InBrazil")
    for kind, expected in [
        ("regional", {"InKenya"}),
        ("partner", {"InKenya"}),
        (Role.OFFICER, {"InKenya", "InBrazil"}),
        (Role.REVIEWER, set()),
    ]:
        visible = permissions.visible_contacts(user_of(kind))
        assert set(visible.values_list("last_name", flat=True)) == expected, kind
