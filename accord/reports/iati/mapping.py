"""Accord records -> IATI activity records (records.py). The choices, in IATI's words:

- participating organisations: donor parties are Funding (1), host governments Accountable (2),
  implementing parties and co-signatories Implementing (4); UN-Habitat is Accountable (2) and
  Extending (3), and Implementing (4) when no party is; beneficiaries and "other" parties are
  not participants (their country still counts as a recipient country);
- activity status from the agreement's: signed 1 (pipeline), active 2 (implementation),
  expired 3 (finalisation), closed 4 (closed), terminated 5 (cancelled);
- transactions: the pledge behind the agreement is an incoming pledge (13), the agreement's
  value an incoming commitment (11) on its signature date, each contribution received against
  the pledge incoming funds (1) on the day it was received, each in its own currency;
- budgets: a signed agreement's value over its period, cut into twelve-month periods
  (original, committed);
- sectors: the OECD-DAC purpose code of each outcome served (data/outcome_sectors.csv), or
  43030 "Urban development and management"; recipient countries: those of host and
  beneficiary parties and of the opportunity; shares split evenly to add up to 100."""

from datetime import date
from decimal import Decimal

from accord.agreements.models import AgreementStatus, PartyRole
from accord.core.money import split
from accord.funding.models import PledgeStatus, ResourceKind
from accord.reports.iati import codelists
from accord.reports.iati.identity import activity_identifier
from accord.reports.iati.partners import partner_org, reporting_org
from accord.reports.iati.periods import spread
from accord.reports.iati.records import Activity, Budget, Result, Transaction, Value

FUNDING, ACCOUNTABLE, EXTENDING, IMPLEMENTING = "1", "2", "3", "4"
PARTY_ROLES = {
    PartyRole.DONOR: FUNDING,
    PartyRole.HOST: ACCOUNTABLE,
    PartyRole.IMPLEMENTING: IMPLEMENTING,
    PartyRole.CO_SIGNATORY: IMPLEMENTING,
}
COUNTRY_ROLES = (PartyRole.HOST, PartyRole.BENEFICIARY)
STATUS = {
    AgreementStatus.SIGNED: "1",
    AgreementStatus.ACTIVE: "2",
    AgreementStatus.EXPIRED: "3",
    AgreementStatus.CLOSED: "4",
    AgreementStatus.TERMINATED: "5",
}
STARTED = (
    AgreementStatus.ACTIVE,
    AgreementStatus.EXPIRED,
    AgreementStatus.CLOSED,
    AgreementStatus.TERMINATED,
)
ENDED = (AgreementStatus.EXPIRED, AgreementStatus.CLOSED, AgreementStatus.TERMINATED)
INCOMING_FUNDS, INCOMING_COMMITMENT, INCOMING_PLEDGE = "1", "11", "13"
DEFAULT_SECTOR = codelists.require("Sector", "43030")
OUTCOME_RESULT = codelists.require("ResultType", "2")
HUNDRED = Decimal(100)


def _shares(codes: list[str]) -> list[tuple[str, Decimal]]:
    unique = list(dict.fromkeys(codes))
    return list(zip(unique, split(HUNDRED, [Decimal(1)] * len(unique)), strict=True))


def sectors_for(outcome_codes) -> list[tuple[str, Decimal]]:
    mapping = codelists.outcome_sectors()
    found = [mapping[c] for c in sorted(outcome_codes) if c in mapping]
    return _shares(found or [DEFAULT_SECTOR])


def countries_for(codes) -> list[tuple[str, Decimal]]:
    return _shares([c for c in codes if c in codelists.codes("Country")])


def _with_un(participants: list) -> list:
    un = reporting_org()
    participants = [*participants, (ACCOUNTABLE, un), (EXTENDING, un)]
    if not any(role == IMPLEMENTING for role, _ in participants):
        participants.append((IMPLEMENTING, un))
    return sorted(participants, key=lambda item: item[0])


def _kind_label(kind: str, what: str) -> str:
    return f"In-kind {what.lower()}" if kind == ResourceKind.IN_KIND else what


def money_transactions(pledge) -> list[Transaction]:
    """The pledge (unless cancelled) as an incoming pledge and what was received against it as
    incoming funds, each from the partner that gave it to UN-Habitat."""
    if pledge is None:
        return []
    un = reporting_org()
    found = []
    if pledge.status != PledgeStatus.CANCELLED:
        found.append(
            Transaction(
                INCOMING_PLEDGE,
                pledge.value_date,
                Value(pledge.amount, pledge.currency, pledge.value_date),
                f"{_kind_label(pledge.kind, 'Pledge')}: {pledge.title}",
                partner_org(pledge.organisation),
                un,
                ref=f"PLEDGE-{pledge.pk}",
            )
        )
    for c in pledge.contributions.all():
        found.append(
            Transaction(
                INCOMING_FUNDS,
                c.value_date,
                Value(c.amount, c.currency, c.value_date),
                _kind_label(c.kind, "Contribution received")
                + (f" ({c.reference})" if c.reference else ""),
                partner_org(c.organisation),
                un,
                ref=f"CONTRIBUTION-{c.pk}",
            )
        )
    return found


def _dates(a, today: date) -> list[tuple[str, date]]:
    dates = []
    start = a.start_date or a.signed_on
    if start is not None:
        dates.append(("2" if a.status in STARTED and start <= today else "1", start))
    if a.end_date is not None:
        dates.append(("3", a.end_date))
    ended = a.ended_on or (a.end_date if a.status in ENDED else None)
    if ended is not None and ended <= today:
        dates.append(("4", ended))
    return dates or [("1", a.value_date or a.created_at.date())]


def _budgets(a) -> list[Budget]:
    if a.amount is None or not a.currency or not (a.start_date and a.end_date):
        return []
    value_date = a.value_date or a.start_date
    return [
        Budget(first, last, Value(part, a.currency, value_date))
        for first, last, part in spread(a.amount, a.start_date, a.end_date)
    ]


def _commitment(a, parties, pledge) -> list[Transaction]:
    if a.amount is None or not a.currency:
        return []
    day = a.signed_on or a.start_date or a.value_date or a.created_at.date()
    donors = [p.organisation for p in parties if p.role == PartyRole.DONOR]
    provider = donors[0] if donors else (pledge.organisation if pledge else None)
    return [
        Transaction(
            INCOMING_COMMITMENT,
            day,
            Value(a.amount, a.currency, a.value_date or day),
            f"{a.type.name} {a.reference} signed",
            partner_org(provider) if provider is not None else None,
            reporting_org(),
            ref=a.reference,
        )
    ]


def _results(outcomes, indicators: dict) -> list[Result]:
    """An outcome result for each outcome served that the results framework measures."""
    return [
        Result(OUTCOME_RESULT, f"Outcome {o.code}: {o.name}", indicators[o.code])
        for o in sorted(outcomes, key=lambda o: o.code)
        if indicators.get(o.code)
    ]


def agreement_activity(a, *, pledge, results: dict, today: date) -> Activity:
    """An agreement (with `iati_parties`, `outcomes`, `opportunity__countries` loaded)."""
    parties = a.iati_parties
    participants = [
        (PARTY_ROLES[p.role], partner_org(p.organisation)) for p in parties if p.role in PARTY_ROLES
    ]
    countries = [p.organisation.country_id for p in parties if p.role in COUNTRY_ROLES]
    if a.opportunity is not None:
        countries += [c.code for c in a.opportunity.countries.all()]
    outcomes = list(a.outcomes.all())
    transactions = money_transactions(pledge) + _commitment(a, parties, pledge)
    return Activity(
        identifier=activity_identifier(a.reference),
        title=a.title,
        description=a.summary or f"{a.type.name}: {a.title}",
        status=STATUS[a.status],
        dates=_dates(a, today),
        participants=_with_un(participants),
        default_currency=a.currency or "USD",
        last_updated=a.updated_at,
        countries=countries_for([c for c in countries if c]),
        sectors=sectors_for({o.code for o in outcomes}),
        budgets=_budgets(a),
        transactions=sorted(transactions, key=lambda t: (t.date, t.type)),
        results=_results(outcomes, results),
    )


def joint_programme_activity(o, *, pledge, results: dict) -> Activity:
    """A won opportunity with co-funders (with `iati_co_funders`, `outcomes`, `countries`)."""
    funders = [(FUNDING, partner_org(o.organisation))]
    funders += [(FUNDING, partner_org(c)) for c in o.iati_co_funders]
    outcomes = list(o.outcomes.all())
    decided = o.closed_on or o.expected_decision_date or o.value_date
    names = ", ".join(org.name for _, org in funders)
    return Activity(
        identifier=activity_identifier("JP", str(o.pk)),
        title=o.title,
        description=o.description or f"Joint programme funded by {names}.",
        status="2",
        dates=[("1", decided)],
        participants=_with_un(funders),
        default_currency=o.currency or "USD",
        last_updated=o.updated_at,
        countries=countries_for([c.code for c in o.countries.all()]),
        sectors=sectors_for({oc.code for oc in outcomes}),
        transactions=sorted(money_transactions(pledge), key=lambda t: (t.date, t.type)),
        results=_results(outcomes, results),
    )
