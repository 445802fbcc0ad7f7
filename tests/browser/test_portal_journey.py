"""A new organisation registers on the public portal and confirms its e-mail address from the
link it receives; staff see the checks and approve; the partner logs in and expresses
interest; the focal point of another organisation sees none of it — in a real browser."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from accord.accounts.models import Role
from accord.partners import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "browser-test-pass-1"
PARTNER_PASSWORD = "a-long-enough-passphrase"


@pytest.fixture
def officer_and_other_partner(make_user):
    officer = make_user(Role.OFFICER)
    officer.set_password(PASSWORD)
    officer.save()
    other_org = services.organisation_create(
        actor=None, name="Prefeitura de Recife", category="local_authority", country="BR"
    )
    other = make_user(Role.PARTNER, organisation=other_org)
    other.set_password(PASSWORD)
    other.save()
    return officer, other


def log_in(page, url, username, password):
    page.goto(f"{url}/login/?next=/portal/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def log_out(page):
    page.get_by_role("button", name="Log out").click()


def test_register_verify_approve_express_interest_and_isolation(
    live_server, page, screenshot, officer_and_other_partner
):
    officer, other = officer_and_other_partner
    mail.outbox.clear()

    # The public page, without logging in.
    page.goto(f"{live_server.url}/portal/")
    expect(page.get_by_role("heading", name="How to partner with UN-Habitat")).to_be_visible()
    page.get_by_role("link", name="Register an organisation").click()

    # A mistake first: the form says what is wrong and keeps what was typed.
    page.locator("#id_org_name").fill("Kisumu Lakeside Housing Cooperative")
    page.get_by_role("button", name="Register").click()
    expect(page.locator("#form-errors")).to_contain_text("Nothing has been saved")
    expect(page.locator("#id_org_name")).to_have_value("Kisumu Lakeside Housing Cooperative")

    page.locator("#id_category").select_option("civil_society")
    page.locator("#id_country").select_option("KE")
    page.locator("#id_first_name").fill("Achieng")
    page.locator("#id_last_name").fill("Otieno")
    page.locator("#id_email").fill("achieng@klhc.example")
    page.locator("#id_password").fill(PARTNER_PASSWORD)
    page.locator("#id_password_again").fill(PARTNER_PASSWORD)
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()

    # The link from the e-mail: a button confirms the address.
    link = re.search(r"http\S+/portal/verify/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm my e-mail address").click()
    expect(page.get_by_role("status")).to_contain_text("confirmed")

    # Staff see the registration with its checks, and approve it.
    log_in(page, live_server.url, officer.username, PASSWORD)
    expect(page.get_by_role("heading", name="Stakeholder portal")).to_be_visible()
    page.get_by_role("link", name="Kisumu Lakeside Housing Cooperative").click()
    expect(page.get_by_role("heading", name="Is it already registered?")).to_be_visible()
    expect(page.get_by_role("heading", name="Sanctions screening")).to_be_visible()
    page.get_by_label("Approve").check()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("Approved: Achieng Otieno can now log in.")).to_be_visible()
    screenshot("portal-staff-approved")
    log_out(page)

    # The partner logs in and expresses interest.
    log_in(page, live_server.url, "achieng@klhc.example", PARTNER_PASSWORD)
    expect(page.get_by_role("heading", name="Kisumu Lakeside Housing Cooperative")).to_be_visible()
    page.get_by_role("link", name="Express interest").first.click()
    page.get_by_label("Title").fill("Cooperative housing know-how")
    page.get_by_label("What you offer").fill("Twenty years of cooperative housing.")
    page.get_by_role("checkbox", name=re.compile(r"^1\.1 ")).check()
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("your expression of interest is sent")).to_be_visible()
    interest_url = page.url
    screenshot("portal-interest")
    log_out(page)

    # Another organisation's focal point sees none of it.
    log_in(page, live_server.url, other.username, PASSWORD)
    expect(page.get_by_role("heading", name="Prefeitura de Recife")).to_be_visible()
    expect(page.get_by_text("Cooperative housing know-how")).to_have_count(0)
    expect(page.get_by_text("Kisumu Lakeside")).to_have_count(0)
    response = page.goto(interest_url)
    assert response.status == 404
    response = page.goto(f"{live_server.url}/portal/staff/")
    assert response.status == 403
