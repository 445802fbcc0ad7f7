"""Expressions of interest: a partner's alignment with the strategic plan, the staff stream
per outcome and programme, answers the partner reads, and conversions."""

import datetime

import pytest
from django.urls import reverse

from accord.engagement.models import Engagement
from accord.funding.models import Opportunity
from accord.portal import interest_services
from accord.portal.models import ExpressionOfInterest
from accord.portal.tests.factories import make_interest

pytestmark = pytest.mark.django_db


def test_a_partner_expresses_interest_for_its_own_organisation(client, partner_a, kenyan):
    client.force_login(partner_a)
    response = client.post(
        reverse("portal:interest_new"),
        {
            "title": "Slum upgrading know-how",
            "offers": "Twenty years of upgrading projects.",
            "seeks": "Co-funding",
            "resources": ["expertise"],
            "outcomes": ["1.1"],
            "flagships": ["1"],
            "countries": ["KE", "UG"],
        },
    )
    eoi = ExpressionOfInterest.objects.get()
    assert response.url == reverse("portal:interest", args=[eoi.pk])
    assert eoi.organisation == kenyan and eoi.submitted_by == partner_a
    assert sorted(eoi.countries.values_list("code", flat=True)) == ["KE", "UG"]
    assert client.get(reverse("portal:partner_home")).context["interests"] == [eoi]


def test_an_interest_must_say_what_it_offers_and_point_at_the_plan(client, partner_a):
    client.force_login(partner_a)
    response = client.post(reverse("portal:interest_new"), {"title": "", "offers": ""})
    assert response.status_code == 400
    assert {"title", "offers"} <= set(response.context["form"].errors)
    response = client.post(reverse("portal:interest_new"), {"title": "T", "offers": "O"})
    assert "at least one outcome" in response.context["form"].errors["outcomes"][0]
    assert not ExpressionOfInterest.objects.exists()


def test_staff_see_the_stream_per_outcome_and_programme(officer_client, partner_a, partner_b):
    housing = make_interest(partner_a, title="Housing", outcomes=["1.1"], flagships=["1"])
    climate = make_interest(partner_b, title="Climate", outcomes=["3.1"], flagships=["3"])
    url = reverse("portal:interest_stream")
    assert list(officer_client.get(url).context["page"]) == [climate, housing]
    assert list(officer_client.get(url, {"outcome": "1.1"}).context["page"]) == [housing]
    assert list(officer_client.get(url, {"flagship": "3"}).context["page"]) == [climate]
    fragment = officer_client.get(url, {"outcome": "3.1"}, headers={"HX-Request": "true"})
    assert "<h1>" not in fragment.content.decode() and "Climate" in fragment.content.decode()


def test_a_regional_focal_point_sees_the_interests_of_their_region_only(
    user_of, partner_a, partner_b, client
):
    kenyan_eoi = make_interest(partner_a)
    make_interest(partner_b, countries=["BR"])
    client.force_login(user_of("regional"))
    assert list(client.get(reverse("portal:interest_stream")).context["page"]) == [kenyan_eoi]


def test_staff_answer_and_the_partner_reads_it(officer_client, client, partner_a):
    eoi = make_interest(partner_a)
    act = reverse("portal:interest_act", args=[eoi.pk, "answer"])
    assert officer_client.post(act, {"answer": ""}).status_code == 400
    officer_client.post(act, {"answer": "Our Nairobi office will call you."})
    eoi.refresh_from_db()
    assert eoi.status == "answered"
    client.force_login(partner_a)
    page = client.get(reverse("portal:interest", args=[eoi.pk]))
    assert "Our Nairobi office will call you." in page.content.decode()


def test_an_interest_becomes_an_engagement_and_an_opportunity(
    officer_client, partner_a, kenyan, officer
):
    eoi = make_interest(partner_a)
    officer_client.post(
        reverse("portal:interest_act", args=[eoi.pk, "engagement"]),
        {
            "kind": "introduction",
            "start_date": datetime.date.today().isoformat(),
            "title": "",
        },
    )
    officer_client.post(
        reverse("portal:interest_act", args=[eoi.pk, "opportunity"]),
        {
            "title": "Upgrading fund",
            "amount": "250000",
            "currency": "USD",
        },
    )
    eoi.refresh_from_db()
    engagement = Engagement.objects.get(pk=eoi.engagement_id)
    assert engagement.title == eoi.title
    assert list(engagement.organisations.all()) == [kenyan]
    assert list(engagement.outcomes.values_list("code", flat=True)) == ["1.1"]
    opportunity = Opportunity.objects.get(pk=eoi.opportunity_id)
    assert opportunity.organisation == kenyan and opportunity.amount == 250000
    review = officer_client.get(reverse("portal:interest_review", args=[eoi.pk]))
    assert reverse("engagement:detail", args=[engagement.pk]) in review.content.decode()
    assert reverse("funding:opportunity_detail", args=[opportunity.pk]) in (review.content.decode())
    officer_client.force_login(partner_a)
    mine = officer_client.get(reverse("portal:interest", args=[eoi.pk])).content.decode()
    assert "an engagement" in mine and "a partnership opportunity" in mine
    with pytest.raises(Exception, match="already became an opportunity"):
        interest_services.interest_to_opportunity(actor=officer, interest=eoi)


def test_a_bad_conversion_is_refused_on_its_field(officer_client, partner_a):
    eoi = make_interest(partner_a)
    response = officer_client.post(
        reverse("portal:interest_act", args=[eoi.pk, "opportunity"]),
        {"amount": "-5", "currency": "USD"},
    )
    assert response.status_code == 400
    eoi.refresh_from_db()
    assert eoi.opportunity_id is None


def test_readers_may_not_answer(make_user, client, partner_a):
    eoi = make_interest(partner_a)
    client.force_login(make_user("management"))
    assert client.get(reverse("portal:interest_review", args=[eoi.pk])).status_code == 200
    response = client.post(
        reverse("portal:interest_act", args=[eoi.pk, "answer"]), {"answer": "Hello"}
    )
    assert response.status_code == 403


def test_the_partner_withdraws_its_interest(client, partner_a):
    eoi = make_interest(partner_a)
    client.force_login(partner_a)
    client.post(reverse("portal:interest_withdraw", args=[eoi.pk]))
    eoi.refresh_from_db()
    assert eoi.status == "withdrawn"
    client.post(reverse("portal:interest_withdraw", args=[eoi.pk]))
    eoi.refresh_from_db()
    assert eoi.status == "withdrawn"


def test_the_stream_runs_a_bounded_number_of_queries(
    officer_client, partner_a, partner_b, django_assert_max_num_queries
):
    for n in range(30):
        make_interest(
            partner_a if n % 2 else partner_b,
            title=f"Interest {n}",
            outcomes=["1.1", "2.1"],
            flagships=["1", "2"],
            countries=["KE", "BR"],
        )
    with django_assert_max_num_queries(14):
        response = officer_client.get(reverse("portal:interest_stream"))
    assert len(response.context["page"]) == 25


def test_the_partner_home_runs_a_bounded_number_of_queries(
    client, partner_a, django_assert_max_num_queries
):
    for n in range(25):
        make_interest(partner_a, title=f"Interest {n}", outcomes=["1.1", "2.1"])
    client.force_login(partner_a)
    with django_assert_max_num_queries(16):
        client.get(reverse("portal:partner_home"))
