"""The screening engine on the real list: variants of listed names are found with a score and
an explanation; ordinary names that share a word are not; low-quality aliases and countries
move the score."""

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord.diligence.parsers import PARSERS
from accord.diligence.screening import scoring
from accord.diligence.screening.engine import screen_names
from accord.diligence.screening.index import build_from
from accord.diligence.screening.names import person_words, sound, words_of

DATA = Path(__file__).resolve().parents[1] / "data/un-sc-consolidated-list-2025-11-20.xml"


@pytest.fixture(scope="module")
def parsed():
    return PARSERS["un_sc_xml"](DATA.read_bytes())


@pytest.fixture(scope="module")
def index(parsed):
    rows, number = [], 0
    for entry in parsed.entries:
        for name in entry.names:
            number += 1
            rows.append((number, entry.data_id, entry.kind, name.quality, name.name, (), 1))
    return build_from(rows, {1: 1})


def ids(found):
    return [f.entry_id for f in found]


def data_id(parsed, reference: str) -> str:
    return next(e.data_id for e in parsed.entries if e.reference_number == reference)


@pytest.mark.parametrize(
    ("name", "reference"),
    [
        ("Saddam Hussein al-Tikriti", "IQi.001"),  # case and punctuation
        ("Tikriti Saddam Hussein", "IQi.001"),  # another order
        ("صدام حسين التكريتي", "IQi.001"),  # original script
        ("Saddam Husein al-Tikriti", "IQi.001"),  # a spelling variant
    ],
)
def test_variants_of_a_listed_person_are_found(parsed, index, name, reference):
    found = screen_names(index, [name], kind="individual")
    assert data_id(parsed, reference) in ids(found)
    best = next(f for f in found if f.entry_id == data_id(parsed, reference))
    assert best.reasons[0].startswith(f"“{name}” ~ listed")


def test_an_entity_with_a_legal_form_added_is_found(parsed, index):
    entity = next(e for e in parsed.entries if e.kind == "entity" and len(e.name.split()) >= 3)
    found = screen_names(index, [f"{entity.name.title()} Ltd"], kind="entity")
    assert entity.data_id in ids(found)


def test_an_ordinary_name_sharing_one_word_is_not_a_hit(index):
    assert screen_names(index, ["Saddam Kowalski"], kind="individual") == []
    assert screen_names(index, ["Maria Tikriti Foundation"], kind="entity") == []


def test_people_are_screened_against_individuals_and_organisations_against_entities(index):
    assert screen_names(index, ["Saddam Hussein al-Tikriti"], kind="entity") == []


def test_a_low_quality_alias_weighs_less_and_a_shared_country_more():
    words = person_words("Abu Ali Hassan")
    raw, reasons = scoring.score_names(words, words)
    good = scoring.adjust(raw, reasons, quality="good", countries=set(), entry_countries=())
    low = scoring.adjust(raw, reasons, quality="low", countries=set(), entry_countries=())
    assert low.score < good.score and "low quality" in low.reasons[-1]
    near, _ = scoring.score_names(person_words("Abu Ali Hasan"), words)
    same = scoring.adjust(near, [], quality="", countries={"IQ"}, entry_countries=("IQ",))
    other = scoring.adjust(near, [], quality="", countries={"FR"}, entry_countries=("IQ",))
    assert same.score > other.score and same.reasons == ["same country: IQ"]


def test_transliterations_share_a_sound():
    assert sound("muhammad") == sound("mohamed") == sound("mohammed")
    assert sound("usama") == sound("osama")
    assert sound("yusuf") == sound("yousef")


@given(st.text(max_size=60))
def test_words_never_crash_and_are_stable(text):
    for kind in ("individual", "entity"):
        words = words_of(text, kind)
        assert words == words_of(text, kind)
        score, _ = scoring.score_names(words, words)
        assert score in (0.0, 1.0)
