"""Guessing which column of a file is which: names in several languages, any case and accents,
small typos; each target used once; problems explained; a saved mapping reused."""

import pytest

from accord.partners.importing.mapping import apply_saved, guess, header_key, ignored, problems


def test_contract_headers_map_to_themselves_in_any_case_and_order():
    headers = ["REF", "Name", "category", "Country", "IATI_identifier", "Outcomes"]
    assert guess(headers, "organisations") == {
        "REF": "ref",
        "Name": "name",
        "category": "category",
        "Country": "country",
        "IATI_identifier": "iati_identifier",
        "Outcomes": "outcomes",
    }


@pytest.mark.parametrize(
    ("header", "target"),
    [
        ("Organisation name", "name"),
        ("Organization Name", "name"),
        ("Org", "name"),
        ("Nom de l'organisation", "name"),
        ("Nombre", "name"),
        ("Type", "category"),
        ("Catégorie", "category"),
        ("País", "country"),
        ("Pays", "country"),
        ("Sigle", "acronym"),
        ("Also known as", "aliases"),
        ("Web site", "website"),
        ("E-mail", "email"),
        ("Courriel", "email"),
        ("Téléphone", "phone"),
        ("Reg. No.", "registration_number"),
        ("Source ID", "ref"),
        ("Countrry", "country"),  # a typo
        ("Acronymn", "acronym"),
    ],
)
def test_synonyms_and_typos_are_recognised(header, target):
    assert guess([header], "organisations")[header] == target


def test_unknown_columns_are_left_unmapped_and_reported_as_ignored():
    mapping = guess(["Name", "Category", "Notes", "Internal score"], "organisations")
    assert mapping["Notes"] == "" and mapping["Internal score"] == ""
    assert ignored(mapping) == ["Notes", "Internal score"]


def test_each_target_is_taken_once_by_the_best_header():
    mapping = guess(["Org", "Organisation name", "Country", "Pays"], "organisations")
    assert mapping == {"Org": "", "Organisation name": "name", "Country": "country", "Pays": ""}


def test_contact_headers_are_guessed_for_contacts():
    mapping = guess(["Prénom", "Nom", "Organisation", "E-mail", "Job title", "Langues"], "contacts")
    assert mapping == {
        "Prénom": "first_name",
        "Nom": "last_name",
        "Organisation": "organisation",
        "E-mail": "email",
        "Job title": "job_title",
        "Langues": "languages",
    }
    assert guess(["Name", "Org ref"], "contacts") == {
        "Name": "full_name",
        "Org ref": "organisation_ref",
    }


def test_problems_name_missing_required_columns_and_columns_mapped_twice():
    found = problems({"A": "name", "B": "name", "C": "bogus"}, "organisations")
    assert "“A”, “B” are all mapped to Name: choose one." in found
    assert "Column “C”: unknown target column 'bogus'." in found
    assert "No column is mapped to Category, which is required." in found
    assert problems({"A": "name", "B": "category"}, "organisations") == []


def test_contacts_need_names_and_a_link_to_their_organisation():
    found = problems({"A": "email"}, "contacts")
    assert any("first and last names, or a full name" in m for m in found)
    assert any("each contact's organisation" in m for m in found)
    assert problems({"A": "full_name", "B": "organisation_ref"}, "contacts") == []


def test_a_saved_mapping_applies_to_headers_spelled_alike_and_keeps_the_rest():
    current = {"Nom": "name", "Genre": "", "Pays": "country"}
    saved = {"nom": "name", "GENRE": "category"}
    assert apply_saved(list(current), saved, current) == {
        "Nom": "name",
        "Genre": "category",
        "Pays": "country",
    }


def test_header_key_drops_case_accents_and_punctuation():
    assert header_key("  País (ISO-2) ") == "pais iso 2"
