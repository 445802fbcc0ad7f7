"""The pipeline board at scale: a fixed number of queries whatever the number of opportunities,
a limited number of cards per column (in the column's order) with a link to the rest, totals
over every matching opportunity (cached only when unfiltered, and never stale after a change),
and the lean card markup with its move buttons."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from accord.funding import pipeline_selectors, pipeline_views
from accord.funding.pipeline_selectors import OpportunityFilters
from accord.funding.tests.factories import OpportunityFactory, days_from_now, move

pytestmark = pytest.mark.django_db
BOARD = reverse("funding:pipeline")
SPREAD = ["identified", "cultivating", "proposal", "negotiation", "won", "lost", "withdrawn"]


def spread(n, **kwargs):
    """`n` opportunities over every stage, open and closed."""
    return [
        OpportunityFactory(stage=SPREAD[i % 7], close_reason="Gone elsewhere", **kwargs)
        for i in range(n)
    ]


def columns(user, **filters):
    return {c.key: c for c in pipeline_selectors.board(user=user, **filters)["columns"]}


def test_board_queries_are_the_same_for_5_and_60_opportunities(
    officer_client, kenyan, brazilian, django_assert_max_num_queries
):
    spread(5, organisation=kenyan)
    with django_assert_max_num_queries(25) as few:
        officer_client.get(BOARD)
    spread(55, organisation=brazilian)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = officer_client.get(BOARD)
    assert page.content.decode().count('name="stage"') > 20  # the cards did render
    with django_assert_max_num_queries(len(few.captured_queries)):
        officer_client.get(BOARD, {"region": "LAC", "q": "resilience"})  # filtered: not cached


def test_each_column_shows_its_first_cards_and_links_the_rest(officer_client, kenyan, monkeypatch):
    monkeypatch.setattr(pipeline_views, "CARDS_PER_COLUMN", 3)
    for days in (40, 10, 30, 20, None):  # identified: soonest decision first, undated last
        OpportunityFactory(organisation=kenyan, expected_decision_date=days and days_from_now(days))
    for n in range(4):
        OpportunityFactory(organisation=kenyan, stage="won", closed_on=days_from_now(-n))
    html = officer_client.get(BOARD, {"kind": "financial"}).content.decode()
    identified = html[html.index('id="col-identified"') : html.index('id="col-cultivating"')]
    dates = re.findall(r"decision (\d+ \w+ \d{4})", identified)
    assert len(dates) == 3 and "more" in identified
    expected = [days_from_now(d).strftime("%-d %b %Y") for d in (10, 20, 30)]
    assert dates == expected
    more = f'{reverse("funding:opportunity_list")}?kind=financial&amp;stage=identified">2 more</a>'
    assert more in identified
    won = html[html.index('id="col-won"') : html.index('id="col-lost"')]
    closed = re.findall(r"closed (\d+ \w+ \d{4})", won)
    assert closed == [days_from_now(-n).strftime("%-d %b %Y") for n in range(3)]  # latest first
    assert '?kind=financial&amp;status=won">1 more</a>' in won


def test_an_undated_opportunity_comes_after_the_dated_ones(officer, kenyan):
    undated = OpportunityFactory(organisation=kenyan, expected_decision_date=None)
    dated = OpportunityFactory(organisation=kenyan, expected_decision_date=days_from_now(900))
    assert columns(officer)["identified"].cards == [dated, undated]


def test_totals_count_sum_and_weight_every_matching_opportunity(officer, kenyan, euro):
    OpportunityFactory(organisation=kenyan, stage="proposal", amount=920, currency="EUR")
    OpportunityFactory(organisation=kenyan, stage="proposal", amount=333, probability=33)
    OpportunityFactory(organisation=kenyan, stage="won", amount=250)
    by_key = columns(officer, per_column=1)
    proposal, won = by_key["proposal"], by_key["won"]
    assert (proposal.count, len(proposal.cards), proposal.more) == (2, 1, 1)
    assert proposal.total_usd == Decimal("1333.00")  # 1,000 (EUR 920) + 333
    assert proposal.weighted_usd == Decimal("609.89")  # 1,000 × 50 % + 333 × 33 %
    assert (won.count, won.total_usd, won.weighted_usd) == (1, Decimal("250.00"), Decimal("250.00"))
    assert (by_key["identified"].count, by_key["identified"].total_usd) == (0, Decimal("0.00"))


def test_filters_apply_to_cards_and_totals(officer, kenyan, brazilian):
    OpportunityFactory(organisation=kenyan, title="In Africa", amount=100)
    OpportunityFactory(organisation=brazilian, title="In Latin America", amount=7)
    unfiltered = columns(officer)["identified"]
    assert (unfiltered.count, unfiltered.total_usd) == (2, Decimal("107.00"))
    africa = columns(officer, filters=OpportunityFilters(region="AFRICA"))["identified"]
    assert (africa.count, africa.total_usd) == (1, Decimal("100.00"))
    assert [c.title for c in africa.cards] == ["In Africa"]
    found = columns(officer, filters=OpportunityFilters(q="latin"))["identified"]
    assert [c.title for c in found.cards] == ["In Latin America"] and found.count == 1
    partner = columns(officer, filters=OpportunityFilters(partner=brazilian.pk))["identified"]
    assert [c.title for c in partner.cards] == ["In Latin America"] and partner.count == 1
    assert columns(officer)["identified"].count == 2  # the filtered totals were not cached


def test_cached_totals_follow_every_change(officer, kenyan):
    o = OpportunityFactory(organisation=kenyan, amount=100)
    assert columns(officer)["identified"].count == 1
    OpportunityFactory(organisation=kenyan, amount=50)
    assert columns(officer)["identified"].total_usd == Decimal("150.00")
    move(o, "cultivating")
    by_key = columns(officer)
    assert (by_key["identified"].count, by_key["cultivating"].count) == (1, 1)


def test_a_regional_focal_point_gets_totals_of_their_region_only(
    officer, regional, kenyan, brazilian
):
    OpportunityFactory(organisation=kenyan, amount=100)
    OpportunityFactory(organisation=brazilian, amount=7)
    assert columns(officer)["identified"].count == 2  # cached for everyone's scope
    mine = columns(regional)["identified"]
    assert (mine.count, mine.total_usd, len(mine.cards)) == (1, Decimal("100.00"), 1)


def test_a_card_has_one_small_form_with_labelled_move_buttons(officer_client, kenyan):
    o = OpportunityFactory(organisation=kenyan, title="Unpriced", amount=0, stage="cultivating")
    html = officer_client.get(BOARD, {"region": "AFRICA"}).content.decode()
    card = html[html.index(f'<h3 id="o{o.pk}">') : html.index("</li>", html.index(f'id="o{o.pk}"'))]
    move_url = reverse("funding:opportunity_move", args=[o.pk])
    assert card.count("<form") == 1 and f'action="{move_url}"' in card
    assert f'aria-labelledby="o{o.pk}"' in card and 'name="version" value="1"' in card
    assert '<input type="hidden" name="query" value="region=AFRICA">' in card
    assert 'aria-label="Move back to Identified"' in card
    assert re.search(
        r'aria-label="Advance to Proposal: Give the expected amount[^"]*" disabled', card
    )


def test_readers_get_cards_without_move_forms(client, make_user, kenyan):
    OpportunityFactory(organisation=kenyan)
    client.force_login(make_user("management"))
    page = client.get(BOARD)
    assert page.status_code == 200 and "Support to urban resilience" in page.content.decode()
    assert b'<form method="post"' not in page.content.split(b'id="board"')[1]
