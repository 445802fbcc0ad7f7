"""Suggestions from the registry: candidates, reasons, ranking, filters, scope and query bounds."""

import pytest

from accord.engagement.tests.factories import EngagementFactory, days_ago
from accord.prioritization.matchmaking import services
from accord.prioritization.matchmaking.suggestions import (
    MatchFilters,
    suggestions_for,
    suggestions_for_many,
)
from accord.prioritization.matchmaking.tests.conftest import partner

pytestmark = pytest.mark.django_db

HOUSING_NAME = "1.2 Increased and secure access to land, and adequate and affordable housing"


def names(found, subject):
    return [s.other(subject.pk).name for s in found]


def test_a_funder_is_offered_implementers_with_reasons_in_words(world, officer):
    found = suggestions_for(user=officer, organisation=world["fund"])
    assert names(found, world["fund"]) == ["Nairobi City County (NCC)", "Prefeitura de Recife"]
    nairobi = found[0]
    assert nairobi.reasons == [
        f"Both work on outcome {HOUSING_NAME}",
        "Shelter Foundation offers financing; Nairobi City County (NCC) offers technical expertise",
        "They share a partner: Habitat Hub",
    ]
    assert nairobi.score == pytest.approx(0.4 + 0.2 + 0.075)
    assert found[1].reasons[-1] == (
        "Shelter Foundation offers financing; Prefeitura de Recife offers local implementation"
    )


def test_an_implementer_is_offered_funders_best_first(world, officer):
    found = suggestions_for(user=officer, organisation=world["nairobi"])
    assert names(found, world["nairobi"]) == ["African Housing Bank", "Shelter Foundation"]
    assert "Both in Kenya" in found[0].reasons
    assert found[0].score > found[1].score


def test_work_countries_come_from_engagements_and_make_a_match(world, officer):
    EngagementFactory(organisations=[world["uni"]], country="KE", start_date=days_ago(30))
    found = suggestions_for(user=officer, organisation=world["uni"])
    assert "African Housing Bank" in names(found, world["uni"])
    bank = next(s for s in found if s.funder.id == world["bank"].pk)
    assert "Both active in Kenya" in bank.reasons


def test_un_entities_get_no_suggestions(world, officer):
    assert suggestions_for(user=officer, organisation=world["hub"]) == []


def test_partners_who_met_recently_are_said_to_know_each_other_and_rank_lower(world, officer):
    EngagementFactory(
        title="Nairobi housing forum",
        organisations=[world["bank"], world["nairobi"]],
        start_date=days_ago(20),
    )
    found = suggestions_for(user=officer, organisation=world["nairobi"])
    assert names(found, world["nairobi"]) == ["Shelter Foundation", "African Housing Bank"]
    assert found[1].known
    assert (
        found[1]
        .reasons[-1]
        .startswith("They already know each other: both took part in “Nairobi housing forum”")
    )


def test_a_dismissed_pair_is_never_suggested_again(world, officer):
    services.match_dismiss(actor=officer, partner=world["fund"], other=world["nairobi"])
    assert names(suggestions_for(user=officer, organisation=world["fund"]), world["fund"]) == [
        "Prefeitura de Recife"
    ]
    assert "Shelter Foundation" not in names(
        suggestions_for(user=officer, organisation=world["nairobi"]), world["nairobi"]
    )


def test_filters_by_outcome_country_and_category(world, officer):
    fund = world["fund"]
    by_country = suggestions_for(
        user=officer, organisation=fund, filters=MatchFilters(country="BR")
    )
    assert names(by_country, fund) == ["Prefeitura de Recife"]
    youth = world["youth"]
    assert names(suggestions_for(user=officer, organisation=youth), youth) == [
        "African Housing Bank"
    ]
    assert (
        suggestions_for(user=officer, organisation=youth, filters=MatchFilters(outcome="1.2")) == []
    )
    nairobi = world["nairobi"]
    banks = suggestions_for(
        user=officer, organisation=nairobi, filters=MatchFilters(category="development_bank")
    )
    assert names(banks, nairobi) == ["African Housing Bank"]
    housing = suggestions_for(
        user=officer, organisation=nairobi, filters=MatchFilters(outcome="1.2")
    )
    assert all(s.shared_outcomes for s in housing) and len(housing) == 2


def test_a_regional_focal_point_gets_only_partners_of_their_region(world, regional):
    found = suggestions_for(user=regional, organisation=world["nairobi"])
    assert names(found, world["nairobi"]) == ["African Housing Bank"]


def test_queries_do_not_grow_with_the_candidates_or_the_partners(
    world, officer, django_assert_max_num_queries
):
    for n in range(30):
        partner(f"Kenyan City {n}", "local_authority", "KE", ["1.2"], ["expertise"])
        partner(f"Impact Investor {n}", "private_sector", "KE", ["1.2"], ["financing"])
    with django_assert_max_num_queries(24):
        found = suggestions_for(user=officer, organisation=world["bank"], limit=50)
    assert len(found) == 33  # the 30 cities, Nairobi, Recife and the Kenyan youth network
    many = [world["bank"], world["fund"], world["nairobi"], world["youth"]]
    with django_assert_max_num_queries(17 + 5 * len(many)):
        out = suggestions_for_many(user=officer, organisations=many, limit=3)
    assert all(len(out[o.pk]) == 3 for o in many)
