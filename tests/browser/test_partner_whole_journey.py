"""The whole partner journey of issue 8 in one run, through the pages a person would use:
staff publish a call; a new organisation registers, confirms its e-mail address from the link
it receives, is approved by staff, expresses interest and applies to the call with a PDF; the
deadline passes; two reviewers declare no conflict and score; staff shortlist, select and
finalise; the partner reads "Selected" — and the focal point of another organisation finds
none of the first one's data by URL or API."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from accord.accounts.models import Role
from accord.partners import services as partner_services
from accord.partners.models import Contact, Organisation
from accord.portal.calls.models import Application, Call, CallStatus
from accord.portal.models import ExpressionOfInterest, Registration
from tests.browser.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-for-tests-1"  # the root conftest's make_user sets it
PARTNER_EMAIL = "wanjiru@nyanza-builders.example"
PARTNER_PASSWORD = "a-long-enough-passphrase"
ORG = "Nyanza Women Builders Collective"
CALL = "Lakeside housing for informal settlements"
ANSWER = "Train 40 women masons and rebuild 120 homes above the flood line."
INTEREST = "Women-led self-build know-how"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def people(make_user):
    """Staff, the panel and the focal point of another organisation (make_user gives each
    the password PASSWORD)."""
    other_org = partner_services.organisation_create(
        actor=None, name="Prefeitura de Recife", category="local_authority", country="BR"
    )
    return {
        "officer": make_user(Role.OFFICER),
        "reviewers": [make_user(Role.REVIEWER), make_user(Role.REVIEWER)],
        "other": make_user(Role.PARTNER, organisation=other_org),
    }


@pytest.fixture
def new_page(browser):
    """A page in a browser context of its own (one per person), closed after the test."""
    contexts = []
    expect.set_options(timeout=30_000)  # generous: two cores shared with other work

    def make():
        contexts.append(browser.new_context(viewport={"width": 1280, "height": 900}))
        page = contexts[-1].new_page()
        page.set_default_timeout(30_000)
        return page

    yield make
    for context in contexts:
        context.close()


def log_in(page, url, username, password=PASSWORD, then="/"):
    page.goto(f"{url}/login/?next={then}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    return page


def snap(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"whole-journey-{name}.png"), full_page=True)


def publish_call(staff, reviewers):
    """Staff prepare the call through its form (civil society only, two criteria, one
    question, both reviewers) and publish it."""
    staff.get_by_role("link", name="New call").click()
    staff.get_by_label("Title").fill(CALL)
    staff.get_by_label("Deadline for applications").fill(
        (timezone.now() + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")
    )
    staff.get_by_role("checkbox", name=re.compile("civil society", re.I)).first.check()
    staff.get_by_label("Criterion 1 name").fill("Relevance")
    staff.get_by_label("Criterion 1 weight").fill("70")
    staff.get_by_label("Criterion 2 name").fill("Capacity")
    staff.get_by_label("Criterion 2 weight").fill("30")
    expect(staff.locator("#weights-total")).to_contain_text("100 / 100")
    staff.get_by_label("Questions applicants answer").fill("What will you do?")
    for reviewer in reviewers:
        staff.get_by_label(str(reviewer)).check()
    staff.get_by_role("button", name="Save the call").click()
    staff.get_by_role("button", name=re.compile("Publish")).click()
    expect(staff.get_by_role("heading", name="Status: Published")).to_be_visible()


def register_and_verify(visitor, url):
    """The public registration form, then the link from the e-mail."""
    visitor.goto(f"{url}/portal/")
    visitor.get_by_role("link", name="Register an organisation").click()
    visitor.locator("#id_org_name").fill(ORG)
    visitor.locator("#id_category").select_option("civil_society")
    visitor.locator("#id_country").select_option("KE")
    visitor.locator("#id_first_name").fill("Wanjiru")
    visitor.locator("#id_last_name").fill("Kamau")
    visitor.locator("#id_email").fill(PARTNER_EMAIL)
    visitor.locator("#id_password").fill(PARTNER_PASSWORD)
    visitor.locator("#id_password_again").fill(PARTNER_PASSWORD)
    visitor.get_by_role("button", name="Register").click()
    expect(visitor.get_by_role("heading", name="Check your e-mail")).to_be_visible()
    link = re.search(r"http\S+/portal/verify/\S+/", mail.outbox[-1].body).group(0)
    visitor.goto(link)
    visitor.get_by_role("button", name="Confirm my e-mail address").click()
    expect(visitor.get_by_role("status")).to_contain_text("confirmed")


def approve_registration(staff, url):
    staff.goto(f"{url}/portal/staff/")
    row = staff.get_by_role("row", name=re.compile(ORG))
    expect(row).to_contain_text("clear")
    row.get_by_role("link", name=ORG).click()
    staff.get_by_label("Approve").check()
    staff.get_by_role("button", name="Record the decision").click()
    expect(staff.get_by_text("Approved: Wanjiru Kamau can now log in.")).to_be_visible()
    snap(staff, "1-staff-approved")


def express_interest(partner):
    partner.get_by_role("link", name="Express interest").first.click()
    partner.get_by_label("Title").fill(INTEREST)
    partner.get_by_label("What you offer").fill("Fifteen years of women-led self-build.")
    partner.get_by_role("checkbox", name=re.compile(r"^1\.1 ")).check()
    partner.get_by_role("button", name="Send").click()
    expect(partner.get_by_text("your expression of interest is sent")).to_be_visible()
    snap(partner, "2-interest-sent")


def apply_with_a_pdf(partner, url):
    """From the partner's home to the open call, a draft, a refused file, a PDF, submission."""
    partner.goto(f"{url}/portal/me/")
    partner.get_by_role("link", name="Open calls").click()
    partner.get_by_role("link", name=CALL).click()
    partner.get_by_role("link", name="Apply for your organisation").click()
    partner.get_by_role("link", name="Apply", exact=True).click()
    partner.get_by_label("Summary of your application").fill("Flood-safe homes built by women.")
    partner.get_by_label("What will you do?").fill(ANSWER)
    partner.get_by_role("button", name="Save draft").click()
    expect(partner.get_by_text("Draft saved.")).to_be_visible()
    # A text file named .pdf is refused by its content, with a message naming the field.
    documents = partner.locator("#documents")
    documents.get_by_label("Document").set_input_files(
        {"name": "budget.pdf", "mimeType": "application/pdf", "buffer": b"not a pdf at all"}
    )
    documents.get_by_role("button", name="Upload").click()
    expect(partner.locator("#documents")).to_contain_text("This file is not a PDF")
    partner.locator("#documents").get_by_label("Document").set_input_files(
        {"name": "workplan.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    partner.locator("#documents").get_by_label("Title").fill("Work plan")
    partner.locator("#documents").get_by_role("button", name="Upload").click()
    expect(partner.get_by_text("Document added.")).to_be_visible()
    expect(partner.get_by_role("link", name="Work plan")).to_be_visible()
    snap(partner, "3-application-draft")
    partner.get_by_role("button", name="Submit application").click()
    expect(partner.get_by_text("Application submitted.")).to_be_visible()


def review(new_page, url, reviewer, scores):
    panel = log_in(new_page(), url, reviewer.username, then="/calls/assignments/")
    panel.get_by_role("link", name=ORG).click()
    expect(panel.get_by_text(ANSWER)).to_have_count(0)  # nothing before the declaration
    panel.get_by_label("No, I have no conflict of interest").check()
    panel.get_by_role("button", name="Record my declaration").click()
    expect(panel.get_by_text(ANSWER)).to_be_visible()
    for criterion, score in zip(("Relevance", "Capacity"), scores, strict=True):
        panel.get_by_label(re.compile(f"^{criterion}")).select_option(score)
        panel.get_by_label(f"Comment on {criterion}").fill(f"{criterion}: convincing.")
    panel.get_by_role("button", name="Save my review").click()
    expect(panel.get_by_text(re.compile("Review saved: weighted score"))).to_be_visible()
    snap(panel, f"4-review-{reviewer.username}")


def close_and_start_review(staff, url, call):
    """The deadline passes (moved into the past: time is not a page), the daily job closes the
    call, staff start the review."""
    Call.objects.filter(pk=call.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    call_command("send_reminders")
    assert Call.objects.get(pk=call.pk).status == CallStatus.CLOSED
    staff.goto(f"{url}/calls/{call.pk}/")
    staff.get_by_role("button", name=re.compile("Start the review")).click()
    expect(staff.get_by_role("heading", name="Status: Under review")).to_be_visible()


def test_whole_partner_journey(live_server, new_page, people):
    url = live_server.url
    officer, other = people["officer"], people["other"]
    mail.outbox.clear()

    staff = log_in(new_page(), url, officer.username, then="/calls/")
    publish_call(staff, people["reviewers"])
    call = Call.objects.get()

    partner = new_page()
    register_and_verify(partner, url)
    approve_registration(staff, url)

    log_in(partner, url, PARTNER_EMAIL, PARTNER_PASSWORD, then="/portal/")
    expect(partner.get_by_role("heading", name=ORG)).to_be_visible()
    expect(partner.get_by_role("region", name="Contacts")).to_contain_text("Wanjiru Kamau")
    express_interest(partner)
    apply_with_a_pdf(partner, url)

    close_and_start_review(staff, url, call)
    # 8×70 + 6×30 = 74 and 6×70 + 9×30 = 69: mean 71.50.
    for reviewer, scores in zip(people["reviewers"], (("8", "6"), ("6", "9")), strict=True):
        review(new_page, url, reviewer, scores)
    staff.goto(f"{url}/calls/{call.pk}/")
    row = staff.get_by_role("row", name=re.compile(ORG))
    expect(row).to_contain_text("71.50")
    staff.get_by_role("button", name=f"Shortlist {ORG}", exact=True).click()
    expect(staff.get_by_role("row", name=re.compile(ORG))).to_contain_text("Shortlisted")
    staff.get_by_role("button", name=f"Select {ORG}", exact=True).click()
    expect(staff.get_by_role("row", name=re.compile(ORG))).to_contain_text("Selected")
    # Until staff finalise and notify, the partner sees only that it has applied.
    partner.goto(f"{url}/calls/mine/")
    expect(partner.get_by_role("row", name=re.compile(CALL))).to_contain_text("Submitted")
    expect(partner.get_by_text("Selected")).to_have_count(0)
    staff.get_by_role("button", name=re.compile("Finalise and notify")).click()
    expect(staff.get_by_role("heading", name="Status: Finalised")).to_be_visible()
    snap(staff, "5-staff-finalised")

    # The partner reads its result, on its calls page and on the call's page.
    partner.goto(f"{url}/calls/mine/")
    expect(partner.get_by_role("row", name=re.compile(CALL))).to_contain_text("Selected")
    partner.get_by_role("link", name=CALL).click()
    expect(partner.get_by_role("heading", name="Result: Selected")).to_be_visible()
    expect(partner.get_by_text("has been selected")).to_be_visible()
    snap(partner, "6-partner-result")
    assert any(PARTNER_EMAIL in m.to for m in mail.outbox if "has been selected" in m.body)

    assert_isolated(new_page(), url, other)


def assert_isolated(stranger, url, other):
    """Another organisation's focal point: every page of the first organisation's data is 404
    (403 for staff-only pages), every list, search and API answer leaves it out, and a write
    aimed at it changes nothing."""
    first = Organisation.objects.get(name=ORG)
    application = Application.objects.get(organisation=first)
    interest = ExpressionOfInterest.objects.get(organisation=first)
    contact = Contact.objects.get(organisation=first)
    registration = Registration.objects.get(email=PARTNER_EMAIL)
    document = application.documents.get()
    log_in(stranger, url, other.username, then="/portal/")
    expect(stranger.get_by_role("heading", name="Prefeitura de Recife")).to_be_visible()
    names = (ORG, INTEREST, "Wanjiru", "Flood-safe homes", "Work plan")

    pages = {
        f"/portal/me/interests/{interest.pk}/": 404,
        f"/portal/me/contacts/{contact.pk}/": 404,
        f"/calls/mine/{application.call_id}/": 200,  # the call is public; its application not
        f"/calls/documents/{document.pk}/": 404,
        f"/calls/applications/{application.pk}/": 403,
        f"/partners/{first.pk}/": 404,
        f"/partners/contacts/{contact.pk}/": 404,
        f"/portal/staff/registrations/{registration.pk}/": 403,
        "/portal/staff/": 403,
        f"/partners/?q={ORG.split()[0]}": 200,
        "/portal/me/": 200,
        "/portal/me/profile/": 200,
        "/portal/me/interests/": 200,
        "/calls/mine/": 200,
    }
    for path, status in pages.items():
        response = stranger.goto(f"{url}{path}")
        assert response.status == status, path
        for name in names:
            expect(stranger.get_by_text(name)).to_have_count(0)
        if path.startswith("/partners/?q="):
            snap(stranger, "7-other-partner-search")
    snap(stranger, "8-other-partner-calls")

    api = {
        f"/api/v1/portal/me/interests/{interest.pk}": 404,
        f"/api/v1/calls/applications/{application.pk}": 404,
        f"/api/v1/organisations/{first.pk}": 404,
        f"/api/v1/contacts/{contact.pk}": 404,
        f"/api/v1/portal/registrations/{registration.pk}": 403,
        f"/api/v1/organisations?q={ORG.split()[0]}": 200,  # a search: scoped, empty
        "/api/v1/portal/me": 200,
        "/api/v1/portal/me/interests": 200,
        "/api/v1/calls/applications": 200,
    }
    for path, status in api.items():
        response = stranger.request.get(f"{url}{path}")
        assert response.status == status, (path, response.text())
        assert not any(name in response.text() for name in names), path

    # Writes with a valid CSRF token, aimed at the first organisation's records: refused.
    token = next(c["value"] for c in stranger.context.cookies() if c["name"] == "csrftoken")
    for path in (
        f"/portal/me/interests/{interest.pk}/withdraw/",
        f"/portal/me/contacts/{contact.pk}/remove/",
    ):
        response = stranger.request.post(f"{url}{path}", headers={"X-CSRFToken": token})
        assert response.status == 404, path
    assert ExpressionOfInterest.objects.get(pk=interest.pk).status == interest.status
    assert Contact.objects.filter(pk=contact.pk, archived_at=None).exists()
