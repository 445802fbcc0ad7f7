"""What an IATI activity holds, as plain data: collected from Accord's apps by activities.py,
written as XML by activity_xml.py (so the mapping and the XML can each be read and tested on
their own). Codes are IATI codes, checked against the codelists when written."""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal


@dataclass(frozen=True)
class Org:
    """An organisation as IATI names it: identifier (may be empty: a partner without an IATI
    identifier), name, OrganisationType code."""

    ref: str
    name: str
    type: str


@dataclass(frozen=True)
class Value:
    amount: Decimal
    currency: str
    value_date: date


@dataclass(frozen=True)
class Transaction:
    type: str  # TransactionType: 13 incoming pledge, 11 incoming commitment, 1 incoming funds
    date: date
    value: Value
    description: str
    provider: Org | None
    receiver: Org | None
    ref: str = ""


@dataclass(frozen=True)
class Budget:
    start: date
    end: date
    value: Value
    type: str = "1"  # BudgetType: original
    status: str = "2"  # BudgetStatus: committed


@dataclass(frozen=True)
class ResultPeriod:
    start: date
    end: date
    target: Decimal | None
    actual: Decimal | None


@dataclass(frozen=True)
class Indicator:
    title: str
    measure: str  # IndicatorMeasure: 1 unit, 2 percentage, 5 qualitative
    ascending: bool
    baseline_year: int | None = None
    baseline_value: Decimal | None = None
    periods: tuple[ResultPeriod, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class Result:
    type: str  # ResultType: 2 outcome
    title: str
    indicators: tuple[Indicator, ...]
    description: str = ""


@dataclass
class Activity:
    identifier: str
    title: str
    description: str
    status: str  # ActivityStatus
    dates: list[tuple[str, date]]  # (ActivityDateType, date)
    participants: list[tuple[str, Org]]  # (OrganisationRole, organisation)
    default_currency: str
    last_updated: datetime | None = None
    countries: list[tuple[str, Decimal]] = field(default_factory=list)
    sectors: list[tuple[str, Decimal]] = field(default_factory=list)  # DAC 5-digit
    budgets: list[Budget] = field(default_factory=list)
    transactions: list[Transaction] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)
