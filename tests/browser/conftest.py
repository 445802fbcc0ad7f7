"""Playwright driving Debian's system Chromium (never a downloaded browser)."""

import importlib
import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

# Playwright's sync API runs an event loop in this thread; the test's own ORM calls are
# synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu",
                  "--disable-background-networking", "--disable-component-update",
                  "--no-first-run", "--disable-sync"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    from playwright.sync_api import expect

    # Generous: CI shares two cores between the suite's workers and the browser.
    expect.set_options(timeout=30_000)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


@pytest.fixture
def screenshot(page):
    ARTIFACTS.mkdir(exist_ok=True)

    def take(name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    """Transactional tests empty every table afterwards, including what the data migrations
    loaded: load the strategy and the geography again (both loaders are idempotent)."""
    from django.apps import apps

    from accord.accounts.services import geography_load
    from accord.strategy.loader import load_all

    geography_load(apps.get_model("accounts", "Region"), apps.get_model("accounts", "Country"))
    load_all(lambda name: apps.get_model("strategy", name))
    # The other data migrations' rows: pipeline stages, agreement types, the UN sanctions list
    # and the due-diligence policy (each function is idempotent).
    for module, function in DATA_MIGRATIONS:
        getattr(importlib.import_module(module), function)(apps, None)


DATA_MIGRATIONS = [
    ("accord.funding.migrations.0002_default_stages", "add_stages"),
    ("accord.agreements.migrations.0003_agreement_types", "add_types"),
    ("accord.diligence.migrations.0002_un_list_and_policy", "add_defaults"),
]
