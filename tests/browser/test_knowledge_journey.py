"""A partnerships officer writes an impact story from a partner's Stories tab with the editor's
toolbar, publishes it, sends it to every foundation of a region at once, and finds it on the
partners' pages — in a real browser. Hostile markup typed into the story never runs."""

import re

import pytest
from playwright.sync_api import expect

from accord.accounts.models import Role
from accord.knowledge.models import Dissemination, Item
from accord.partners import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "browser-test-pass-1"


@pytest.fixture
def officer_and_partners(make_user):
    officer = make_user(Role.OFFICER)
    officer.set_password(PASSWORD)
    officer.save()
    city = services.organisation_create(
        actor=None,
        name="Nairobi City County",
        acronym="NCC",
        category="local_authority",
        country="KE",
    )
    foundations = [
        services.organisation_create(actor=None, name=name, category="foundation", country=country)
        for name, country in [
            ("Mara Foundation", "KE"),
            ("Lagos Urban Trust", "NG"),
            ("Fundação Recife", "BR"),
        ]
    ]
    return officer, city, foundations


def test_write_publish_and_disseminate_a_story(live_server, page, screenshot, officer_and_partners):
    officer, city, foundations = officer_and_partners
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{live_server.url}/partners/{city.pk}/?tab=stories")
    page.get_by_label("Username").fill(officer.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("No stories or publications are linked")).to_be_visible()
    page.get_by_role("link", name="Write an item with this partner").click()

    # The form, with the partner already chosen and the toolbar's markup.
    expect(page.get_by_role("checkbox", name=re.compile("Nairobi City County"))).to_be_checked()
    page.get_by_label("Title").fill("Residents map Mathare")
    page.get_by_label("Summary").fill("Forty young residents mapped every lane.")
    page.locator("#id_date").fill("2025-03-14")
    story = page.get_by_label("Story")
    story.fill("Residents mapped their streets")
    story.evaluate("area => area.setSelectionRange(10, 16)")  # "mapped"
    page.get_by_role("button", name="B bold").click()
    story.press("End")
    story.type(' <img src=x onerror="alert(1)"><script>alert(2)</script>')
    page.get_by_role("checkbox", name=re.compile(r"^1\.1 ")).check()
    page.get_by_role("button", name="Save draft").click()

    expect(page.get_by_role("heading", name="Residents map Mathare")).to_be_visible()
    expect(page.locator(".knowledge-body strong")).to_have_text("mapped")
    assert page.locator(".knowledge-body img, .knowledge-body script").count() == 0
    item = Item.objects.get()
    assert "onerror" not in item.body and "<strong>mapped</strong>" in item.body

    # Review and publication.
    page.get_by_role("button", name="Submit for review").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".lead .badge")).to_have_text("Published")

    # Every foundation in Africa at once.
    page.get_by_role("link", name="Record a dissemination").click()
    page.get_by_label("Channel").select_option("newsletter")
    page.get_by_label("Partner category").select_option("foundation")
    page.get_by_label("Region").select_option("AFRICA")
    page.get_by_role("button", name="Add these partners").click()
    for name in ("Mara Foundation", "Lagos Urban Trust"):
        expect(page.get_by_role("checkbox", name=re.compile(name))).to_be_checked()
    expect(page.get_by_text("Fundação Recife")).to_have_count(0)
    page.get_by_role("button", name="Record dissemination").click()
    expect(page.get_by_text("Recorded: sent by newsletter to 2 recipient(s).")).to_be_visible()
    screenshot("knowledge-story")
    assert Dissemination.objects.get().recipients.count() == 2

    # The foundation's Stories tab shows what it received.
    page.goto(f"{live_server.url}/partners/{foundations[0].pk}/?tab=stories")
    expect(page.get_by_role("link", name="Residents map Mathare")).to_be_visible()
    expect(page.get_by_text("1 time, last")).to_be_visible()
    assert dialogs == []
