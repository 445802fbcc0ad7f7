from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from accord.accounts.models import ApiToken, Country, Region, Role
from accord.accounts.roles import ACTIONS, can, region_scope
from accord.accounts.services import api_token_create, api_token_revoke


@pytest.mark.django_db
def test_every_country_belongs_to_one_of_five_regions():
    assert Region.objects.count() == 5
    assert Country.objects.filter(un_member=True).count() == 193
    assert Country.objects.get(code="EG").region.code == "ARAB"
    assert Country.objects.get(code="KE").region.code == "AFRICA"
    assert Country.objects.get(code="BR").region.code == "LAC"
    assert Country.objects.get(code="CA").region.code == "EUROPE_NA"
    assert Country.objects.get(code="CN").region.code == "ASIA_PACIFIC"


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role))
def test_every_action_is_granted_only_to_its_roles(make_user, role):
    user = make_user(role)
    for action, roles in ACTIONS.items():
        assert can(user, action) == (role in roles), (role, action)


@pytest.mark.django_db
def test_unknown_action_is_a_programming_error(officer):
    with pytest.raises(KeyError, match="roles.py"):
        can(officer, "partners.teleport")


@pytest.mark.django_db
def test_inactive_user_can_do_nothing(make_user):
    user = make_user(Role.ADMIN, is_active=False)
    assert not any(can(user, action) for action in ACTIONS)


@pytest.mark.django_db
def test_region_scope_limits_only_regional_focal_points(make_user, region):
    focal = make_user(Role.REGIONAL, regions=[region])
    assert region_scope(focal) == {region.id}
    assert region_scope(make_user(Role.OFFICER)) is None


@pytest.mark.django_db
def test_token_is_stored_only_as_a_hash(officer):
    token, key = api_token_create(user=officer, name="BI export")
    assert key.startswith("acc_") and key not in token.key_hash
    assert ApiToken.objects.filter(key_hash=token.key_hash).exists()


@pytest.mark.django_db
def test_bearer_token_authenticates_the_api_until_revoked(client, officer):
    token, key = api_token_create(user=officer, name="script")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    assert client.get("/api/v1/strategy/categories", **auth).status_code == 200
    api_token_revoke(token=token)
    assert client.get("/api/v1/strategy/categories", **auth).status_code == 401


@pytest.mark.django_db
def test_expired_or_wrong_token_is_refused(client, officer):
    _, key = api_token_create(
        user=officer, name="old", expires_at=timezone.now() - timedelta(days=1)
    )
    assert client.get("/api/v1/strategy/categories",
                      HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401
    assert client.get("/api/v1/strategy/categories",
                      HTTP_AUTHORIZATION="Bearer acc_nonsense").status_code == 401


@pytest.mark.django_db
def test_token_page_shows_a_new_key_once_and_revokes(officer_client, officer):
    response = officer_client.post("/account/tokens/", {"name": "Reporting"})
    assert "Copy it now" in response.content.decode()
    token = ApiToken.objects.get(user=officer)
    assert officer_client.get("/account/tokens/").content.decode().count("Copy it now") == 0
    officer_client.post(f"/account/tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is not None


@pytest.mark.django_db
def test_token_page_requires_a_name(officer_client):
    response = officer_client.post("/account/tokens/", {"name": ""})
    assert "This field is required." in response.content.decode()
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
def test_another_users_token_cannot_be_revoked(client, make_user):
    owner, intruder = make_user(Role.OFFICER), make_user(Role.OFFICER)
    token, _ = api_token_create(user=owner, name="mine")
    client.force_login(intruder)
    assert client.post(f"/account/tokens/{token.pk}/revoke/").status_code == 404


@pytest.mark.django_db
def test_partner_users_have_no_token_page(client, make_user):
    client.force_login(make_user(Role.PARTNER))
    assert client.get("/account/tokens/").status_code == 403


@pytest.mark.django_db
def test_pages_redirect_anonymous_users_to_login(client):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    assert client.get("/login/").status_code == 200


@pytest.mark.django_db
def test_login_with_a_wrong_password_says_so(client, officer):
    response = client.post("/login/", {"username": officer.username, "password": "wrong"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


@pytest.mark.django_db
def test_ensure_admin_creates_the_administrator_once(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    first, second = StringIO(), StringIO()
    call_command("ensure_admin", stdout=first)
    call_command("ensure_admin", stdout=second)
    assert "username: admin" in first.getvalue()
    assert first.getvalue() == second.getvalue()


def test_serve_refuses_an_impossible_port():
    with pytest.raises(CommandError, match="--port"):
        call_command("serve", port=0, no_migrate=True)


@pytest.mark.django_db
def test_a_partner_focal_point_lands_on_its_portal_page(client, make_user):
    client.force_login(make_user(Role.PARTNER))
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/portal/me/"
