"""find_matches: "is it already registered?" against the database."""

import pytest
from django.utils import timezone

from accord.partners.matching import Match, find_matches
from accord.partners.models import Organisation
from accord.partners.tests.factories import OrganisationFactory, country

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry():
    return {
        "undp": OrganisationFactory(
            name="United Nations Development Programme",
            acronym="UNDP",
            website="https://www.undp.org",
            country=None,
        ),
        "afdb": OrganisationFactory(
            name="African Development Bank", country=None, iati_identifier="XM-DAC-46002"
        ),
        "asdb": OrganisationFactory(name="Asian Development Bank", country=None),
        "bnf": OrganisationFactory(
            name="Banco Nacional de Fomento", acronym="BNF", country=country("PY")
        ),
        "kibera": OrganisationFactory(
            name="Kibera Slum Dwellers Federation", aliases=["Kibera Dwellers"]
        ),
    }


def ids(matches: list[Match]) -> list[int]:
    return [m.organisation_id for m in matches]


def test_finds_the_same_name_written_differently(registry):
    matches = find_matches(name="THE UNITED NATIONS DEVELOPMENT PROGRAM")
    assert ids(matches) == [registry["undp"].pk]
    assert matches[0].score >= 0.9 and matches[0].reasons


def test_finds_by_acronym_translation_and_alias(registry):
    assert ids(find_matches(name="UNDP")) == [registry["undp"].pk]
    found = find_matches(name="National Development Bank", acronym="BNF", country="PY")
    assert ids(found) == [registry["bnf"].pk]
    assert ids(find_matches(name="Kibera Dwellers", country=country("KE"))) == [
        registry["kibera"].pk
    ]


def test_an_equal_iati_identifier_is_found_whatever_the_name(registry):
    matches = find_matches(name="Something Else Entirely", iati_identifier="XM-DAC-46002")
    assert ids(matches) == [registry["afdb"].pk]
    assert matches[0].reasons == ["same IATI identifier XM-DAC-46002"]


def test_a_similar_but_different_organisation_is_not_a_match(registry):
    assert find_matches(name="Asian Development Bank") == [
        Match(registry["asdb"].pk, 1.0, ["same name once normalised (“asian development bank”)"])
    ]
    assert find_matches(name="Caribbean Development Bank") == []


def test_excluded_archived_and_merged_organisations_are_left_out(registry):
    assert find_matches(name="UNDP", exclude_ids=[registry["undp"].pk]) == []
    Organisation.objects.filter(pk=registry["undp"].pk).update(archived_at=timezone.now())
    assert find_matches(name="UNDP") == []
    Organisation.objects.filter(pk=registry["bnf"].pk).update(merged_into=registry["afdb"])
    assert find_matches(name="Banco Nacional de Fomento", acronym="BNF") == []


def test_limit_and_empty_input(registry):
    OrganisationFactory(name="Kibera Slum Dwellers Federation Ltd")
    assert len(find_matches(name="Kibera Slum Dwellers Federation", limit=1)) == 1
    assert find_matches(name="") == []
    assert find_matches(name="UNDP", limit=0) == []


def test_a_check_runs_a_small_fixed_number_of_queries(registry, django_assert_max_num_queries):
    for i in range(30):
        OrganisationFactory(name=f"Kibera Youth Group {i}")
    with django_assert_max_num_queries(6):
        find_matches(
            name="Kibera Youth Group 7",
            acronym="KYG",
            website="kyg.org",
            iati_identifier="KE-1",
            registration_number="99",
        )
