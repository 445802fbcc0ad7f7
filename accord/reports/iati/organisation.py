"""UN-Habitat's IATI organisation file: identifier, name, reporting organisation, and per
calendar year the total budget and total expenditure Accord knows of, in US dollars, from the
funding view's figures (accord/funding/gap_selectors.py):

- total-budget (indicative): the year's funding targets of the flagship programmes, one
  budget-line per programme;
- total-expenditure: the contributions received in the year as allocated to programmes, one
  expense-line per flagship programme (Accord records resources received and the programmes
  they fund, not spending recorded elsewhere; this is the figure it knows).

Years run from the current strategic plan's first year to next year; a year with neither a
target nor a contribution is left out."""

from datetime import date

from django.utils import timezone
from lxml import etree

from accord.funding.gap_selectors import funding_gap, funding_trend
from accord.reports.iati import codelists
from accord.reports.iati.identity import (
    ORGANISATION_TYPE,
    organisation_identifier,
    organisation_name,
)
from accord.reports.iati.records import Value
from accord.reports.iati.xmlout import IATI_VERSION, XML_LANG, narrative, sub, timestamp, value
from accord.strategy.selectors import current_strategy

INDICATIVE = codelists.require("BudgetStatus", "1")
USD = "USD"


def _years(today: date) -> range:
    strategy = current_strategy()
    first = strategy.plan.period_start.year if strategy else today.year
    return range(min(first, today.year), today.year + 2)


def yearly_figures(user, *, today: date | None = None) -> list[dict]:
    """[{year, budget, expenditure, budget_lines, expense_lines}] for the years with figures;
    the lines are (label, ref, amount) per flagship programme with an amount."""
    today = today or timezone.localdate()
    years = _years(today)
    trend = funding_trend(user, year=years[-1], by="flagship", years=len(years))
    figures = []
    for point in trend:
        if not point.target and not point.received:
            continue
        rows = [r for r in funding_gap(user, year=point.year, by="flagship") if not r.is_total]
        figures.append(
            {
                "year": point.year,
                "budget": point.target,
                "expenditure": point.received if point.received else None,
                "budget_lines": [(r.label, r.code, r.target) for r in rows if r.target],
                "expense_lines": [(r.label, r.code, r.received) for r in rows if r.received],
            }
        )
    return figures


def _period(parent, tag: str, year: int, amount, lines, line_tag: str, **attrs) -> None:
    element = sub(parent, tag, **attrs)
    sub(element, "period-start", iso_date=date(year, 1, 1).isoformat())
    sub(element, "period-end", iso_date=date(year, 12, 31).isoformat())
    day = date(year, 1, 1)
    value(element, "value", Value(amount, USD, day))
    for label, code, line_amount in lines:
        line = sub(element, line_tag, ref=f"FP-{code}" if code and code != "none" else None)
        value(line, "value", Value(line_amount, USD, day))
        narrative(line, None, label)


def organisation_element(user, *, now=None, today: date | None = None) -> etree._Element:
    now = now or timezone.now()
    root = etree.Element("iati-organisation")
    root.set("last-updated-datetime", timestamp(now))
    root.set(XML_LANG, "en")
    root.set("default-currency", USD)
    identifier = organisation_identifier()
    sub(root, "organisation-identifier", identifier)
    narrative(root, "name", organisation_name())
    narrative(root, "reporting-org", organisation_name(), ref=identifier, type=ORGANISATION_TYPE)
    figures = yearly_figures(user, today=today)
    for f in figures:
        if f["budget"]:
            _period(
                root,
                "total-budget",
                f["year"],
                f["budget"],
                f["budget_lines"],
                "budget-line",
                status=INDICATIVE,
            )
    for f in figures:
        if f["expenditure"]:
            _period(
                root,
                "total-expenditure",
                f["year"],
                f["expenditure"],
                f["expense_lines"],
                "expense-line",
            )
    return root


def root_attributes(now) -> dict:
    return {"version": IATI_VERSION, "generated-datetime": timestamp(now)}
