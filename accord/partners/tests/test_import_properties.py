"""Properties of the importer, whatever the file holds: it never crashes (a file it cannot read
gets a clear error), and it never writes part of a row — every organisation it creates is
complete, every rejected row left nothing behind."""

import contextlib

import pytest
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from accord.core.models import HistoryEntry
from accord.partners.importing import bulk, reading, rows
from accord.partners.importing.reading import ImportFileError, read_table
from accord.partners.importing.service import import_create, import_run
from accord.partners.models import ImportRow, Organisation, OrganisationName, SearchToken
from accord.partners.search import sort_key, tokens_for
from accord.partners.tests.importing import HEADERS, csv_bytes

TEXT = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=40)
REQUIRED = {
    "name": st.one_of(
        TEXT,
        st.sampled_from(
            ["Acme Habitat", "Банк Развития", "人居署", "x" * 301, "  ", "Acme Habitat Ltd."]
        ),
    ),
    "category": st.one_of(st.sampled_from(["civil_society", "Foundations", "40", "21"]), TEXT),
}
CELLS = {
    "acronym": st.one_of(TEXT, st.just("ACME")),
    "aliases": st.one_of(TEXT, st.just("Acme; ACME Kenya;;acme habitat")),
    "country": st.one_of(TEXT, st.sampled_from(["KE", "FRA", "Brazil", "Atlantis", ""])),
    "website": st.one_of(TEXT, st.sampled_from(["acme.org", "https://a.example/x", "::"])),
    "email": st.one_of(TEXT, st.sampled_from(["info@acme.example", "a..b@x.org"])),
    "iati_identifier": st.one_of(st.just(""), st.sampled_from(["XX-1", "XX-2"])),
    "registration_number": st.one_of(st.just(""), TEXT),
    "outcomes": st.one_of(TEXT, st.sampled_from(["1.2;2.1", "9.9", "1.1, 3.3"])),
    "ref": st.one_of(st.just(""), TEXT),
}
# Rows of plausible values (random names and other names) and rows of anything at all.
PLAUSIBLE = st.fixed_dictionaries(
    {"name": REQUIRED["name"], "category": st.sampled_from(["civil_society", "Foundations"])},
    optional={
        "aliases": TEXT,
        "city": TEXT,
        "acronym": st.text("ABCDÉ", max_size=6),
        "country": st.sampled_from(["KE", "FRA", "Brazil"]),
        "outcomes": st.sampled_from(["1.2;2.1", "3.3"]),
        "iati_identifier": CELLS["iati_identifier"],
        "website": st.sampled_from(["acme.org", "https://a.example/x"]),
    },
)
ROWS = st.lists(
    st.one_of(PLAUSIBLE, st.fixed_dictionaries(REQUIRED, optional=CELLS)), min_size=1, max_size=8
)
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@given(st.binary(max_size=3000))
@settings(max_examples=300, deadline=None)
def test_any_bytes_are_read_or_refused_with_a_clear_message(data):
    try:
        table = read_table(data)
    except ImportFileError as exc:
        assert str(exc).endswith((".", "CSV."))
    else:
        assert table.headers and all(len(cells) == len(table.headers) for _, cells in table.rows)


@given(
    st.lists(st.lists(TEXT, max_size=6), min_size=1, max_size=6),
    st.sampled_from(["utf-8", "utf-16", "cp1252", "utf-8-sig"]),
    st.sampled_from(list(reading.DELIMITERS)),
)
@settings(max_examples=150, deadline=None)
def test_any_text_in_any_encoding_and_delimiter_is_read_or_refused(cells, encoding, delimiter):
    try:
        data = csv_bytes(
            cells[1:], [h or "h" for h in cells[0]] or ["h"], encoding=encoding, delimiter=delimiter
        )
    except UnicodeEncodeError:
        return  # not every text can be written in every encoding
    with contextlib.suppress(ImportFileError):
        read_table(data)


def _check_complete(batch) -> None:
    created = ImportRow.objects.filter(batch=batch, outcome="created")
    orgs = Organisation.objects.filter(pk__in=created.values("organisation_id"))
    assert orgs.count() == created.count() == batch.counts["created"]
    assert Organisation.objects.count() == batch.counts["created"]
    for org in orgs.prefetch_related("names", "search_tokens"):
        aliases = [n.name for n in org.names.all()]
        assert {t.token for t in org.search_tokens.all()} == tokens_for(
            org.name, org.acronym, *aliases
        )
        assert org.name and org.sort_name == sort_key(org.name)
        entries = HistoryEntry.objects.filter(model="partners.organisation", object_id=org.pk)
        actions = [(e.action, e.batch) for e in entries.order_by("id")]
        # Created once; a later row of the same file may have updated it (on match: update).
        assert actions[0] == ("create", batch.history_batch)
        assert set(actions[1:]) <= {("update", batch.history_batch)}
    for row in ImportRow.objects.filter(batch=batch, outcome="invalid"):
        assert row.errors and row.organisation_id is None
    assert not OrganisationName.objects.exclude(organisation__in=orgs).exists()
    assert not SearchToken.objects.exclude(organisation__in=orgs).exists()


@pytest.mark.django_db
@given(ROWS, st.booleans(), st.sampled_from(["skip", "update", "create"]))
@SETTINGS
def test_whatever_the_rows_every_created_organisation_is_complete(cells, matching, on_match):
    with transaction.atomic():
        data = csv_bytes(cells, HEADERS)
        try:
            batch = import_create(
                actor=None,
                file_name="p.csv",
                data=data,
                on_match=on_match,
                match_duplicates=matching,
            )
        except ImportFileError:
            transaction.set_rollback(True)
            return
        batch = import_run(actor=None, batch=batch)
        _check_complete(batch)
        counts = {k: min(batch.counts[k], 3) for k in ("created", "invalid")}
        event(f"created {counts['created']}+, invalid {counts['invalid']}+")
        transaction.set_rollback(True)


WORDS = st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=30)


@given(WORDS, WORDS)
@settings(max_examples=300)
def test_word_by_word_tokens_and_sort_names_are_the_search_modules_own(name, alias):
    name, alias = rows.clean_text(name), rows.clean_text(alias)
    assert bulk.search_tokens(name, alias) == tokens_for(name, alias)
    assert bulk.sort_name(name) == sort_key(name)


@given(st.from_regex(rows._PLAIN["website"], fullmatch=True))
def test_plain_web_addresses_are_ones_django_accepts(value):
    if len(value) <= rows._PLAIN_MAX:
        URLValidator()(value)


@given(st.from_regex(rows._PLAIN["email"], fullmatch=True))
def test_plain_email_addresses_are_ones_django_accepts(value):
    if len(value) <= rows._PLAIN_MAX:
        EmailValidator()(value)
