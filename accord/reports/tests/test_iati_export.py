"""The IATI files on hand-built data (test_iati_data.py): every export validates against the
official 2.03 schemas, the transactions, budgets and participants are those of the records, and
the reading runs a bounded number of queries."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import etree

from accord.agreements.tests.factories import AgreementFactory, agreement_type
from accord.funding.models import Contribution
from accord.funding.tests.money_factories import TargetFactory, flagship
from accord.reports.document_permissions import system_reader
from accord.reports.iati import files, schema
from accord.reports.iati.periods import spread, yearly_periods
from accord.reports.tests.test_iati_data import _signed, build_world

pytestmark = pytest.mark.django_db
UN = "XM-DAC-41120"


def activity_file(user=None) -> etree._Element:
    data = b"".join(files.activities_stream(user or system_reader()))
    assert schema.validation_errors("activities", data) == []
    return etree.fromstring(data)


def organisation_file(user=None) -> etree._Element:
    data = b"".join(files.organisation_stream(user or system_reader()))
    assert schema.validation_errors("organisation", data) == []
    return etree.fromstring(data)


def by_identifier(root) -> dict:
    return {a.findtext("iati-identifier"): a for a in root.iter("iati-activity")}


def transactions(activity) -> list[tuple]:
    return [
        (
            t.find("transaction-type").get("code"),
            t.find("transaction-date").get("iso-date"),
            t.findtext("value"),
            t.find("value").get("currency"),
            t.find("value").get("value-date"),
            t.find("provider-org").get("ref"),
        )
        for t in activity.iter("transaction")
    ]


def test_activity_file_has_signed_agreements_and_joint_programmes_only():
    world = build_world()
    activities = by_identifier(activity_file())
    expected = {
        f"{UN}-{world.contribution_agreement.reference}",
        f"{UN}-{world.mou.reference}",
        f"{UN}-{world.lac_agreement.reference}",
        f"{UN}-JP-{world.joint_programme.pk}",
    }
    assert set(activities) == expected  # the draft is not published


def test_transactions_are_the_pledge_the_agreement_and_each_contribution_in_its_currency():
    world = build_world()
    activity = by_identifier(activity_file())[f"{UN}-{world.contribution_agreement.reference}"]
    assert transactions(activity) == [
        ("13", "2025-03-15", "900000.00", "EUR", "2025-03-15", "XM-DAC-5-7"),
        ("11", "2025-03-20", "900000.00", "EUR", "2025-03-15", "XM-DAC-5-7"),
        ("1", "2025-06-10", "300000.00", "EUR", "2025-06-10", "XM-DAC-5-7"),
        ("1", "2025-09-01", "200000.00", "GBP", "2025-09-01", "XM-DAC-5-7"),
    ]
    receivers = {t.find("receiver-org").get("ref") for t in activity.iter("transaction")}
    assert receivers == {UN}
    assert activity.get("default-currency") == "EUR"
    assert activity.find("activity-status").get("code") == "2"  # active: implementation


def test_participants_have_iati_roles_and_types_and_no_ref_without_an_identifier():
    world = build_world()
    activity = by_identifier(activity_file())[f"{UN}-{world.contribution_agreement.reference}"]
    participants = [
        (p.get("role"), p.get("type"), p.get("ref"), p.findtext("narrative"))
        for p in activity.iter("participating-org")
    ]
    assert ("1", "10", "XM-DAC-5-7", world.donor.name) in participants
    assert ("2", "10", None, world.host.name) in participants  # host government, no identifier
    assert ("4", "22", None, world.ngo.name) in participants  # sub-type "National NGO"
    un_roles = {role for role, _, ref, _ in participants if ref == UN}
    assert un_roles == {"2", "3"}  # an implementing party is there, so UN-Habitat is not one


def test_budget_spreads_the_value_over_twelve_month_periods_adding_up_exactly():
    world = build_world()
    activity = by_identifier(activity_file())[f"{UN}-{world.contribution_agreement.reference}"]
    budgets = [
        (
            b.find("period-start").get("iso-date"),
            b.find("period-end").get("iso-date"),
            Decimal(b.findtext("value")),
        )
        for b in activity.iter("budget")
    ]
    assert budgets == [
        ("2025-04-01", "2026-03-31", Decimal("450000.00")),
        ("2026-04-01", "2027-03-31", Decimal("450000.00")),
    ]
    sectors = {(s.get("code"), s.get("percentage")) for s in activity.iter("sector")}
    assert sectors == {("16030", "50.00"), ("43060", "50.00")}  # outcomes 1.2 and 3.3
    countries = [(c.get("code"), c.get("percentage")) for c in activity.iter("recipient-country")]
    assert countries == [("KE", "100.00")]


def test_an_agreement_without_value_or_money_has_no_budget_nor_transaction():
    world = build_world()
    activity = by_identifier(activity_file())[f"{UN}-{world.mou.reference}"]
    assert activity.find("budget") is None
    assert activity.find("transaction") is None
    roles = sorted(p.get("role") for p in activity.iter("participating-org"))
    assert roles == ["2", "3", "4"]
    assert activity.find("sector").get("code") == "43030"


def test_joint_programme_lists_the_partner_and_co_funders_as_funders():
    world = build_world()
    activity = by_identifier(activity_file())[f"{UN}-JP-{world.joint_programme.pk}"]
    funders = {
        p.findtext("narrative") for p in activity.iter("participating-org") if p.get("role") == "1"
    }
    assert funders == {world.lead.name, world.cofunder.name}
    cofunder_type = [
        p.get("type")
        for p in activity.iter("participating-org")
        if p.findtext("narrative") == world.cofunder.name
    ]
    assert cofunder_type == ["40"]
    assert [t[:4] for t in transactions(activity)] == [
        ("13", "2025-05-02", "250000.00", "USD"),
        ("1", "2025-07-01", "50000.00", "USD"),
    ]
    assert activity.find("recipient-country").get("code") == "KE"
    assert activity.find("sector").get("code") == "15190"  # outcome 4.2


def test_joint_programme_carried_by_a_signed_agreement_is_reported_once_as_that_agreement():
    world = build_world()
    jp = _signed(
        AgreementFactory(
            title="Joint programme document on urban migration",
            type=agreement_type("joint_programme"),
            parties=[
                {"organisation": world.lead, "role": "donor"},
                {"organisation": world.cofunder, "role": "donor"},
            ],
            amount=Decimal("250000.00"),
            currency="USD",
            value_date=date(2025, 5, 2),
            opportunity=world.joint_programme,
            start_date=date(2025, 6, 1),
            end_date=date(2026, 5, 31),
        ),
        on=date(2025, 5, 20),
    )
    activities = by_identifier(activity_file())
    assert f"{UN}-JP-{world.joint_programme.pk}" not in activities
    activity = activities[f"{UN}-{jp.reference}"]
    # The opportunity's pledge and contribution now belong to the agreement's activity.
    assert [t[0] for t in transactions(activity)] == ["13", "11", "1"]
    assert sum(1 for p in activity.iter("participating-org") if p.get("role") == "1") == 2


def test_organisation_file_reports_targets_as_budget_and_contributions_as_expenditure():
    world = build_world()
    TargetFactory(year=2025, flagship=flagship("1"), amount_usd=Decimal("1000000.00"))
    TargetFactory(year=2026, flagship=flagship("2"), amount_usd=Decimal("500000.00"))
    root = organisation_file()
    organisation = root.find("iati-organisation")
    assert organisation.findtext("organisation-identifier") == UN
    budgets = {
        b.find("period-start").get("iso-date"): (
            b.findtext("value"),
            b.get("status"),
            [line.get("ref") for line in b.iter("budget-line")],
        )
        for b in organisation.iter("total-budget")
    }
    assert budgets == {
        "2025-01-01": ("1000000.00", "1", ["FP-1"]),
        "2026-01-01": ("500000.00", "1", ["FP-2"]),
    }
    received = sum(c.amount_usd for c in Contribution.objects.filter(value_date__year=2025))
    assert len(world.contributions) == 2 and received > 0
    expenditure = [
        (e.find("period-start").get("iso-date"), Decimal(e.findtext("value")))
        for e in organisation.iter("total-expenditure")
    ]
    assert expenditure == [("2025-01-01", received)]


def test_organisation_file_without_any_figure_is_still_valid():
    root = organisation_file()
    assert root.find("iati-organisation/total-budget") is None


def test_the_activity_file_streams_one_activity_at_a_time():
    build_world()
    chunks = list(files.activities_stream(system_reader()))
    assert len(chunks) >= 4  # one per activity, then the closing tag


def _queries(user) -> int:
    with CaptureQueriesContext(connection) as context:
        b"".join(files.activities_stream(user))
    return len(context)


def test_reading_activities_runs_the_same_few_queries_whatever_their_number():
    world = build_world()
    reader = system_reader()
    b"".join(files.activities_stream(reader))  # the results framework makes its year once
    few = _queries(reader)
    for n in range(6):
        _signed(
            AgreementFactory(
                title=f"Memorandum {n}", parties=[world.ngo], start_date=date(2025, 6, 1)
            )
        )
    assert _queries(reader) == few <= 18
    assert len(activity_file()) == 10


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2025, 1, 1), date(2025, 12, 31), [(date(2025, 1, 1), date(2025, 12, 31))]),
        (
            date(2024, 2, 29),
            date(2025, 3, 1),
            [(date(2024, 2, 29), date(2025, 2, 27)), (date(2025, 2, 28), date(2025, 3, 1))],
        ),
        (date(2025, 3, 1), date(2025, 2, 1), []),
    ],
)
def test_yearly_periods_cover_the_span_without_gaps(start, end, expected):
    assert yearly_periods(start, end) == expected


def test_spread_adds_up_to_the_total_to_the_cent():
    parts = spread(Decimal("1000.00"), date(2025, 1, 1), date(2027, 6, 30))
    assert sum(p for _, _, p in parts) == Decimal("1000.00")
    assert [p for _, _, p in parts] == [Decimal("400.66"), Decimal("400.66"), Decimal("198.68")]


def test_results_are_the_framework_indicators_of_the_outcomes_served():
    from accord.results.tests.factories import indicator, measurement, target
    from accord.strategy.models import Outcome

    world = build_world()
    housing = indicator(
        "T-HOUSING", name="Households with secure tenure", outcome=Outcome.objects.get(code="1.2")
    )
    target(housing, "2025", "1000")
    measurement(housing, "2025", 640)
    activities = by_identifier(activity_file())
    activity = activities[f"{UN}-{world.contribution_agreement.reference}"]
    results = [r for r in activity.iter("result") if "1.2" in r.findtext("title/narrative")]
    assert len(results) == 1 and results[0].get("type") == "2"
    titles = [i.findtext("title/narrative") for i in results[0].iter("indicator")]
    assert "T-HOUSING Households with secure tenure" in titles
    ours = next(
        i
        for i in results[0].iter("indicator")
        if i.findtext("title/narrative").startswith("T-HOUSING")
    )
    assert ours.get("measure") == "1" and ours.get("ascending") == "1"
    periods = [
        (
            p.find("period-start").get("iso-date"),
            p.find("target").get("value"),
            p.find("actual").get("value"),
        )
        for p in ours.iter("period")
    ]
    assert periods == [("2025-01-01", "1000", "640")]
    mou = activities[f"{UN}-{world.mou.reference}"]
    assert mou.find("result") is None  # it serves no outcome
