"""The demonstration data set: every category, all marked demo, the strategy's named partners,
idempotent, written through the services (history)."""

from io import StringIO

import pytest
from django.core.management import call_command

from accord.core.models import HistoryEntry
from accord.partners import demo, demo_specs
from accord.partners.models import Contact, Organisation, Relationship
from accord.strategy.models import PartnerCategory

LIMIT = 4  # organisations per source: keeps the test fast, the named partners are always all

STRATEGY_NAMED = {
    "World Bank": "IBRD/IDA",
    "International Finance Corporation": "IFC",
    "International Monetary Fund": "IMF",
    "Islamic Development Bank": "IsDB",
    "African Development Bank": "AfDB",
    "Asian Development Bank": "ADB",
    "European Bank for Reconstruction and Development": "EBRD",
    "Inter-American Development Bank": "IDB",
    "European Investment Bank": "EIB",
    "Microsoft Corporation": "Microsoft",
    "Airbus SE": "Airbus",
}


@pytest.fixture
def loaded(db):
    return demo.load_demo(limit=LIMIT)


def test_load_demo_creates_every_partner_category(loaded):
    codes = set(PartnerCategory.objects.values_list("code", flat=True))
    present = set(Organisation.objects.values_list("category__code", flat=True))
    assert present == codes
    assert Contact.objects.exists()
    assert Relationship.objects.exists()


def test_everything_loaded_is_marked_demo(loaded):
    assert not Organisation.objects.filter(is_demo=False).exists()
    assert not Contact.objects.filter(is_demo=False).exists()
    assert not Relationship.objects.filter(is_demo=False).exists()
    assert set(Contact.objects.values_list("source", flat=True)) == {demo.SOURCE}
    assert all(
        ref.startswith("demo:") for ref in Organisation.objects.values_list("ref", flat=True)
    )


def test_includes_the_banks_and_companies_the_strategy_names(loaded):
    found = dict(
        Organisation.objects.filter(name__in=STRATEGY_NAMED).values_list("name", "acronym")
    )
    assert found == STRATEGY_NAMED
    banks = Organisation.objects.filter(name__in=STRATEGY_NAMED, category__code="development_bank")
    assert banks.count() == 9
    assert not banks.filter(country__isnull=True).exists()
    assert not banks.filter(website="").exists()


def test_ifc_is_a_subsidiary_of_the_world_bank_group(loaded):
    assert Relationship.objects.filter(
        source__acronym="IFC", target__name="World Bank Group", kind="subsidiary_of"
    ).exists()


def test_governments_are_searchable_in_other_languages(loaded):
    first = demo_specs.government_specs()[0]  # Afghanistan, the first Member State in the file
    org = Organisation.objects.get(ref=first.ref)
    names = set(org.names.values_list("name", flat=True))
    assert org.name.startswith("Government of ")
    assert {"Afghanistan", "Афганистан", "阿富汗", "أفغانستان"} <= names


def test_names_in_several_scripts_at_full_scale(db):
    specs = demo_specs.all_specs()
    names = " ".join(s.name for s in specs)
    assert 1500 <= len(specs) <= 2500
    assert len({s.ref for s in specs}) == len(specs)
    for sample in ("بلدية", "города", "人民政府", "é"):
        assert sample in names


def test_history_is_recorded_with_the_demo_batch(loaded):
    orgs = Organisation.objects.count()
    assert HistoryEntry.objects.filter(model="partners.organisation", batch="demo").count() == orgs


def test_contact_and_relationship_history_carries_the_demo_batch(loaded):
    for model, rows in (
        ("partners.contact", Contact.objects.count()),
        ("partners.relationship", Relationship.objects.count()),
    ):
        entries = HistoryEntry.objects.filter(model=model)
        assert entries.filter(action="create", batch="demo").count() == rows, model
        assert not entries.exclude(batch="demo").exists(), model


def test_every_demo_email_is_under_the_reserved_example_domain(loaded):
    emails = [
        *Contact.objects.exclude(email="").values_list("email", flat=True),
        *Organisation.objects.exclude(email="").values_list("email", flat=True),
        *(user.email for user, _ in demo.demo_staff()[0]),
    ]
    assert Contact.objects.filter(email__contains="@worldbank.org.").exists()
    assert emails and all(email.endswith(".example") for email in emails)
    # Websites of the real organisations stay real.
    assert Organisation.objects.get(acronym="IBRD/IDA").website == "https://www.worldbank.org/"


def test_second_run_creates_nothing_new(loaded):
    counts = (Organisation.objects.count(), Contact.objects.count(), Relationship.objects.count())
    history = HistoryEntry.objects.count()
    again = demo.load_demo(limit=LIMIT)
    assert sum(again.created.values()) == 0
    assert sum(again.existing.values()) == sum(loaded.created.values())
    assert counts == (
        Organisation.objects.count(),
        Contact.objects.count(),
        Relationship.objects.count(),
    )
    assert HistoryEntry.objects.count() == history


def test_same_seed_gives_the_same_data_set(db):
    first = [(s.ref, s.name, s.country) for s in demo_specs.all_specs(seed=7, limit=LIMIT)]
    assert first == [(s.ref, s.name, s.country) for s in demo_specs.all_specs(seed=7, limit=LIMIT)]


def test_reset_archives_and_a_new_load_restores(loaded):
    archived = demo.archive_demo()
    assert archived == Organisation.objects.count()
    assert not Organisation.objects.filter(archived_at__isnull=True).exists()
    summary = demo.load_demo(limit=LIMIT)
    assert summary.created["restored"] == archived
    assert not Organisation.objects.filter(archived_at__isnull=False).exists()


def test_command_prints_a_summary(db):
    out = StringIO()
    call_command("load_demo", "--limit", "2", stdout=out)
    text = out.getvalue()
    assert "development_bank" in text and "created" in text
    out = StringIO()
    call_command("load_demo", "--limit", "2", stdout=out)
    assert " 0 created" in out.getvalue()
