"""Production settings pass Django's deployment checks, and the site serves its own assets."""

import os
import secrets
import subprocess
import sys

import pytest


def test_check_deploy_is_clean_with_production_settings():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.production",
           "ACCORD_SECRET_KEY": secrets.token_urlsafe(60)}
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "-m", "accord.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_refuse_a_missing_secret_key():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.production"}
    env.pop("ACCORD_SECRET_KEY", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "-m", "accord.cli", "check"], env=env, capture_output=True, text=True,
        timeout=120, check=False,
    )
    assert result.returncode != 0
    assert "ACCORD_SECRET_KEY" in result.stderr


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get("/login/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_htmx_and_styles_are_served_by_accord(client):
    page = client.get("/login/").content.decode()
    assert "/static/django_htmx/htmx-2.min.js" in page
    assert "http://" not in page.replace("http://127.0.0.1", "")
    assert "https://" not in page
