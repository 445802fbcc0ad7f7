"""The engagement pages: who may open them (404 outside the region), the list with live
filters, logging and editing with the partner picker, the detail page and follow-ups."""

import pytest
from django.urls import reverse

from accord.accounts.models import Role
from accord.engagement import services
from accord.engagement.models import Engagement, FollowUp
from accord.engagement.tests.factories import EngagementFactory, FollowUpFactory, days_ago
from accord.partners.tests.factories import ContactFactory, OrganisationFactory, country

pytestmark = pytest.mark.django_db

LIST = reverse("engagement:list")
CREATE = reverse("engagement:create")
HTMX = {"HTTP_HX_REQUEST": "true"}


def page_of(response) -> str:
    return response.content.decode()


def form_data(**overrides) -> dict:
    data = {
        "kind": "meeting",
        "status": "held",
        "title": "Meeting on housing finance",
        "start_date": days_ago(2).isoformat(),
    }
    data.update(overrides)
    return data


# --- who may enter ---


@pytest.mark.parametrize("url", [LIST, CREATE, reverse("engagement:follow_ups")])
def test_anonymous_is_sent_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize("role", [Role.REVIEWER, Role.PARTNER])
def test_roles_without_access_are_refused(client, make_user, role):
    client.force_login(make_user(role))
    assert client.get(LIST).status_code == 403
    assert client.get(CREATE).status_code == 403


def test_management_reads_but_does_not_log(client, make_user, kenyan):
    e = EngagementFactory(organisations=[kenyan])
    client.force_login(make_user(Role.MANAGEMENT))
    page = page_of(client.get(LIST))
    assert e.title in page and CREATE not in page
    assert client.get(CREATE).status_code == 403
    assert client.get(reverse("engagement:edit", args=[e.pk])).status_code == 403


def test_a_regional_focal_point_gets_404_outside_their_scope(client, regional, kenyan, brazilian):
    mine = EngagementFactory(organisations=[kenyan], title="Mine")
    theirs = EngagementFactory(organisations=[brazilian], title="Theirs")
    client.force_login(regional)
    assert client.get(reverse("engagement:detail", args=[mine.pk])).status_code == 200
    for url in (
        reverse("engagement:detail", args=[theirs.pk]),
        reverse("engagement:edit", args=[theirs.pk]),
        reverse("engagement:partner_engagements", args=[brazilian.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("engagement:follow_up_create", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("engagement:partner_log", args=[brazilian.pk])).status_code == 404
    listing = page_of(client.get(LIST))
    assert "Mine" in listing and "Theirs" not in listing


# --- the list ---


def test_list_filters_live_with_htmx_and_keeps_a_shareable_url(officer_client, kenyan, brazilian):
    EngagementFactory(title="Nairobi dialogue", kind="dialogue", organisations=[kenyan])
    EngagementFactory(title="Recife mission", kind="mission", organisations=[brazilian])
    page = page_of(officer_client.get(LIST))
    assert 'hx-get="/engagement/"' in page and 'hx-push-url="true"' in page
    assert "<caption" in page and 'aria-live="polite"' in page
    fragment = officer_client.get(LIST, {"kind": "dialogue"}, **HTMX)
    assert "<html" not in page_of(fragment) and "Nairobi dialogue" in page_of(fragment)
    assert "Recife mission" not in page_of(fragment)
    assert fragment["Vary"] and "HX-Request" in fragment["Vary"]


def test_list_by_partner_names_the_partner(officer_client, kenyan, brazilian):
    EngagementFactory(title="With Nairobi", organisations=[kenyan])
    EngagementFactory(title="With Recife", organisations=[brazilian])
    page = page_of(officer_client.get(LIST, {"partner": kenyan.pk}))
    assert "Engagements with" in page and "With Nairobi" in page and "With Recife" not in page


def test_a_bad_period_is_explained_and_ignored(officer_client, kenyan):
    EngagementFactory(organisations=[kenyan])
    page = page_of(officer_client.get(LIST, {"date_from": "2024-05-01", "date_to": "2024-01-01"}))
    assert "The end of the period is before its start." in page


def test_list_pages_and_runs_the_same_queries_for_few_or_many_rows(
    officer_client, officer, kenyan, brazilian, settings, django_assert_max_num_queries
):
    settings.ACCORD_PAGE_SIZE = 10

    def count() -> int:
        with django_assert_max_num_queries(20) as captured:
            assert officer_client.get(LIST).status_code == 200
        return len(captured.captured_queries)

    EngagementFactory.create_batch(3, organisations=[kenyan], strategies=["2.3"])
    few = count()
    EngagementFactory.create_batch(
        12,
        organisations=[kenyan, brazilian],
        strategies=["2.1"],
        outcomes=["1.1"],
        lead_region="AFRICA",
    )
    assert count() == few
    second = page_of(officer_client.get(LIST, {"page": 2}))
    assert "page 2 of 2" in second


# --- logging and editing ---


def test_the_log_form_starts_from_the_partner_and_the_user(officer_client, officer, kenyan):
    page = page_of(officer_client.get(CREATE, {"partner": kenyan.pk}))
    assert f'name="organisations" value="{kenyan.pk}"' in page and "checked" in page
    assert f'<option value="{officer.pk}" selected>' in page


def test_logging_stores_the_engagement_and_opens_it(officer_client, officer, kenyan):
    contact = ContactFactory(organisation=kenyan)
    data = form_data(
        organisations=[kenyan.pk],
        contacts=[contact.pk],
        staff=[officer.pk],
        country="KE",
        outcomes=[],
        summary="Agreed a joint workshop",
    )
    response = officer_client.post(CREATE, data)
    e = Engagement.objects.get()
    assert response.status_code == 302 and response.url == reverse("engagement:detail", args=[e.pk])
    assert list(e.contacts.all()) == [contact] and e.created_by == officer


def test_find_searches_partners_without_saving_and_keeps_the_form(officer_client, kenyan):
    OrganisationFactory(name="Kampala Capital City Authority", country=country("UG"))
    response = officer_client.post(
        CREATE, form_data(organisations=[kenyan.pk], partner_q="kampala", find="1")
    )
    page = page_of(response)
    assert response.status_code == 200 and not Engagement.objects.exists()
    assert "Kampala Capital City Authority" in page and "Meeting on housing finance" in page
    assert f'value="{kenyan.pk}" id="pick_organisations_{kenyan.pk}" checked' in page


def test_bad_input_is_shown_next_to_the_field_and_nothing_is_stored(officer_client, kenyan):
    response = officer_client.post(CREATE, form_data(title="", start_date="not a date"))
    page = page_of(response)
    assert response.status_code == 200 and not Engagement.objects.exists()
    assert "Choose at least one partner." in page and 'id="id_title_error"' in page
    assert "Nothing has been saved." in page
    response = officer_client.post(
        CREATE, form_data(organisations=[kenyan.pk], start_date=days_ago(-3).isoformat())
    )
    assert "mark it planned" in page_of(response) and not Engagement.objects.exists()


def test_edit_saves_and_refuses_a_stale_version(officer_client, officer, kenyan):
    e = EngagementFactory(organisations=[kenyan], title="Before")
    url = reverse("engagement:edit", args=[e.pk])
    page = page_of(officer_client.get(url))
    assert 'value="Before"' in page and 'name="version" value="1"' in page
    services.engagement_update(
        actor=officer, engagement=Engagement.objects.get(pk=e.pk), summary="Someone else"
    )
    response = officer_client.post(
        url, form_data(title="Mine", organisations=[kenyan.pk], version=1)
    )
    assert "changed by someone else" in page_of(response)
    assert Engagement.objects.get(pk=e.pk).title == "Before"
    response = officer_client.post(
        url, form_data(title="Mine", organisations=[kenyan.pk], version=2)
    )
    assert response.status_code == 302 and Engagement.objects.get(pk=e.pk).title == "Mine"


def test_the_partner_picker_keeps_choices_and_offers_their_contacts(
    officer_client, kenyan, client, make_user
):
    ContactFactory(organisation=kenyan, first_name="Grace", last_name="Wanjiru")
    OrganisationFactory(name="Nairobi Metropolitan Services", country=country("KE"))
    url = reverse("engagement:partner_picker")
    page = page_of(
        officer_client.get(
            url, {"field": "organisations", "partner_q": "nairobi", "organisations": [kenyan.pk]}
        )
    )
    assert "Nairobi Metropolitan Services" in page and "Grace Wanjiru" in page
    assert page.count("Nairobi City County") == 1  # chosen, not repeated in the results
    single = page_of(officer_client.get(url, {"field": "organisation", "partner_q": "nairobi"}))
    assert 'type="radio"' in single
    client.force_login(make_user(Role.REVIEWER))
    assert client.get(url).status_code == 403


# --- detail and follow-ups ---


def test_detail_shows_what_the_user_may_see_and_do(client, regional, kenyan, brazilian):
    e = EngagementFactory(organisations=[kenyan, brazilian], strategies=["2.3"], sdgs=[11])
    client.force_login(regional)
    page = page_of(client.get(reverse("engagement:detail", args=[e.pk])))
    assert "Nairobi City County" in page and "Prefeitura de Recife" not in page
    assert "and 1 partner outside your region(s)" in page
    assert "2.3" in page and "SDG 11" in page and "History" in page
    assert reverse("engagement:follow_up_create", args=[e.pk]) in page


def test_detail_runs_a_bounded_number_of_queries(
    officer_client, officer, kenyan, django_assert_max_num_queries
):
    e = EngagementFactory(
        organisations=[kenyan],
        strategies=["2.1", "2.3"],
        staff=[officer],
        contacts=[ContactFactory(organisation=kenyan)],
        sdgs=[11, 5],
    )
    FollowUpFactory.create_batch(3, engagement=e, owner=officer)
    with django_assert_max_num_queries(25):
        assert officer_client.get(reverse("engagement:detail", args=[e.pk])).status_code == 200


def test_follow_ups_are_added_and_marked_done(officer_client, officer, kenyan):
    e = EngagementFactory(organisations=[kenyan])
    url = reverse("engagement:follow_up_create", args=[e.pk])
    response = officer_client.post(url, {"description": "", "owner": "", "due_date": ""})
    assert response.status_code == 400 and 'id="followup_description_error"' in page_of(response)
    response = officer_client.post(
        url,
        {
            "description": "Share the report",
            "owner": officer.pk,
            "due_date": days_ago(-5).isoformat(),
        },
    )
    assert response.status_code == 302
    follow_up = FollowUp.objects.get()
    mine = page_of(officer_client.get(reverse("engagement:follow_ups")))
    assert "Share the report" in mine
    done = reverse("engagement:follow_up_done", args=[follow_up.pk])
    officer_client.post(done, {"next": reverse("engagement:follow_ups")})
    follow_up.refresh_from_db()
    assert follow_up.done_by == officer
    after = page_of(officer_client.get(reverse("engagement:follow_ups")))
    assert "Follow-up “Share the report” done." in after
    assert "<strong>0</strong> open follow-ups" in after


def test_someone_else_cannot_mark_a_follow_up_done(client, make_user, officer, kenyan):
    follow_up = FollowUpFactory(engagement=EngagementFactory(organisations=[kenyan]), owner=officer)
    client.force_login(make_user(Role.MANAGEMENT))
    assert client.post(reverse("engagement:follow_up_done", args=[follow_up.pk])).status_code == 403
