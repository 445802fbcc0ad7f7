"""The agreement pages: content, forms, HTMX status buttons, the calendar, the partner tab, and
query counts that do not grow with the number of rows."""

from decimal import Decimal

import pytest
from django.urls import reverse

from accord.agreements.models import Agreement, AgreementStatus
from accord.agreements.tests.factories import (
    AgreementFactory,
    ObligationFactory,
    agreement_type,
    days_from_today,
    signed_agreement,
)
from accord.partners.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_the_list_filters_by_type_status_and_expiry(officer_client):
    mou = AgreementFactory(title="Plain MoU")
    ending = signed_agreement(title="Ending soon", end_date=days_from_today(20))
    url = reverse("agreements:list")
    page = officer_client.get(url, {"status": "signed"}).content.decode()
    assert "Ending soon" in page and "Plain MoU" not in page
    page = officer_client.get(url, {"expiring": "30"}).content.decode()
    assert ending.reference in page and mou.reference not in page
    page = officer_client.get(url, {"type": "contribution"}).content.decode()
    assert "No agreements match" in page


def test_the_list_filters_by_partner(officer_client, kenyan):
    AgreementFactory(title="With Nairobi", parties=[kenyan])
    AgreementFactory(title="With someone else")
    page = officer_client.get(reverse("agreements:list"), {"partner": kenyan.pk}).content.decode()
    assert "With Nairobi" in page and "With someone else" not in page


def test_htmx_asks_for_the_results_only(officer_client):
    AgreementFactory(title="Only rows")
    response = officer_client.get(reverse("agreements:list"), headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "Only rows" in body and "<html" not in body


def _many(n):
    for _ in range(n):
        a = AgreementFactory(parties=[OrganisationFactory(), OrganisationFactory()])
        ObligationFactory(agreement=a)
    return a


@pytest.mark.parametrize("n", [2, 12])
def test_list_pages_make_a_bounded_number_of_queries(
    officer_client, django_assert_max_num_queries, n
):
    last = _many(n)
    for url in (
        reverse("agreements:list"),
        reverse("agreements:obligations"),
        reverse("agreements:calendar"),
    ):
        with django_assert_max_num_queries(14):
            assert officer_client.get(url).status_code == 200
    with django_assert_max_num_queries(25):
        assert officer_client.get(reverse("agreements:detail", args=[last.pk])).status_code == 200


def test_the_detail_page_shows_value_parties_obligations_and_history(
    officer_client, eur_rate, kenyan
):
    a = AgreementFactory(
        title="Contribution from Kenya",
        type=agreement_type("contribution"),
        parties=[kenyan],
        amount=Decimal("900"),
        currency="EUR",
        value_date=days_from_today(0).replace(year=2025, month=3, day=15),
    )
    ObligationFactory(agreement=a, title="Final report", due_date=days_from_today(-1))
    page = officer_client.get(reverse("agreements:detail", args=[a.pk])).content.decode()
    for text in (
        "Contribution from Kenya",
        "1,000.00 USD",
        "Nairobi City County",
        "Final report",
        "Overdue",
        "Submit for review",
        "History",
    ):
        assert text in page


def test_create_from_an_opportunity_starts_from_its_terms(officer_client, opportunity):
    response = officer_client.get(reverse("agreements:create"), {"opportunity": opportunity.pk})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="Slum upgrading in Nairobi"' in page
    assert "Nairobi City County" in page and 'value="donor" selected' in page
    assert 'value="EUR" selected' in page


def test_create_from_an_opportunity_out_of_scope_is_404(client, user_of, opportunity):
    client.force_login(user_of("regional"))
    assert client.get(reverse("agreements:create"), {"opportunity": 999999}).status_code == 404


def test_create_posts_the_parties_with_their_roles(officer_client, kenyan, opportunity):
    response = officer_client.post(
        reverse("agreements:create"),
        {
            "title": "Signed from the pipeline",
            "type": agreement_type("mou").pk,
            "party": [kenyan.pk],
            f"role_{kenyan.pk}": "donor",
            "opportunity": opportunity.pk,
        },
    )
    a = Agreement.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{a.pk}/")
    assert a.opportunity == opportunity and a.party_links.get().role == "donor"


def test_create_without_parties_shows_the_error_on_the_parties(officer_client):
    response = officer_client.post(
        reverse("agreements:create"),
        {
            "title": "Lonely",
            "type": agreement_type("mou").pk,
        },
    )
    assert response.status_code == 200
    assert 'id="id_parties_error"' in response.content.decode()
    assert not Agreement.objects.exists()


def test_the_status_buttons_work_with_htmx(officer_client):
    a = AgreementFactory()
    url = reverse("agreements:transition", args=[a.pk])
    response = officer_client.post(
        url, {"transition": "submit", "version": a.version}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert "Status: Under review" in response.content.decode()
    assert "<html" not in response.content.decode()
    a.refresh_from_db()
    refused = officer_client.post(url, {"transition": "return", "version": a.version})
    assert refused.status_code == 400 and "Give the reason" in refused.content.decode()
    stale = officer_client.post(
        url, {"transition": "sign", "version": 1, "date": days_from_today(-1).isoformat()}
    )
    assert "changed by someone else" in stale.content.decode()


def test_a_signed_agreement_edit_form_hides_the_key_terms(officer_client):
    a = signed_agreement()
    page = officer_client.get(reverse("agreements:edit", args=[a.pk])).content.decode()
    assert "through an" in page and 'name="title"' not in page
    response = officer_client.post(
        reverse("agreements:edit", args=[a.pk]),
        {
            "version": a.version,
            "office": "Nairobi",
        },
    )
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.office == "Nairobi"


def test_the_amendment_form_records_an_amendment(officer_client):
    a = signed_agreement()
    party = a.party_links.get()
    response = officer_client.post(
        reverse("agreements:amendment_create", args=[a.pk]),
        {
            "signed_on": days_from_today(0).isoformat(),
            "summary": "Extended",
            "title": a.title,
            "start_date": a.start_date.isoformat(),
            "end_date": days_from_today(800).isoformat(),
            "version": a.version,
            "party": [party.organisation_id],
            f"role_{party.organisation_id}": party.role,
        },
    )
    assert response.status_code == 302
    amendment = a.amendments.get()
    assert list(amendment.changes) == ["end_date"]


def test_the_calendar_puts_overdue_first_and_groups_by_week(officer_client, officer):
    a = signed_agreement()
    ObligationFactory(agreement=a, title="Late audit", due_date=days_from_today(-3))
    ObligationFactory(agreement=a, title="Soon report", due_date=days_from_today(10), owner=officer)
    ObligationFactory(agreement=a, title="Far report", due_date=days_from_today(120))
    page = officer_client.get(reverse("agreements:calendar")).content.decode()
    assert page.index("Late audit") < page.index("Soon report")
    assert "Week of" in page and "Far report" not in page
    mine = officer_client.get(reverse("agreements:calendar"), {"owner": "me"}).content.decode()
    assert "Soon report" in mine and "Late audit" not in mine


def test_an_obligation_is_added_and_waived_from_the_pages(officer_client):
    a = signed_agreement()
    response = officer_client.post(
        reverse("agreements:obligation_create", args=[a.pk]),
        {
            "kind": "audit",
            "title": "External audit",
            "due_date": days_from_today(30).isoformat(),
            "remind_days_before": 7,
        },
    )
    assert response.status_code == 302
    o = a.obligations.get()
    url = reverse("agreements:obligation_transition", args=[o.pk])
    officer_client.post(url, {"transition": "waive"})
    o.refresh_from_db()
    assert o.status == "open"
    officer_client.post(url, {"transition": "waive", "note": "Covered by the UN audit"})
    o.refresh_from_db()
    assert (o.status, o.note) == ("waived", "Covered by the UN audit")


def test_the_partner_tab_lists_agreements_with_status_and_a_new_button(officer_client, kenyan):
    a = signed_agreement(parties=[kenyan], end_date=days_from_today(100))
    response = officer_client.get(reverse("agreements:partner_agreements", args=[kenyan.pk]))
    page = response.content.decode()
    assert a.title in page and "Signed" in page
    assert f"?organisation={kenyan.pk}" in page
    assert AgreementStatus.SIGNED.label in page


def test_the_partner_page_tab_loads_the_partial(officer_client, kenyan):
    page = officer_client.get(
        reverse("partners:detail", args=[kenyan.pk]), {"tab": "agreements"}
    ).content.decode()
    assert reverse("agreements:partner_agreements", args=[kenyan.pk]) in page


def test_the_main_navigation_links_the_pages(officer_client, client, user_of):
    page = officer_client.get(reverse("agreements:list")).content.decode()
    assert "Obligations calendar" in page
    client.force_login(user_of("partner"))
    assert reverse("agreements:list") not in client.get("/").content.decode()
