"""One IATI 2.03 `iati-activity` element from an Activity record, its children in the order
the schema's sequence requires."""

from lxml import etree

from accord.reports.iati import codelists
from accord.reports.iati.identity import ORGANISATION_TYPE, organisation_identifier
from accord.reports.iati.identity import organisation_name as reporting_name
from accord.reports.iati.records import Activity, Indicator, Result, Transaction
from accord.reports.iati.xmlout import (
    XML_LANG,
    amount,
    iso,
    narrative,
    org,
    sub,
    timestamp,
    value,
)

DAC_5_DIGIT = codelists.require("SectorVocabulary", "1")
GENERAL = codelists.require("DescriptionType", "1")


def activity_element(a: Activity) -> etree._Element:
    root = etree.Element("iati-activity")
    if a.last_updated is not None:
        root.set("last-updated-datetime", timestamp(a.last_updated))
    root.set(XML_LANG, "en")
    root.set("default-currency", codelists.require("Currency", a.default_currency))
    sub(root, "iati-identifier", a.identifier)
    narrative(
        root,
        "reporting-org",
        reporting_name(),
        ref=organisation_identifier(),
        type=ORGANISATION_TYPE,
    )
    narrative(root, "title", a.title)
    narrative(root, "description", a.description, type=GENERAL)
    for role, o in a.participants:
        org(root, "participating-org", o, role=codelists.require("OrganisationRole", role))
    sub(root, "activity-status", code=codelists.require("ActivityStatus", a.status))
    for kind, day in a.dates:
        sub(
            root,
            "activity-date",
            type=codelists.require("ActivityDateType", kind),
            iso_date=iso(day),
        )
    _shares(root, "recipient-country", "Country", a.countries)
    _shares(root, "sector", "Sector", a.sectors, vocabulary=DAC_5_DIGIT)
    for b in a.budgets:
        budget = sub(
            root,
            "budget",
            type=codelists.require("BudgetType", b.type),
            status=codelists.require("BudgetStatus", b.status),
        )
        sub(budget, "period-start", iso_date=iso(b.start))
        sub(budget, "period-end", iso_date=iso(b.end))
        value(budget, "value", b.value)
    for t in a.transactions:
        _transaction(root, t)
    for r in a.results:
        _result(root, r)
    return root


def _shares(parent, tag: str, codelist: str, shares, **attrs) -> None:
    """Coded elements with a percentage each (countries, sectors)."""
    for code, share in shares:
        code = codelists.require(codelist, code)
        sub(parent, tag, **attrs, code=code, percentage=amount(share))


def _transaction(parent, t: Transaction) -> None:
    element = sub(parent, "transaction", ref=t.ref or None)
    sub(element, "transaction-type", code=codelists.require("TransactionType", t.type))
    sub(element, "transaction-date", iso_date=iso(t.date))
    value(element, "value", t.value)
    if t.description:
        narrative(element, "description", t.description)
    if t.provider is not None:
        org(element, "provider-org", t.provider)
    if t.receiver is not None:
        org(element, "receiver-org", t.receiver)


def _result(parent, r: Result) -> None:
    element = sub(parent, "result", type=codelists.require("ResultType", r.type))
    narrative(element, "title", r.title)
    if r.description:
        narrative(element, "description", r.description)
    for indicator in r.indicators:
        _indicator(element, indicator)


def _indicator(parent, i: Indicator) -> None:
    element = sub(
        parent,
        "indicator",
        measure=codelists.require("IndicatorMeasure", i.measure),
        ascending="1" if i.ascending else "0",
    )
    narrative(element, "title", i.title)
    if i.description:
        narrative(element, "description", i.description)
    if i.baseline_year is not None:
        sub(
            element,
            "baseline",
            year=str(i.baseline_year),
            value=None if i.baseline_value is None else _number(i.baseline_value),
        )
    for p in i.periods:
        period = sub(element, "period")
        sub(period, "period-start", iso_date=iso(p.start))
        sub(period, "period-end", iso_date=iso(p.end))
        if p.target is not None:
            sub(period, "target", value=_number(p.target))
        if p.actual is not None:
            sub(period, "actual", value=_number(p.actual))


def _number(v) -> str:
    return format(v.normalize(), "f") if hasattr(v, "normalize") else str(v)
