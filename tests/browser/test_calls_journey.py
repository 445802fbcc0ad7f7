"""A call from publication to the result, in a real browser: staff prepare and publish a call
(the criteria weights' total updates live), a partner user applies, the deadline passes and
`accord send_reminders` closes the call, two reviewers declare no conflict and score, staff
select and finalise, the partner reads its result — and another partner's user sees nothing of
the first one's application."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from accord.accounts.models import Role
from accord.partners import services as partner_services
from accord.portal.calls.models import Application, Call, CallStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "browser-test-pass-1"


@pytest.fixture
def people(make_user):
    def user(role, **extra):
        u = make_user(role, **extra)
        u.set_password(PASSWORD)
        u.save()
        return u

    first = partner_services.organisation_create(
        actor=None, name="Mombasa County Government", category="local_authority", country="KE"
    )
    second = partner_services.organisation_create(
        actor=None, name="Favela Residents Union", category="civil_society", country="BR"
    )
    return {
        "officer": user(Role.OFFICER),
        "reviewers": [user(Role.REVIEWER), user(Role.REVIEWER)],
        "partner": user(Role.PARTNER, organisation=first),
        "other": user(Role.PARTNER, organisation=second),
        "first": first,
    }


def login(browser, live_server, user):
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(30_000)
    page.goto(f"{live_server.url}/calls/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    return page


def test_from_publication_to_the_partners_result(live_server, browser, people):
    url = live_server.url
    officer, partner, other = people["officer"], people["partner"], people["other"]

    # Staff prepare the call; the weights' total follows what is typed.
    staff = login(browser, live_server, officer)
    staff.get_by_role("link", name="New call").click()
    staff.get_by_label("Title").fill("Waterfront resilience in coastal cities")
    staff.get_by_label("Deadline for applications").fill(
        (timezone.now() + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")
    )
    staff.get_by_label("Criterion 1 name").fill("Relevance")
    staff.get_by_label("Criterion 1 weight").fill("60")
    staff.get_by_label("Criterion 2 name").fill("Capacity")
    staff.get_by_label("Criterion 2 weight").fill("30")
    expect(staff.locator("#weights-total")).to_contain_text("90 / 100")
    staff.get_by_label("Criterion 2 weight").fill("40")
    expect(staff.locator("#weights-total")).to_contain_text("100 / 100")
    staff.get_by_label("Questions applicants answer").fill("What will you do?")
    for reviewer in people["reviewers"]:
        staff.get_by_label(str(reviewer)).check()
    staff.get_by_role("button", name="Save the call").click()
    staff.get_by_role("button", name=re.compile("Publish")).click()
    expect(staff.get_by_role("heading", name="Status: Published")).to_be_visible()
    call = Call.objects.get()

    # The partner applies from its calls page.
    applicant = login(browser, live_server, partner)
    expect(applicant).to_have_url(re.compile(r"/calls/mine/$"))
    applicant.get_by_role("link", name="Waterfront resilience in coastal cities").click()
    applicant.get_by_role("link", name="Apply").click()
    applicant.get_by_label("Summary of your application").fill("Mangrove belts and sea walls.")
    applicant.get_by_label("What will you do?").fill("Restore 12 km of mangroves with residents.")
    applicant.get_by_role("button", name="Submit application").click()
    expect(applicant.get_by_text("Application submitted.")).to_be_visible()

    # The deadline passes; the daily job closes the call; staff start the review.
    Call.objects.filter(pk=call.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    call_command("send_reminders")
    assert Call.objects.get().status == CallStatus.CLOSED
    staff.goto(f"{url}/calls/{call.pk}/")
    staff.get_by_role("button", name=re.compile("Start the review")).click()
    expect(staff.get_by_role("heading", name="Status: Under review")).to_be_visible()

    # Two reviewers declare no conflict, then score.
    for reviewer, scores in zip(people["reviewers"], (("8", "6"), ("6", "9")), strict=True):
        panel = login(browser, live_server, reviewer)
        panel.goto(f"{url}/calls/assignments/")
        panel.get_by_role("link", name="Mombasa County Government").click()
        expect(panel.get_by_text("Restore 12 km of mangroves")).to_have_count(0)
        panel.get_by_label("No, I have no conflict of interest").check()
        panel.get_by_role("button", name="Record my declaration").click()
        expect(panel.get_by_text("Restore 12 km of mangroves with residents.")).to_be_visible()
        panel.get_by_label(re.compile("^Relevance")).select_option(scores[0])
        panel.get_by_label("Comment on Relevance").fill("Clearly serves the outcome.")
        panel.get_by_label(re.compile("^Capacity")).select_option(scores[1])
        panel.get_by_label("Comment on Capacity").fill("A capable county team.")
        panel.get_by_role("button", name="Save my review").click()
        expect(panel.get_by_text(re.compile("Review saved: weighted score"))).to_be_visible()
        panel.context.close()

    # Staff see the ranking (mean of 72.00 and 72.00), select and finalise.
    staff.goto(f"{url}/calls/{call.pk}/")
    expect(staff.get_by_role("row", name=re.compile("Mombasa County Government"))).to_contain_text(
        "72.00"
    )
    staff.get_by_role("button", name="Select Mombasa County Government", exact=True).click()
    staff.get_by_role("button", name=re.compile("Finalise and notify")).click()
    expect(staff.get_by_role("heading", name="Status: Finalised")).to_be_visible()

    # The partner reads its result.
    applicant.goto(f"{url}/calls/mine/{call.pk}/")
    expect(applicant.get_by_role("heading", name="Result: Selected")).to_be_visible()
    expect(applicant.get_by_text("has been selected")).to_be_visible()

    # Another partner's user sees nothing of it.
    application = Application.objects.get()
    stranger = login(browser, live_server, other)
    stranger.goto(f"{url}/calls/mine/")
    expect(stranger.get_by_text("Mombasa County Government")).to_have_count(0)
    expect(stranger.get_by_text("No application yet.")).to_be_visible()
    stranger.goto(f"{url}/calls/mine/{call.pk}/")
    expect(stranger.get_by_text("Mangrove")).to_have_count(0)
    response = stranger.request.get(f"{url}/api/v1/calls/applications/{application.pk}")
    assert response.status == 404
    response = stranger.goto(f"{url}/calls/applications/{application.pk}/")
    assert response.status == 403
