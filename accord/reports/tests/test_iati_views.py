"""The IATI page and downloads: who may open them (every role, anonymous, out of region), what a
regional focal point's file holds, and the queries the page runs."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from accord.accounts.models import Role
from accord.reports.iati import schema
from accord.reports.tests.test_iati_data import build_world

pytestmark = pytest.mark.django_db
PAGE, ORGANISATION, ACTIVITIES = (
    "reports:iati",
    "reports:iati_organisation",
    "reports:iati_activities",
)


@pytest.fixture
def login(client, make_user, region):
    def as_(kind):
        if kind == "anonymous":
            return client
        if kind == "regional":
            user = make_user(Role.REGIONAL, regions=[region])
        elif kind == "partner":
            user = make_user(Role.PARTNER)
        elif kind == Role.ADMIN:
            user = make_user(Role.ADMIN, is_superuser=True)
        else:
            user = make_user(kind)
        client.force_login(user)
        return client

    return as_


def body(response) -> bytes:
    return b"".join(response.streaming_content)


ALLOWED = {
    # kind: (page, organisation file, activity file)
    Role.ADMIN: (200, 200, 200),
    Role.OFFICER: (200, 200, 200),
    Role.PROGRAMME: (200, 200, 200),
    Role.MANAGEMENT: (200, 200, 200),
    "regional": (200, 403, 200),
    Role.REVIEWER: (403, 403, 403),
    "partner": (403, 403, 403),
}


@pytest.mark.parametrize("kind", list(ALLOWED))
def test_permission_matrix(login, kind):
    build_world()
    client = login(kind)
    for name, expected in zip((PAGE, ORGANISATION, ACTIVITIES), ALLOWED[kind], strict=True):
        response = client.get(reverse(name))
        assert response.status_code == expected, (kind, name)
        if expected == 200 and name != PAGE:
            kind_of_file = "organisation" if name == ORGANISATION else "activities"
            assert response["Content-Type"].startswith("application/xml")
            assert "attachment" in response["Content-Disposition"]
            assert schema.validation_errors(kind_of_file, body(response)) == []


def test_anonymous_is_sent_to_log_in(client):
    for name in (PAGE, ORGANISATION, ACTIVITIES):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "login" in response["Location"]


def test_a_regional_focal_points_file_holds_only_what_they_see(login):
    world = build_world()
    text = body(login("regional").get(reverse(ACTIVITIES))).decode()
    assert world.contribution_agreement.reference in text
    assert world.mou.reference in text
    assert world.lac_agreement.reference not in text  # a Latin American partner only
    assert f"-JP-{world.joint_programme.pk}<" not in text  # a partner in Europe leads it
    assert world.donor.name not in text  # a party outside their region is not named
    assert world.host.name in text


def test_the_page_explains_both_files(login):
    response = login(Role.OFFICER).get(reverse(PAGE))
    page = response.content.decode()
    assert "Organisation file" in page and "Activity file" in page
    assert "XM-DAC-41120" in page
    assert "Nothing to publish yet" in page  # no agreement recorded
    assert reverse(ORGANISATION) in page and reverse(ACTIVITIES) not in page


def test_no_activity_is_a_clear_404(login):
    response = login(Role.OFFICER).get(reverse(ACTIVITIES))
    assert response.status_code == 404
    assert "No activity to publish" in response.content.decode()


def test_the_page_runs_a_few_queries(login, django_assert_max_num_queries):
    build_world()
    client = login(Role.MANAGEMENT)
    with django_assert_max_num_queries(12):
        assert client.get(reverse(PAGE)).status_code == 200


def test_anonymous_user_has_no_report_permission():
    from accord.reports.document_permissions import can_export

    assert not can_export(AnonymousUser())
