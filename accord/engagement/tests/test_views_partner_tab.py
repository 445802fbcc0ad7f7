"""The Engagements tab of a partner page: the timeline and logging an engagement from it in a
couple of clicks (HTMX), with bounded queries."""

import pytest
from django.urls import reverse

from accord.accounts.models import Role
from accord.engagement.models import Engagement
from accord.engagement.tests.factories import EngagementFactory, days_ago
from accord.partners.tests.factories import ContactFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def tab_url(org) -> str:
    return reverse("engagement:partner_engagements", args=[org.pk])


def log_url(org) -> str:
    return reverse("engagement:partner_log", args=[org.pk])


def text(response) -> str:
    return response.content.decode()


def test_the_partner_page_has_an_engagements_tab_that_loads_the_timeline(officer_client, kenyan):
    page = text(officer_client.get(reverse("partners:detail", args=[kenyan.pk])))
    assert '?tab=engagements"' in page
    tab = text(
        officer_client.get(reverse("partners:detail", args=[kenyan.pk]), {"tab": "engagements"})
    )
    assert f'hx-get="{tab_url(kenyan)}"' in tab and 'hx-trigger="load"' in tab
    assert f'href="{tab_url(kenyan)}"' in tab  # works without JavaScript too


def test_partner_focal_points_see_no_engagements_tab(client, make_user, kenyan):
    client.force_login(make_user(Role.PARTNER, organisation=kenyan))
    assert "?tab=engagements" not in text(client.get(reverse("partners:detail", args=[kenyan.pk])))
    assert client.get(tab_url(kenyan)).status_code == 403


def test_the_timeline_is_newest_first_with_a_summary(officer_client, kenyan, brazilian):
    EngagementFactory(title="Older", organisations=[kenyan], start_date=days_ago(300))
    EngagementFactory(title="Newer", organisations=[kenyan, brazilian], start_date=days_ago(3))
    EngagementFactory(title="Elsewhere", organisations=[brazilian])
    fragment = text(officer_client.get(tab_url(kenyan), **HTMX))
    assert "<html" not in fragment and 'id="partner-engagements"' in fragment
    assert fragment.index("Newer") < fragment.index("Older") and "Elsewhere" not in fragment
    assert "2 engagements recorded" in fragment and "Log an engagement" in fragment
    full = text(officer_client.get(tab_url(kenyan)))
    assert "<html" in full and "Engagements with Nairobi City County" in full


def test_readers_see_the_timeline_without_the_log_form(client, make_user, kenyan):
    EngagementFactory(organisations=[kenyan])
    client.force_login(make_user(Role.MANAGEMENT))
    fragment = text(client.get(tab_url(kenyan), **HTMX))
    assert "1 engagement recorded" in fragment and "Log an engagement" not in fragment


def test_logging_from_the_partner_page_adds_it_to_the_timeline(officer_client, officer, kenyan):
    contact = ContactFactory(organisation=kenyan, first_name="Grace", last_name="Wanjiru")
    form = text(officer_client.get(tab_url(kenyan), **HTMX))
    assert "Grace Wanjiru" in form and "2.3" in form  # this partner's contacts and lines
    response = officer_client.post(
        log_url(kenyan),
        {
            "kind": "meeting",
            "title": "Courtesy call on the Governor",
            "status": "held",
            "start_date": days_ago(1).isoformat(),
            "strategies": [],
            "contacts": [contact.pk],
        },
        **HTMX,
    )
    fragment = text(response)
    assert response.status_code == 200
    assert "Courtesy call on the Governor" in fragment and "logged" in fragment
    e = Engagement.objects.get()
    assert list(e.organisations.all()) == [kenyan] and list(e.staff.all()) == [officer]
    assert list(e.contacts.all()) == [contact]


def test_logging_without_htmx_goes_back_to_the_tab(officer_client, kenyan):
    response = officer_client.post(
        log_url(kenyan),
        {
            "kind": "event",
            "title": "Urban October",
            "status": "planned",
            "start_date": days_ago(-20).isoformat(),
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("partners:detail", args=[kenyan.pk]) + "?tab=engagements"


def test_logging_with_bad_input_shows_the_errors_in_the_form(officer_client, kenyan):
    response = officer_client.post(
        log_url(kenyan),
        {
            "kind": "meeting",
            "title": "",
            "status": "held",
            "start_date": days_ago(-5).isoformat(),
        },
        **HTMX,
    )
    fragment = text(response)
    assert response.status_code == 200 and not Engagement.objects.exists()
    assert 'id="log_title_error"' in fragment and '<details class="panel" open>' in fragment
    response = officer_client.post(
        log_url(kenyan),
        {
            "kind": "meeting",
            "title": "Too early",
            "status": "held",
            "start_date": days_ago(-5).isoformat(),
        },
    )
    assert response.status_code == 400 and "mark it planned" in text(response)


def test_readers_may_not_log(client, make_user, kenyan):
    client.force_login(make_user(Role.MANAGEMENT))
    assert client.post(log_url(kenyan), {"title": "x"}).status_code == 403


def test_the_timeline_runs_the_same_queries_for_few_or_many_engagements(
    officer_client, kenyan, brazilian, django_assert_max_num_queries
):
    def count() -> int:
        with django_assert_max_num_queries(20) as captured:
            assert officer_client.get(tab_url(kenyan), **HTMX).status_code == 200
        return len(captured.captured_queries)

    EngagementFactory.create_batch(2, organisations=[kenyan], strategies=["2.3"])
    few = count()
    EngagementFactory.create_batch(
        12,
        organisations=[kenyan, brazilian],
        outcomes=["1.1"],
        strategies=["2.1"],
        lead_region="AFRICA",
        country="KE",
    )
    assert count() == few
    assert "Page 1 of 2" in text(officer_client.get(tab_url(kenyan), **HTMX))
