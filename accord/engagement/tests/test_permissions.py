"""The engagement app's door as a matrix: every role, inside and outside its scope."""

import pytest
from django.http import Http404

from accord.accounts.models import Region, Role
from accord.core.errors import PermissionDeniedError
from accord.engagement import governance_services, permissions
from accord.engagement.tests.factories import (
    BodySessionFactory,
    EngagementFactory,
    FollowUpFactory,
    PlanActionFactory,
    body,
)

pytestmark = pytest.mark.django_db

ALLOWED, FORBIDDEN, NOT_FOUND = "allowed", "403", "404"
READERS = [Role.ADMIN, Role.OFFICER, Role.PROGRAMME, Role.MANAGEMENT]
OUTSIDERS = [Role.REVIEWER, "partner", "anonymous"]


def outcome(door, *args, **kwargs) -> str:
    try:
        door(*args, **kwargs)
    except Http404:
        return NOT_FOUND
    except PermissionDeniedError:
        return FORBIDDEN
    return ALLOWED


@pytest.fixture
def engagements(kenyan, brazilian):
    return {
        "kenyan": EngagementFactory(organisations=[kenyan]),
        "brazilian": EngagementFactory(organisations=[brazilian]),
        "led_from_africa": EngagementFactory(organisations=[brazilian], lead_region="AFRICA"),
    }


ENGAGEMENT_MATRIX = [
    *[(role, "brazilian", "view", ALLOWED) for role in READERS],
    (Role.ADMIN, "brazilian", "edit", ALLOWED),
    (Role.OFFICER, "brazilian", "edit", ALLOWED),
    (Role.PROGRAMME, "brazilian", "edit", FORBIDDEN),  # not theirs
    (Role.MANAGEMENT, "kenyan", "edit", FORBIDDEN),
    ("regional", "kenyan", "view", ALLOWED),
    ("regional", "kenyan", "edit", ALLOWED),
    ("regional", "led_from_africa", "edit", ALLOWED),
    ("regional", "brazilian", "view", NOT_FOUND),
    ("regional", "brazilian", "edit", NOT_FOUND),
    *[(kind, "kenyan", "view", FORBIDDEN) for kind in OUTSIDERS],
]


@pytest.mark.parametrize(("kind", "which", "action", "expected"), ENGAGEMENT_MATRIX)
def test_engagement_door(user_of, engagements, kind, which, action, expected):
    e = engagements[which]
    assert outcome(permissions.engagement_for, user_of(kind), e.pk, action=action) == expected


def test_unknown_or_malformed_ids_look_like_missing_ones(officer):
    for pk in (999_999, "abc", None):
        assert outcome(permissions.engagement_for, officer, pk) == NOT_FOUND
        assert outcome(permissions.action_for, officer, pk) == NOT_FOUND
        assert outcome(permissions.body_for, officer, pk) == NOT_FOUND


def test_a_programme_manager_may_edit_what_they_logged(make_user, kenyan):
    manager = make_user(Role.PROGRAMME)
    mine = EngagementFactory(actor=manager, organisations=[kenyan])
    assert outcome(permissions.engagement_for, manager, mine.pk, action="edit") == ALLOWED


@pytest.mark.parametrize(
    ("kind", "which", "expected"),
    [
        ("owner", "brazilian", ALLOWED),
        (Role.OFFICER, "brazilian", ALLOWED),
        (Role.MANAGEMENT, "brazilian", FORBIDDEN),
        ("regional", "kenyan", ALLOWED),
        ("regional", "brazilian", NOT_FOUND),
        ("partner", "kenyan", FORBIDDEN),
    ],
)
def test_follow_up_door(user_of, make_user, engagements, kind, which, expected):
    owner = make_user(Role.MANAGEMENT)
    follow_up = FollowUpFactory(engagement=engagements[which], owner=owner)
    user = owner if kind == "owner" else user_of(kind)
    assert outcome(permissions.follow_up_for, user, follow_up.pk, action="complete") == expected


@pytest.mark.parametrize(
    ("kind", "action", "expected"),
    [
        *[(role, "view", ALLOWED) for role in READERS],
        ("regional", "view", ALLOWED),
        (Role.ADMIN, "manage", ALLOWED),
        (Role.OFFICER, "record", ALLOWED),
        (Role.OFFICER, "manage", FORBIDDEN),
        ("regional", "record", FORBIDDEN),
        (Role.MANAGEMENT, "record", FORBIDDEN),
        *[(kind, "view", FORBIDDEN) for kind in OUTSIDERS],
    ],
)
def test_governance_door(user_of, kind, action, expected):
    board = body()
    session = BodySessionFactory(body=board)
    user = user_of(kind)
    assert outcome(permissions.body_for, user, board.pk, action=action) == expected
    assert outcome(permissions.session_for, user, session.pk, action=action) == expected


def test_members_of_partners_outside_the_region_look_missing(regional, officer, brazilian):
    membership = governance_services.membership_add(actor=None, body=body(), organisation=brazilian)
    assert outcome(permissions.membership_for, regional, membership.pk, action="view") == NOT_FOUND
    assert outcome(permissions.membership_for, officer, membership.pk) == ALLOWED


@pytest.mark.parametrize(
    ("kind", "where", "owned", "action", "expected"),
    [
        *[(role, "LAC", False, "view", ALLOWED) for role in READERS],
        (Role.OFFICER, "LAC", False, "edit", ALLOWED),
        (Role.MANAGEMENT, "LAC", True, "edit", FORBIDDEN),
        ("regional", "AFRICA", False, "edit", ALLOWED),
        ("regional", "LAC", False, "view", ALLOWED),
        ("regional", "LAC", False, "edit", FORBIDDEN),
        ("regional", "LAC", True, "edit", ALLOWED),
        (Role.PROGRAMME, None, False, "edit", FORBIDDEN),
        (Role.PROGRAMME, None, True, "edit", ALLOWED),
        *[(kind, None, False, "view", FORBIDDEN) for kind in OUTSIDERS],
    ],
)
def test_plan_action_door(user_of, kind, where, owned, action, expected):
    user = user_of(kind)
    plan_action = PlanActionFactory(region=where, owner=user if owned else None)
    assert outcome(permissions.action_for, user, plan_action.pk, action=action) == expected


@pytest.mark.parametrize(
    ("kind", "where", "own", "expected"),
    [
        (Role.OFFICER, None, False, True),
        ("regional", "AFRICA", False, True),
        ("regional", "LAC", False, False),
        ("regional", None, True, True),
        (Role.PROGRAMME, "AFRICA", False, False),
        (Role.PROGRAMME, None, True, True),
        (Role.MANAGEMENT, None, True, False),
    ],
)
def test_who_may_plan_for_whom(user_of, kind, where, own, expected):
    user = user_of(kind)
    region = Region.objects.get(code=where) if where else None
    assert permissions.can_plan_for(user, region=region, owner=user if own else None) is expected
