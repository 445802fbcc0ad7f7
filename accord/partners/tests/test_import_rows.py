"""One row -> the arguments of organisation_create / contact_create, or a message per column."""

from datetime import UTC, datetime

import pytest

from accord.accounts.models import Role
from accord.partners.importing.rows import Lookups, clean_text, contact_row, organisation_row

pytestmark = pytest.mark.django_db


@pytest.fixture
def lookups():
    return Lookups.load()


def row(**values):
    return {"name": "Acme Habitat", "category": "civil_society", **values}


@pytest.mark.parametrize(
    "text",
    [
        "civil_society",
        "Civil society",
        "CIVIL SOCIETY",
        "civil-society",
        "Stakeholders, "
        "including civil society, women, children and youth, grassroots and informal sector "
        "organizations, people with disabilities, indigenous people, older persons and the "
        "media",
        "21",
    ],
)
def test_category_by_code_name_short_name_or_iati_type(lookups, text):
    kwargs, errors = organisation_row(row(category=text), lookups)
    assert errors == {}
    assert kwargs["category"].code == "civil_society"


def test_category_singular_of_the_short_name_is_understood(lookups):
    kwargs, _ = organisation_row(row(category="Foundation"), lookups)
    assert kwargs["category"].code == "foundation"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Give the partner category"),
        ("Think tank", "Unknown partner category 'Think tank'. Use one of: civil_society"),
        ("40", "IATI type 40 could be UN entities or Development banks"),
    ],
)
def test_unknown_or_ambiguous_category_is_explained(lookups, text, message):
    _, errors = organisation_row(row(category=text), lookups)
    assert errors["category"].startswith(message)


@pytest.mark.parametrize(
    "text",
    ["KE", "ke", "KEN", "Kenya", "kenya", " Kenya ", "Кения"],
)
def test_country_by_iso2_iso3_english_or_translated_name(lookups, text):
    kwargs, errors = organisation_row(row(country=text), lookups)
    assert errors == {}
    assert kwargs["country"].code == "KE"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("USA", "US"),
        ("United States", "US"),
        ("UK", "GB"),
        ("Ivory Coast", "CI"),
        ("Côte d’Ivoire", "CI"),
    ],
)
def test_common_country_names_are_understood(lookups, text, code):
    kwargs, errors = organisation_row(row(country=text), lookups)
    assert errors == {} and kwargs["country"].code == code


def test_unknown_country_is_explained(lookups):
    _, errors = organisation_row(row(country="Atlantis"), lookups)
    assert errors == {"country": "Unknown country 'Atlantis': give an ISO code or name."}


def test_outcomes_split_on_semicolons_commas_and_spaces(lookups):
    kwargs, errors = organisation_row(row(outcomes="1.2; 2.1,3.3 1.2"), lookups)
    assert errors == {}
    assert [o.code for o in kwargs["outcomes"]] == ["1.2", "2.1", "3.3"]
    _, errors = organisation_row(row(outcomes="1.2;9.9"), lookups)
    assert errors["outcomes"].startswith("Unknown outcome code(s): 9.9.")


def test_aliases_split_on_semicolons_without_repeats_or_the_name(lookups):
    kwargs, errors = organisation_row(
        row(aliases="ACME; Acme Kenya;; acme habitat ; acme kenya"), lookups
    )
    assert errors == {}
    assert kwargs["aliases"] == ["ACME", "Acme Kenya"]


def test_values_are_cleaned_as_the_services_store_them(lookups):
    kwargs, errors = organisation_row(
        row(name="  Acme \t Habitat\x00 ", website="www.acme.org", description="a  b\n\nc"),
        lookups,
    )
    assert errors == {}
    assert kwargs["name"] == "Acme Habitat"
    assert kwargs["website"] == "https://www.acme.org"
    assert kwargs["description"] == "a b\n\nc"  # paragraphs kept


def test_each_wrong_column_gets_its_own_message(lookups):
    _, errors = organisation_row(
        {
            "name": "x" * 301,
            "category": "nope",
            "email": "info(at)acme",
            "website": "not a url",
            "acronym": "A" * 41,
        },
        lookups,
    )
    assert set(errors) == {"name", "category", "email", "website", "acronym"}
    assert errors["name"] == "Ensure this value has at most 300 characters (it has 301)."
    assert errors["email"] == "Enter a valid email address."
    assert errors["website"] == "Enter a valid URL."


def test_missing_name_is_reported(lookups):
    _, errors = organisation_row(row(name="  "), lookups)
    assert errors == {"name": "Enter the organisation's name."}


def test_regional_focal_point_rows_must_be_in_their_regions(make_user, region):
    user = make_user(Role.REGIONAL, regions=[region])
    scoped = Lookups.load(user)
    assert organisation_row(row(country="KE"), scoped)[1] == {}
    _, errors = organisation_row(row(country="FR"), scoped)
    assert errors["country"].startswith("You can only register organisations in a country of")
    _, errors = organisation_row(row(), scoped)
    assert "country" in errors


def test_clean_text_removes_control_characters_and_collapses_spaces():
    assert clean_text("\x07a\u00a0 b\r\n") == "a b"
    assert clean_text(" x\n\n y ", multiline=True) == "x\n\ny"
    assert clean_text(None) == ""


def test_contact_full_name_is_split_at_its_last_space():
    kwargs, errors = contact_row({"full_name": "Amina Njeri Mwangi", "organisation": "x"})
    assert errors == {}
    assert (kwargs["first_name"], kwargs["last_name"]) == ("Amina Njeri", "Mwangi")
    _, errors = contact_row({"full_name": "", "organisation": "x"})
    assert set(errors) == {"full_name"}


def test_contact_fields_are_converted():
    kwargs, errors = contact_row(
        {
            "first_name": "Amina",
            "last_name": "Mwangi",
            "languages": "EN; fr, sw",
            "is_primary": "Yes",
            "lawful_basis": "Consent",
            "consent_given_at": "2024-03-01",
            "email": "amina@acme.example",
        }
    )
    assert errors == {}
    assert kwargs["languages"] == ["en", "fr", "sw"]
    assert kwargs["is_primary"] is True
    assert kwargs["lawful_basis"] == "consent"
    assert kwargs["consent_given_at"] == datetime(2024, 3, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("values", "column", "message"),
    [
        ({"is_primary": "maybe"}, "is_primary", "Write yes or no, not 'maybe'."),
        ({"lawful_basis": "because"}, "lawful_basis", "Unknown lawful basis 'because'."),
        ({"lawful_basis": "consent"}, "consent_given_at", "Record when the person gave"),
        ({"consent_given_at": "01/02/2024"}, "consent_given_at", "'01/02/2024' is not a date"),
        ({"consent_given_at": "2999-01-01"}, "consent_given_at", "cannot be given in the future"),
        ({"languages": "english"}, "languages", "Use two-letter ISO 639-1 language codes"),
        ({"email": "nope"}, "email", "Enter a valid email address."),
        ({"first_name": ""}, "first_name", "Enter the contact's first name."),
    ],
)
def test_contact_errors_are_on_their_column(values, column, message):
    _, errors = contact_row({"first_name": "Amina", "last_name": "Mwangi", **values})
    assert message in errors[column]
