"""The pipeline pages: board, list, detail, form, moves and the partner's Funding tab — status,
content, and query counts that do not grow with the number of opportunities (the board's: in
test_pipeline_board.py)."""

from decimal import Decimal

import pytest
from django.urls import NoReverseMatch, reverse

from accord.funding.models import Opportunity
from accord.funding.tests.factories import OpportunityFactory, move
from accord.partners.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
BOARD = reverse("funding:pipeline")
LIST = reverse("funding:opportunity_list")


def many(n, **kwargs):
    stages = ["identified", "cultivating", "proposal", "negotiation"]
    return [OpportunityFactory(stage=stages[i % 4], **kwargs) for i in range(n)]


def test_board_shows_columns_cards_and_totals(officer_client, kenyan, euro):
    OpportunityFactory(
        organisation=kenyan, title="Resilient Nairobi", amount=920, currency="EUR", stage="proposal"
    )
    page = officer_client.get(BOARD)
    html = page.content.decode()
    assert page.status_code == 200
    for heading in ["Identified", "Cultivating", "Proposal", "Negotiation", "Won", "Lost"]:
        assert heading in html
    assert "Resilient Nairobi" in html and "EUR 920" in html and "USD 1,000" in html
    assert "USD 500" in html  # weighted: 1,000 × 50 %
    assert reverse("funding:opportunity_move", args=[Opportunity.objects.get().pk]) in html


def test_board_filters(officer_client, kenyan, brazilian):
    OpportunityFactory(organisation=kenyan, title="In Africa")
    OpportunityFactory(organisation=brazilian, title="In Latin America")
    html = officer_client.get(BOARD, {"region": "AFRICA"}).content.decode()
    assert "In Africa" in html and "In Latin America" not in html
    fragment = officer_client.get(BOARD, {"region": "LAC"}, headers={"HX-Request": "true"})
    assert "In Latin America" in fragment.content.decode() and b"<html" not in fragment.content


def test_a_card_button_moves_and_rerenders_the_board(officer_client, kenyan):
    o = OpportunityFactory(organisation=kenyan)
    url = reverse("funding:opportunity_move", args=[o.pk])
    data = {"stage": "cultivating", "version": 1, "from": "board", "query": "region=AFRICA"}
    page = officer_client.post(url, data, headers={"HX-Request": "true"})
    assert page.status_code == 200 and b'id="board"' in page.content
    assert b"moved to Cultivating" in page.content
    o.refresh_from_db()
    assert o.stage.code == "cultivating"
    stale = officer_client.post(url, {**data, "stage": "proposal"}, headers={"HX-Request": "true"})
    assert b"changed by someone else" in stale.content
    back = officer_client.post(url, {**data, "stage": "identified", "version": 2})
    assert back.status_code == 302 and back["Location"] == f"{BOARD}?region=AFRICA"  # no JS


def test_list_paginates_filters_and_sorts(officer_client, kenyan, django_assert_max_num_queries):
    many(30, organisation=kenyan)
    OpportunityFactory(organisation=kenyan, title="Biggest", amount=Decimal("9000000"))
    with django_assert_max_num_queries(20):
        page = officer_client.get(LIST, {"sort": "-amount"})
    html = page.content.decode()
    assert "31</strong> opportunities" in html and "page 1 of 2" in html
    assert html.index("Biggest") < html.index("Support to urban resilience")
    assert "Biggest" in officer_client.get(LIST, {"q": "bigg"}).content.decode()
    assert "0</strong>" in officer_client.get(LIST, {"status": "won"}).content.decode()


def test_detail_shows_facts_moves_and_history(officer_client, kenyan):
    o = OpportunityFactory(organisation=kenyan, title="Resilient Nairobi", stage="negotiation")
    move(o, "proposal", note="Budget cut")
    html = officer_client.get(reverse("funding:opportunity_detail", args=[o.pk])).content.decode()
    assert "Resilient Nairobi" in html and "Nairobi City County" in html
    assert "Advance to Negotiation" in html and "Mark Lost" in html
    assert "Negotiation → <strong>Proposal</strong>" in html
    assert "Record the pledge" not in html


def test_detail_of_a_won_opportunity_links_what_comes_next_when_it_exists(officer_client, kenyan):
    o = move(OpportunityFactory(organisation=kenyan, stage="negotiation"), "won")
    page = officer_client.get(reverse("funding:opportunity_detail", args=[o.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Reopen in Negotiation" in html
    try:
        pledge = reverse("funding:pledge_create")
    except NoReverseMatch:  # the pledges part of the app is not there yet
        return
    assert f"{pledge}?opportunity={o.pk}" in html and "Record the pledge" in html


def test_a_refused_move_on_the_detail_page_says_why(officer_client, kenyan):
    o = OpportunityFactory(organisation=kenyan)
    page = officer_client.post(
        reverse("funding:opportunity_move", args=[o.pk]), {"stage": "lost", "version": 1}
    )
    assert page.status_code == 400 and "reason it was lost" in page.content.decode()


def test_create_from_a_partner_page(officer_client, kenyan, euro):
    url = reverse("funding:opportunity_create") + f"?organisation={kenyan.pk}"
    form = officer_client.get(url)
    assert form.status_code == 200 and f'value="{kenyan.pk}"' in form.content.decode()
    page = officer_client.post(
        url,
        {
            "organisation": kenyan.pk,
            "title": "Green corridors",
            "kind": "financial",
            "amount": "920",
            "currency": "EUR",
            "stage": "identified",
            "value_date": "",
        },
    )
    o = Opportunity.objects.get()
    assert page["Location"] == reverse("funding:opportunity_detail", args=[o.pk])
    assert (o.amount_usd, o.region_id) == (Decimal("1000.00"), kenyan.region_id)


def test_the_form_shows_a_missing_rate_on_the_currency(officer_client, kenyan):
    page = officer_client.post(
        reverse("funding:opportunity_create"),
        {
            "organisation": kenyan.pk,
            "title": "X",
            "kind": "financial",
            "amount": "5",
            "currency": "GBP",
            "stage": "identified",
        },
    )
    html = page.content.decode()
    assert page.status_code == 200 and "no exchange rate for GBP" in html
    assert 'id="id_currency_error"' in html and not Opportunity.objects.exists()


def test_the_partner_picker_searches(officer_client, kenyan):
    page = officer_client.get(
        reverse("funding:partner_picker"), {"field": "co_funders", "cofunder_q": "nairobi"}
    )
    assert (
        "Nairobi City County" in page.content.decode()
        and 'type="checkbox"' in page.content.decode()
    )


def test_edit_needs_the_version_and_refuses_a_stale_one(officer_client, kenyan):
    o = OpportunityFactory(organisation=kenyan)
    url = reverse("funding:opportunity_edit", args=[o.pk])
    assert officer_client.get(url).status_code == 200
    data = {
        "organisation": kenyan.pk,
        "title": "Renamed",
        "kind": "financial",
        "amount": "0",
        "currency": "USD",
        "version": 1,
    }
    assert officer_client.post(url, data).status_code == 302
    stale = officer_client.post(url, {**data, "title": "Again"})
    assert "changed by someone else" in stale.content.decode()
    assert Opportunity.objects.get().title == "Renamed"


def test_partner_tab_loads_the_pipeline(officer_client, kenyan, django_assert_max_num_queries):
    OpportunityFactory(organisation=kenyan, title="Led by Nairobi")
    OpportunityFactory(co_funders=[kenyan.pk], title="Co-funded")
    tab = officer_client.get(reverse("partners:detail", args=[kenyan.pk]), {"tab": "funding"})
    html = tab.content.decode()
    partial = reverse("funding:partner_pipeline", args=[kenyan.pk])
    assert f'hx-get="{partial}"' in html and "New opportunity" in html
    with django_assert_max_num_queries(12):
        page = officer_client.get(partial)
    assert "Led by Nairobi" in page.content.decode() and "Co-funder" in page.content.decode()


def test_nav_links(officer_client):
    html = officer_client.get(BOARD).content.decode()
    assert f'href="{BOARD}"' in html and reverse("funding:rates") in html


def test_unrelated_partner_has_an_empty_tab(officer_client):
    org = OrganisationFactory()
    page = officer_client.get(reverse("funding:partner_pipeline", args=[org.pk]))
    assert "No opportunity with this partner yet" in page.content.decode()
