"""Pages of due diligence: the hits queue with both sides and in-place decisions, the partner
tab, reviews with four eyes, the policy; each with a bounded number of queries."""

import pytest
from django.urls import reverse

from accord.diligence.models import HitStatus, ReviewStatus, ScreeningHit
from accord.diligence.tests.factories import make_hit, make_review
from accord.partners.tests.factories import ContactFactory, OrganisationFactory, country

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def queue(listed, kenyan):
    """Thirty open hits on partners and their contacts."""
    hits = []
    for n in range(15):
        org = OrganisationFactory(name=f"Acme Trading {n}", country=country("KE"),
                                  aliases=[f"Acme {n}"])
        contact = ContactFactory(organisation=org, first_name="Ivan", last_name=f"Petrov{n}")
        hits += [make_hit(organisation=org), make_hit(contact=contact, data_id="1")]
    return hits


def test_the_queue_shows_both_sides_of_each_hit(officer_client, queue):
    body = officer_client.get(reverse("diligence:hits")).content.decode()
    assert "30</strong> hits" in body
    assert "Partner organisation" in body and "Contact person" in body
    assert "Listed entity" in body and "Listed individual" in body
    assert "ACME TRADING LLC" in body and "Russian Federation" in body
    assert "Record decision" in body and "91%" in body


def test_the_queue_runs_a_bounded_number_of_queries(
    officer_client, queue, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10):
        response = officer_client.get(reverse("diligence:hits") + "?page=2")
    assert response.status_code == 200


def test_the_queue_filters_by_status_and_score(officer_client, queue, officer):
    from accord.diligence import hit_services

    hit_services.hit_decide(actor=officer, hit=queue[0], status="confirmed", reason="Same.")
    body = officer_client.get(reverse("diligence:hits") + "?status=confirmed").content.decode()
    assert "1</strong> hit," in body
    body = officer_client.get(reverse("diligence:hits") + "?min_score=0.95").content.decode()
    assert "0</strong> hits" in body


def test_a_decision_in_place_replaces_the_card(officer_client, queue):
    hit = queue[0]
    response = officer_client.post(
        reverse("diligence:hit_decide", args=[hit.pk]),
        {"status": "false_positive", "reason": "Registered in Kenya in 2019."}, **HTMX,
    )
    body = response.content.decode()
    assert response.status_code == 200 and f'id="hit-{hit.pk}"' in body
    assert "Decided: false positive." in body and "<html" not in body
    assert ScreeningHit.objects.get(pk=hit.pk).status == HitStatus.FALSE_POSITIVE


def test_a_decision_without_a_reason_shows_the_error_in_the_card(officer_client, queue):
    hit = queue[0]
    response = officer_client.post(
        reverse("diligence:hit_decide", args=[hit.pk]), {"status": "confirmed"}, **HTMX
    )
    body = response.content.decode()
    assert "Write the reason for this decision." in body and "Nothing has been saved" in body
    assert ScreeningHit.objects.get(pk=hit.pk).status == HitStatus.OPEN


def test_without_javascript_the_decision_goes_back_to_the_queue(officer_client, queue):
    hit = queue[0]
    response = officer_client.post(
        reverse("diligence:hit_decide", args=[hit.pk]),
        {"status": "confirmed", "reason": "Same address.", "next": "/diligence/hits/?page=1"},
    )
    assert response.status_code == 302 and response.url == "/diligence/hits/?page=1"


def test_a_second_decision_is_refused_on_the_page(officer_client, queue):
    hit = queue[0]
    url = reverse("diligence:hit_decide", args=[hit.pk])
    officer_client.post(url, {"status": "confirmed", "reason": "Same."})
    response = officer_client.post(url, {"status": "false_positive", "reason": "No."})
    assert response.status_code == 400 and "already decided" in response.content.decode()


def test_an_administrator_reopens_from_the_hit_page(client, admin_user, listed, kenyan):
    hit = make_hit(organisation=kenyan, status="confirmed")
    client.force_login(admin_user)
    body = client.get(reverse("diligence:hit_detail", args=[hit.pk])).content.decode()
    assert "Reopen this decision" in body
    response = client.post(reverse("diligence:hit_reopen", args=[hit.pk]), {"reason": "Appeal."})
    assert response.status_code == 302
    assert ScreeningHit.objects.get(pk=hit.pk).status == HitStatus.OPEN


def test_the_partner_tab_says_why_the_partner_is_blocked(
    officer_client, listed, kenyan, kenyan_contact, django_assert_max_num_queries
):
    make_hit(organisation=kenyan, status="confirmed")
    make_hit(contact=kenyan_contact, data_id="1")
    url = reverse("diligence:partner_diligence", args=[kenyan.pk])
    with django_assert_max_num_queries(16):
        response = officer_client.get(url, **HTMX)
    body = response.content.decode()
    assert "Blocked:" in body and "is confirmed" in body and "of contact Ivan Petrov" in body
    assert "Due diligence: no valid approved review." in body
    assert "Screen now" in body and "New review" in body and "<html" not in body


def test_the_partner_page_has_the_due_diligence_tab(officer_client, kenyan):
    body = officer_client.get(
        reverse("partners:detail", args=[kenyan.pk]) + "?tab=diligence"
    ).content.decode()
    assert "Due diligence" in body
    assert reverse("diligence:partner_diligence", args=[kenyan.pk]) in body


def test_screen_now_finds_matches_and_shows_them(officer_client, listed):
    org = OrganisationFactory(name="Acme Trading Company", country=country("KP"))
    ScreeningHit.objects.all().delete()
    response = officer_client.post(
        reverse("diligence:partner_screen", args=[org.pk]), **HTMX
    )
    body = response.content.decode()
    assert "1 new possible match(es)" in body and "ACME TRADING LLC" in body


def test_a_review_is_started_from_the_partner_page(officer_client, officer, kenyan):
    url = reverse("diligence:review_create") + f"?organisation={kenyan.pk}"
    assert "UN exclusionary criteria" in officer_client.get(url).content.decode()
    response = officer_client.post(url, {
        "answer_weapons": "clear", "answer_tobacco": "concern", "note_tobacco": "",
        "risk_rating": "medium", "global_compact": "not", "evidence": "Register extract.",
    })
    review = kenyan.diligence_reviews.get()
    assert response.status_code == 302 and review.prepared_by == officer
    assert review.checklist["tobacco"]["answer"] == "concern"


def test_the_preparer_sees_why_they_may_not_decide(officer_client, officer, kenyan):
    review = make_review(kenyan, preparer=officer, to="submitted")
    url = reverse("diligence:review_detail", args=[review.pk])
    body = officer_client.get(url).content.decode()
    assert "Four eyes: you prepared or edited this review" in body
    response = officer_client.post(
        reverse("diligence:review_transition", args=[review.pk]),
        {"transition": "approve", "version": review.version},
    )
    assert response.status_code == 400 and "Four eyes" in response.content.decode()


def test_another_officer_approves_on_the_page(client, preparer, decider, kenyan):
    review = make_review(kenyan, preparer=preparer, to="submitted")
    client.force_login(decider)
    response = client.post(
        reverse("diligence:review_transition", args=[review.pk]),
        {"transition": "approve", "version": review.version, "valid_until": "2099-01-31"},
    )
    review.refresh_from_db()
    assert response.status_code == 302 and review.status == ReviewStatus.APPROVED
    assert str(review.valid_until) == "2099-01-31"


def test_the_review_list_filters_due_and_expired(
    officer_client, preparer, decider, kenyan, brazilian, django_assert_max_num_queries
):
    from datetime import timedelta

    from django.utils import timezone

    due = make_review(kenyan, preparer=preparer, decider=decider, to="approved")
    type(due).objects.filter(pk=due.pk).update(valid_until=timezone.localdate() + timedelta(10))
    old = make_review(brazilian, preparer=preparer, decider=decider, to="approved")
    type(old).objects.filter(pk=old.pk).update(valid_until=timezone.localdate() - timedelta(1))
    with django_assert_max_num_queries(10):
        body = officer_client.get(reverse("diligence:reviews") + "?due=on").content.decode()
    assert kenyan.name in body and brazilian.name not in body
    body = officer_client.get(reverse("diligence:reviews") + "?expired=on").content.decode()
    assert brazilian.name in body and kenyan.name not in body and "Expired" in body


def test_the_policy_page_saves(client, admin_user, kenyan):
    client.force_login(admin_user)
    response = client.post(reverse("diligence:policy"), {
        "categories": [kenyan.category_id], "validity_months": 12, "remind_days_before": 30,
    })
    assert response.status_code == 302
    body = client.get(reverse("diligence:policy")).content.decode()
    assert 'value="12"' in body
