"""The Executive Board report for a period on hand-built data: what was done per strategy line,
the resources, agreements, indicators and highlights per partner category, and the totals."""

from decimal import Decimal

import pytest

from accord.funding.models import Contribution
from accord.reports.board_report import board_report
from accord.reports.document_permissions import system_reader
from accord.reports.tests.test_board_report_data import YEAR_2025, build_board_world

pytestmark = pytest.mark.django_db


def section(report, code):
    return next(c for c in report.categories if c.code == code)


def line(section_, code):
    return next(item for item in section_.lines if item["code"] == code)


def test_engagements_per_strategy_line_in_the_period():
    build_board_world()
    report = board_report(user=system_reader(), date_from=YEAR_2025[0], date_to=YEAR_2025[1])
    assert [c.number for c in report.categories] == list(range(1, 9))
    assert report.engagement_count == 2  # not the 2024 one nor the cancelled one
    government = section(report, "government")
    assert (government.engagements, government.partners) == (2, 2)  # host, and NGO at one
    assert line(government, "1.1")["engagements"] == 2
    assert line(government, "1.2")["engagements"] == 0
    assert "1.2" in [q["code"] for q in government.quiet_lines]
    assert government.objectives and government.objectives[0]
    civil_society = section(report, "civil_society")
    assert line(civil_society, "6.2")["engagements"] == 1
    assert line(civil_society, "6.2")["partners"] == 2


def test_resources_by_partner_category_for_the_exact_period():
    world = build_board_world()
    report = board_report(user=system_reader(), date_from=YEAR_2025[0], date_to=YEAR_2025[1])
    government = section(report, "government")
    received = sum(c.amount_usd for c in world.contributions)
    assert government.received == received
    assert government.pledged == world.pledge.amount_usd
    un = section(report, "un_entity")
    assert (un.received, un.pledged) == (Decimal("50000.00"), Decimal("250000.00"))
    assert report.received == received + Decimal("50000.00")
    assert report.received == sum(Contribution.objects.values_list("amount_usd", flat=True))
    assert [p.year for p in report.trend] == [2025]
    assert report.trend[0].received == report.received


def test_agreements_signed_in_the_period_under_each_party_category():
    world = build_board_world()
    report = board_report(user=system_reader(), date_from=YEAR_2025[0], date_to=YEAR_2025[1])
    references = {a.reference for a in report.agreements}
    assert references == {
        world.contribution_agreement.reference,
        world.mou.reference,
        world.lac_agreement.reference,
    }
    assert {a.reference for a in section(report, "government").agreements} == {
        world.contribution_agreement.reference
    }
    assert {a.reference for a in section(report, "civil_society").agreements} == {
        world.contribution_agreement.reference,
        world.mou.reference,
    }
    assert {a.reference for a in section(report, "local_authority").agreements} == {
        world.lac_agreement.reference
    }
    assert report.agreement_value == world.contribution_agreement.amount_usd


def test_indicators_and_highlights_of_each_category():
    build_board_world()
    report = board_report(user=system_reader(), date_from=YEAR_2025[0], date_to=YEAR_2025[1])
    government = section(report, "government")
    ours = [i for i in government.indicators if i.code == "T-GOV"]
    assert len(ours) == 1 and (ours[0].target, ours[0].value) == (Decimal("10"), Decimal("4"))
    assert [h.title for h in government.highlights] == [
        "Kenya's housing scheme reaches informal settlements"
    ]
    assert section(report, "foundation").highlights == []
    assert [h.title for h in report.highlights] == [
        "Kenya's housing scheme reaches informal settlements"
    ]
    counts = {code: n for code, _, n in report.indicator_counts}
    assert sum(counts.values()) == len(report.indicators)


def test_a_period_without_anything_is_an_empty_but_whole_report():
    build_board_world()
    report = board_report(
        user=system_reader(),
        date_from=YEAR_2025[0].replace(year=2019),
        date_to=YEAR_2025[1].replace(year=2019),
    )
    assert report.engagement_count == 0 and report.agreements == [] and report.highlights == []
    assert all(c.received == 0 and not c.agreements for c in report.categories)
    assert len(report.categories) == 8
