"""Only codes from the official IATI codelists: every coded attribute of both files is checked
against the codelist CSV files (read here directly, not through the code under test), and the
package's copies of the codelists and schemas are the official ones."""

import csv
from pathlib import Path

import pytest
from django.conf import settings
from lxml import etree

from accord.funding.tests.money_factories import TargetFactory, flagship
from accord.reports.document_permissions import system_reader
from accord.reports.iati import files
from accord.reports.tests.test_iati_data import build_world
from accord.strategy.models import PartnerCategory

DATA = Path(__file__).resolve().parents[1] / "iati" / "data"
REFERENCE = Path(settings.BASE_DIR).parent / "shared" / "reference" / "iati"

# (XPath of the coded attribute, codelist)
ACTIVITY_CODES = [
    ("//iati-activities/@version", "Version"),
    ("//iati-activity/@default-currency", "Currency"),
    ("//reporting-org/@type", "OrganisationType"),
    ("//participating-org/@role", "OrganisationRole"),
    ("//participating-org/@type", "OrganisationType"),
    ("//activity-status/@code", "ActivityStatus"),
    ("//activity-date/@type", "ActivityDateType"),
    ("//iati-activity/description/@type", "DescriptionType"),
    ("//recipient-country/@code", "Country"),
    ("//sector/@vocabulary", "SectorVocabulary"),
    ("//sector/@code", "Sector"),
    ("//budget/@type", "BudgetType"),
    ("//budget/@status", "BudgetStatus"),
    ("//value/@currency", "Currency"),
    ("//transaction-type/@code", "TransactionType"),
    ("//provider-org/@type", "OrganisationType"),
    ("//receiver-org/@type", "OrganisationType"),
    ("//result/@type", "ResultType"),
    ("//indicator/@measure", "IndicatorMeasure"),
]
ORGANISATION_CODES = [
    ("//iati-organisations/@version", "Version"),
    ("//iati-organisation/@default-currency", "Currency"),
    ("//reporting-org/@type", "OrganisationType"),
    ("//total-budget/@status", "BudgetStatus"),
    ("//value/@currency", "Currency"),
]


def codelist(name: str) -> set[str]:
    with (DATA / "codelists" / f"{name}.csv").open(encoding="utf-8") as handle:
        return {row["code"] for row in csv.DictReader(handle) if row["status"] == "active"}


def assert_codes(root, table) -> int:
    checked = 0
    for path, name in table:
        values = root.xpath(path)
        unknown = sorted(set(values) - codelist(name))
        assert not unknown, f"{path}: {unknown} not in the {name} codelist"
        checked += len(values)
    return checked


@pytest.mark.django_db
def test_every_code_in_both_files_is_on_its_codelist():
    from accord.results.tests.factories import indicator, target
    from accord.strategy.models import Outcome

    build_world()
    target(indicator("T-TENURE", outcome=Outcome.objects.get(code="1.2")), "2025", "10")
    TargetFactory(year=2025, flagship=flagship("1"))
    reader = system_reader()
    activities = etree.fromstring(b"".join(files.activities_stream(reader)))
    organisation = etree.fromstring(b"".join(files.organisation_stream(reader)))
    assert assert_codes(activities, ACTIVITY_CODES) > 60
    assert assert_codes(organisation, ORGANISATION_CODES) >= 4
    # Every code kind of the table occurs at least once in the test data.
    for path, _ in ACTIVITY_CODES:
        assert activities.xpath(path), f"the test data has no {path}"


@pytest.mark.django_db
def test_every_partner_category_maps_to_organisation_types_of_the_codelist():
    types = codelist("OrganisationType")
    for category in PartnerCategory.objects.all():
        assert category.iati_organisation_types
        assert set(category.iati_organisation_types) <= types, category.code


def test_outcome_sectors_are_dac_purpose_codes():
    with (DATA / "outcome_sectors.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 12
    assert {row["sector"] for row in rows} <= codelist("Sector")


def test_the_reporting_identifier_is_un_habitats_dac_channel_code():
    assert "XM-DAC" in codelist("OrganisationRegistrationAgency")
    with (DATA / "codelists" / "CRSChannelCode.csv").open(encoding="utf-8") as handle:
        channels = {row["code"]: row["name"] for row in csv.DictReader(handle)}
    assert channels["41120"] == "United Nations Human Settlement Programme"


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="shared/reference is not beside the repository")
@pytest.mark.parametrize(
    "name",
    [
        p.name
        for p in sorted((DATA / "codelists").glob("*.csv"))
        if p.name != "OrganisationRegistrationAgency.csv"
    ],
)
def test_codelist_copies_are_the_official_ones(name):
    assert (DATA / "codelists" / name).read_bytes() == (
        REFERENCE / "codelists" / "csv" / name
    ).read_bytes()


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="shared/reference is not beside the repository")
def test_schema_copies_are_the_official_ones():
    names = sorted(p.name for p in (DATA / "schemas-2.03").glob("*.xsd"))
    assert names == sorted(p.name for p in (REFERENCE / "schemas-2.03").glob("*.xsd"))
    for name in names:
        ours = (DATA / "schemas-2.03" / name).read_bytes()
        assert ours == (REFERENCE / "schemas-2.03" / name).read_bytes()
