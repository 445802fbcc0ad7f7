"""The score and its reasons on hand-built profiles (no database)."""

from datetime import date

import pytest

from accord.prioritization.matchmaking.profiles import Catalogue, Profile
from accord.prioritization.matchmaking.scoring import JointEngagement, score_pair

CAT = Catalogue(
    outcomes={1: ("1.2", "Affordable housing"), 2: ("4.1", "Inclusion"), 3: ("3.1", "Climate")},
    categories={},
    countries={"KE": "Kenya", "US": "United States", "UG": "Uganda"},
)


def profile(pk, name, category, country, outcomes=(), resources=(), countries=(), relations=()):
    return Profile(
        id=pk,
        name=name,
        category_code=category,
        category_name=category,
        country_code=country,
        region_id=None,
        resources=list(resources),
        outcomes=set(outcomes),
        countries={country, *countries},
        relations=list(relations),
    )


def test_reasons_say_why_in_words():
    funder = profile(
        1, "X Fund", "foundation", "KE", [1], ["financing"], relations=[(9, "funds", True)]
    )
    implementer = profile(
        2, "Y City", "local_authority", "KE", [1, 2], relations=[(9, "is a member of", True)]
    )
    s = score_pair(funder, implementer, catalogue=CAT, third_names={9: "Z Network"})
    assert s.reasons == [
        "Both work on outcome 1.2 Affordable housing",
        "Both in Kenya",
        "X Fund offers financing; Y City offers local implementation",
        "They share a partner: Z Network",
    ]
    assert s.parts == {"outcomes": 1.0, "countries": 1.0, "resources": 1.0, "ties": 0.5}
    assert s.score == pytest.approx(0.4 + 0.25 + 0.2 + 0.075)
    assert not s.known


def test_countries_of_work_count_less_than_a_shared_home_country():
    funder = profile(1, "X Fund", "foundation", "US", [1], countries=["KE", "UG"])
    implementer = profile(2, "Y City", "local_authority", "KE", [3], countries=["UG"])
    s = score_pair(funder, implementer, catalogue=CAT, third_names={})
    assert s.parts["countries"] == 0.6
    assert s.reasons[0] == "Both active in Kenya and Uganda"
    assert s.parts["outcomes"] == 0


def test_complementary_resources_name_what_the_implementer_brings_that_the_funder_lacks():
    funder = profile(1, "X Fund", "private_sector", "KE", [1], ["financing", "data"])
    implementer = profile(2, "Y NGO", "civil_society", "KE", [1], ["data", "networks"])
    s = score_pair(funder, implementer, catalogue=CAT, third_names={})
    assert "X Fund offers financing; Y NGO offers networks and outreach" in s.reasons
    assert s.parts["resources"] == 1.0
    lacking = profile(3, "Z Corp", "private_sector", "KE", [1], ["data"])
    assert score_pair(lacking, implementer, catalogue=CAT, third_names={}).parts["resources"] == 0.5


def test_partners_sharing_nothing_are_not_a_match_even_with_complementary_resources():
    funder = profile(1, "X Fund", "foundation", "US", [1], ["financing"])
    implementer = profile(2, "Y City", "local_authority", "KE", [2], ["expertise"])
    assert score_pair(funder, implementer, catalogue=CAT, third_names={}) is None


def test_a_shared_partner_the_user_does_not_see_does_not_count():
    funder = profile(1, "X Fund", "foundation", "US", relations=[(9, "funds", True)])
    implementer = profile(2, "Y City", "local_authority", "KE", relations=[(9, "funds", False)])
    assert score_pair(funder, implementer, catalogue=CAT, third_names={}) is None
    s = score_pair(funder, implementer, catalogue=CAT, third_names={9: "Z"})
    assert s.reasons == ["Y City offers local implementation", "They share a partner: Z"]


def test_partners_who_already_know_each_other_are_said_so_and_ranked_lower():
    funder = profile(1, "X Fund", "foundation", "KE", [1], relations=[(2, "funds", True)])
    implementer = profile(
        2, "Y City", "local_authority", "KE", [1], relations=[(1, "funds", False)]
    )
    stranger = profile(3, "W City", "local_authority", "KE", [1])
    known = score_pair(funder, implementer, catalogue=CAT, third_names={})
    fresh = score_pair(funder, stranger, catalogue=CAT, third_names={})
    assert known.known and not fresh.known
    assert known.reasons[-1] == "They already know each other: X Fund funds Y City"
    assert known.score == pytest.approx(fresh.score * 0.5)


def test_a_recent_engagement_together_means_they_know_each_other():
    funder = profile(1, "X Fund", "foundation", "KE", [1])
    implementer = profile(2, "Y City", "local_authority", "KE", [1])
    joint = JointEngagement(title="Housing forum", start_date=date(2026, 3, 12))
    s = score_pair(funder, implementer, catalogue=CAT, third_names={}, joint=joint)
    assert s.known
    assert s.reasons[-1] == (
        "They already know each other: both took part in “Housing forum” (12 Mar 2026)"
    )


def test_many_shared_partners_are_listed_briefly():
    rel = [(pk, "is a member of", True) for pk in (7, 8, 9, 10, 11)]
    funder = profile(1, "X Fund", "foundation", "US", relations=rel)
    implementer = profile(2, "Y City", "local_authority", "KE", relations=rel)
    names = {7: "A", 8: "B", 9: "C", 10: "D", 11: "E"}
    s = score_pair(funder, implementer, catalogue=CAT, third_names=names)
    assert s.reasons[-1] == "They share partners: A, B, C and 2 more"
    assert s.parts["ties"] == 1.0
