"""The matcher without the database: name normalisation, a pair's score and reasons, blocking."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.partners.matching.blocking import candidate_pairs, scan
from accord.partners.matching.names import (
    initial_variants,
    normalise_name,
    registered_domain,
    site_host,
    split_name,
)
from accord.partners.matching.scoring import (
    DEFAULT_WEIGHTS,
    OrgRecord,
    profile,
    score_pair,
    threshold,
    weights,
)


def score(a: dict, b: dict) -> tuple[float, list[str]]:
    return score_pair(profile(OrgRecord(id=1, **a)), profile(OrgRecord(id=2, **b)))


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("The World Bank", "world bank"),
        ("World Bank Group", "world bank"),
        ("U.N.D.P.", "undp"),
        ("Acme Intl. Dev. Corp. Ltd.", "acme international development corporation"),
        ("Acme S.A.", "acme"),
        ("Fondation Acme", "acme"),
        ("Crédito Agrícola de Habilitación", "credit agricultural habilitacion"),
        ("Banco Nacional de Fomento", "bank national development"),
        ("Inter-American Development Bank", "interamerican development bank"),
        ("Interamerican Development Bank", "interamerican development bank"),
        ("Women's World Banking", "womens world banking"),
        ("al-Quds University", "quds university"),
        ("Société d'Aménagement", "corporation amenagement"),
        ("Smith & Jones", "smith jones"),
        ("St. Kitts", "saint kitts"),
        ("Univeristy of Nairobi", "university nairobi"),
        ("The Foundation", "the foundation"),
    ],
)
def test_names_are_normalised_to_their_identifying_words(written, normalised):
    assert normalise_name(written) == normalised


def test_chinese_characters_become_one_word_each():
    assert normalise_name("联合国人居署") == "lian he guo ren ju shu"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_normalising_a_normalised_name_changes_nothing(text):
    once = normalise_name(text)
    assert normalise_name(once) == once


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "the",
                "of",
                "S.A.",
                "Ltd",
                "Intl",
                "Banco",
                "de",
                "a",
                "b",
                "x",
                "U.N.",
                "&",
                "co",
                "inter",
                "-",
                "Univeristy",
                "al-",
                "l'",
                "Fundación",
                "sur",
                "II",
            ]
        ),
        max_size=8,
    )
)
def test_normalisation_is_idempotent_on_tricky_words(words):
    once = normalise_name(" ".join(words))
    assert normalise_name(once) == once


def test_bracketed_acronyms_and_two_language_names_are_split():
    names, acronyms = split_name("International Organization for Migration (IOM)")
    assert (names, acronyms) == (["International Organization for Migration"], ["IOM"])
    names, _ = split_name("Colombia - Ministry of the Interior / Ministerio del Interior")
    assert "Ministerio del Interior" in names


def test_initials_come_from_the_name_as_written_and_with_connecting_words():
    assert "bnf" in initial_variants("Banco Nacional de Fomento")
    assert "dfid" in initial_variants("Department for International Development")
    assert "undp" in initial_variants("United Nations Development Programme")


@pytest.mark.parametrize(
    ("address", "domain"),
    [
        ("https://www.projects.undp.org/x", "undp.org"),
        ("info@nairobi.go.ke", "nairobi.go.ke"),
        ("someone@gmail.com", ""),
        ("https://www.un.org/ga/acabq/", "un.org/ga/acabq"),
        ("https://binuh.unmissions.org/", "binuh.unmissions.org"),
        ("not a url", ""),
    ],
)
def test_registered_domains_ignore_free_mail_and_split_shared_hosts(address, domain):
    assert registered_domain(address) == domain


def test_site_host_keeps_sub_domains():
    assert site_host("http://www.xoc.uam.mx/") == "xoc.uam.mx"
    assert site_host("https://www.un.org/en/ga/fifth/") == "un.org/ga/fifth"


def test_bodies_on_one_shared_host_are_not_one_site():
    value, reasons = score(
        {
            "name": "Advisory Committee on Administrative and Budgetary Questions",
            "website": "https://www.un.org/ga/acabq/",
        },
        {
            "name": "Administrative and Budgetary Committee",
            "website": "https://www.un.org/en/ga/fifth/",
        },
    )
    assert value < 0.75 and not any("same web" in r for r in reasons)


def test_african_and_asian_development_banks_are_not_duplicates():
    value, _ = score({"name": "African Development Bank"}, {"name": "Asian Development Bank"})
    assert value < 0.5


def test_world_bank_and_the_world_bank_group_are_duplicates():
    value, reasons = score({"name": "World Bank"}, {"name": "The World Bank Group"})
    assert value == 1.0
    assert reasons == ["same name once normalised (“world bank”)"]


def test_a_translated_name_with_the_same_acronym_in_the_same_country_is_a_duplicate():
    value, reasons = score(
        {"name": "Banco Nacional de Fomento", "acronym": "BNF", "country": "PY"},
        {"name": "National Development Bank", "acronym": "BNF", "country": "PY"},
    )
    assert value >= 0.9
    assert "same acronym BNF" in reasons


def test_an_acronym_alone_matches_the_long_name_that_carries_it():
    value, reasons = score(
        {"name": "UNDP"}, {"name": "United Nations Development Programme", "acronym": "UNDP"}
    )
    assert value >= DEFAULT_WEIGHTS["acronym_is_name"]
    assert reasons[0] == "one's name is the other's acronym (UNDP)"


def test_the_same_acronym_for_different_names_is_not_enough():
    value, _ = score(
        {"name": "Asian Development Bank", "acronym": "ADB"},
        {
            "name": "Agricultural Development Bank of Trinidad and Tobago",
            "acronym": "ADB",
            "country": "TT",
        },
    )
    assert value < 0.75


def test_an_equal_iati_identifier_decides_on_its_own():
    value, reasons = score(
        {"name": "Alpha", "iati_identifier": "XM-DAC-41120"},
        {"name": "Omega", "iati_identifier": " xm-dac-41120"},
    )
    assert (value, reasons) == (1.0, ["same IATI identifier XM-DAC-41120"])


def test_an_equal_registration_number_decides_on_its_own():
    value, _ = score(
        {"name": "Alpha", "registration_number": "12-345"},
        {"name": "Omega", "registration_number": "12345"},
    )
    assert value == 1.0


def test_different_identifiers_and_countries_argue_against():
    same, _ = score({"name": "Ministry of Health"}, {"name": "Ministry of Health"})
    apart, reasons = score(
        {"name": "Ministry of Health", "country": "KE", "iati_identifier": "KE-GOV-1"},
        {"name": "Ministry of Health", "country": "TZ", "iati_identifier": "TZ-GOV-1"},
    )
    assert same == 1.0 and apart < 0.5
    assert "different countries (KE and TZ)" in reasons
    assert "different IATI identifiers (KE-GOV-1 and TZ-GOV-1)" in reasons


def test_the_same_domain_counts_for_and_a_body_of_an_organisation_against():
    value, reasons = score(
        {"name": "Acme Housing Trust", "email": "info@acmehousing.org"},
        {"name": "Acme Housing", "website": "https://acmehousing.org"},
    )
    assert value >= 0.9 and "same web or e-mail domain acmehousing.org" in reasons
    value, reasons = score(
        {"name": "World Food Programme"}, {"name": "Executive Board of the World Food Programme"}
    )
    assert value < 0.75
    assert "one name is a part or an edition of the other" in reasons


def test_misspelt_words_still_match_but_opposites_do_not():
    typo, _ = score(
        {"name": "University of Limpopo", "country": "ZA"},
        {"name": "University of Lipmopo", "country": "ZA"},
    )
    north, _ = score(
        {"name": "University of Northern Philippines"},
        {"name": "University of Southern Philippines"},
    )
    assert typo >= 0.9 and north < 0.75


def test_weights_and_threshold_come_from_settings(settings):
    settings.ACCORD_DUPLICATE_WEIGHTS = {"other_country": -0.05}
    settings.ACCORD_DUPLICATE_THRESHOLD = 0.9
    assert weights()["other_country"] == -0.05
    assert weights()["name"] == DEFAULT_WEIGHTS["name"]
    value, _ = score(
        {"name": "Ministry of Health", "country": "KE"},
        {"name": "Ministry of Health", "country": "TZ"},
    )
    assert value == 0.95


def test_blocking_compares_only_organisations_that_share_a_key():
    names = [
        "Acme Housing Trust",
        "Acme Housing",
        "Zebra Water Fund",
        "Quokka Institute",
        "National Development Bank",
    ]
    profiles = [profile(OrgRecord(id=i + 1, name=n)) for i, n in enumerate(names)]
    assert candidate_pairs(profiles) == {(0, 1)}


def test_a_word_shared_by_too_many_is_not_a_key(settings):
    settings.ACCORD_DUPLICATE_MAX_BLOCK = 3
    profiles = [
        profile(OrgRecord(id=i, name=f"Kibera {w}"))
        for i, w in enumerate(["Alpha", "Bravo", "Charlie", "Delta"], start=1)
    ]
    assert candidate_pairs(profiles) == set()


def test_scan_lists_pairs_lower_id_first_best_first():
    profiles = [
        profile(OrgRecord(id=9, name="Acme Housing Trust")),
        profile(OrgRecord(id=3, name="Acme Housing Trust Ltd")),
        profile(OrgRecord(id=5, name="Zebra Water Fund")),
    ]
    found = scan(profiles)
    assert [(f.first_id, f.second_id) for f in found] == [(3, 9)]
    assert found[0].score == 1.0


def test_a_government_and_a_city_of_the_same_name_are_not_duplicates():
    government = {"name": "Government of Luxembourg", "country": "LU", "category": "government"}
    city = {"name": "Ville de Luxembourg", "country": "LU", "category": "local_authority"}
    value, reasons = score(government, city)
    assert value < threshold()
    assert "a national government and a local authority" in reasons
