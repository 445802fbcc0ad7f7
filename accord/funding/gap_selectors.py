"""The funding view: for a year, per flagship programme (or outcome, partner category, region),
the target, what was received, what is pledged and still due, the weighted pipeline, and the
gap. The definitions are fixed (a benchmark mirrors them in raw SQL):

- received: allocations of contributions received in the year;
- pledged outstanding: the unpaid part, in USD, of instalments due in the year of pledges not
  cancelled ((amount - received) x amount_usd / amount, never below zero);
- weighted pipeline: open opportunities expected to be decided in the year, amount_usd x
  probability / 100;
- gap = target - received - pledged outstanding (where there is a target; negative means more
  than the target); gap after pipeline = gap - weighted pipeline.

Every figure comes from one GROUP BY query per measure, so the page costs the same few queries
whatever the number of records. A regional focal point's figures count their region(s) only.
Those queries read every row of the year (about 400 ms at 200,000 records on SQLite), so the
results are cached under a key that changes with any write through the funding services
(`data_marker`): the first visit after a change computes, the next ones read."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Case, DecimalField, F, Func, Q, Sum, Value, When
from django.utils import timezone

from accord.accounts.models import Region
from accord.accounts.roles import region_scope
from accord.core.money import to_cents
from accord.funding.change_markers import last_saved, scope_key
from accord.funding.models import (
    Allocation,
    Contribution,
    FundingTarget,
    Instalment,
    Opportunity,
    Pledge,
    PledgeStatus,
    StageKind,
)
from accord.funding.permissions import funding_scope
from accord.strategy.models import FlagshipProgramme
from accord.strategy.selectors import category_list, current_strategy, outcome_list

BY_CHOICES = {
    "flagship": "Flagship programme",
    "outcome": "Outcome",
    "category": "Partner category",
    "region": "Region",
}
# The grouping column of each measure, per grouping.
RECEIVED_KEY = {
    "flagship": "flagship_id",
    "outcome": "outcome_id",
    "category": "contribution__organisation__category_id",
    "region": "contribution__region_id",
}
OUTSTANDING_KEY = {
    "flagship": "pledge__flagship_id",
    "outcome": "pledge__outcomes",
    "category": "pledge__organisation__category_id",
    "region": "pledge__region_id",
}
PIPELINE_KEY = {
    "flagship": "flagship_id",
    "outcome": "outcomes",
    "category": "organisation__category_id",
    "region": "region_id",
}
ZERO = Decimal("0.00")
WIDE = DecimalField(max_digits=38, decimal_places=12)


class Divisor(Func):
    """A column as a divisor: unchanged on PostgreSQL (exact numeric division); a REAL on
    SQLite, which stores whole amounts as integers and would otherwise divide them as integers
    (2 x 10 / 3 = 6)."""

    template = "%(expressions)s"
    output_field = WIDE

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="CAST(%(expressions)s AS REAL)", **extra)


@dataclass
class GapRow:
    key: int | None  # the programme's (outcome's, category's, region's) id; None: unassigned
    code: str  # what the record lists filter on ("none" for unassigned, "" for the total)
    label: str
    target: Decimal | None = None
    received: Decimal = ZERO
    pledged_outstanding: Decimal = ZERO
    weighted_pipeline: Decimal = ZERO
    is_total: bool = False

    @property
    def gap(self) -> Decimal | None:
        if self.target is None:
            return None
        return self.target - self.received - self.pledged_outstanding

    @property
    def gap_after_pipeline(self) -> Decimal | None:
        gap = self.gap
        return None if gap is None else gap - self.weighted_pipeline


@dataclass
class TrendPoint:
    year: int
    received: Decimal = ZERO
    target: Decimal | None = None


@dataclass
class Chart:
    """Geometry for a server-side SVG chart (plain numbers for the template)."""

    width: int
    height: int
    items: list = field(default_factory=list)
    ticks: list = field(default_factory=list)


def year_span(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def _groups(by: str, user) -> list[GapRow]:
    """One row per programme (outcome, category, region) that exists, in their order."""
    if by == "flagship":
        strategy = current_strategy()
        plan_id = strategy.plan_id if strategy else None
        items = FlagshipProgramme.objects.filter(plan_id=plan_id).order_by("code")
        return [GapRow(f.pk, f.code, f"{f.code}. {f.name}") for f in items]
    if by == "outcome":
        return [GapRow(o.pk, o.code, f"{o.code} {o.name}") for o in outcome_list()]
    if by == "category":
        return [GapRow(c.pk, c.code, c.short_name) for c in category_list()]
    scope = region_scope(user)
    regions = Region.objects.order_by("name")
    if scope is not None:
        regions = regions.filter(pk__in=scope)
    return [GapRow(r.pk, r.code, r.name) for r in regions]


def _sums(qs, key: str, value) -> dict:
    return {row["k"]: row["v"] for row in qs.values(k=F(key)).annotate(v=value).order_by()}


def _received(by: str, year: int, scope: Q) -> dict:
    qs = Allocation.objects.filter(scope, year=year)
    return _sums(qs, RECEIVED_KEY[by], Sum("amount_usd"))


def _outstanding(by: str, year: int, scope: Q) -> dict:
    unpaid = Case(
        When(
            amount__gt=F("received_amount"),
            then=(F("amount") - F("received_amount")) * F("amount_usd") / Divisor("amount"),
        ),
        default=Value(Decimal(0)),
        output_field=WIDE,
    )
    qs = Instalment.objects.filter(scope, due_date__range=year_span(year)).exclude(
        pledge__status=PledgeStatus.CANCELLED
    )
    return _sums(qs, OUTSTANDING_KEY[by], Sum(unpaid, output_field=WIDE))


def _pipeline(by: str, year: int, scope: Q) -> dict:
    """Summed per probability in the database and weighted here, in Decimal: exact on every
    database (no integer or float division in SQL), and still a handful of rows."""
    qs = Opportunity.objects.filter(
        scope, stage__kind=StageKind.OPEN, expected_decision_date__range=year_span(year)
    )
    rows = (
        qs.values(k=F(PIPELINE_KEY[by]), p=F("probability"))
        .annotate(v=Sum("amount_usd"))
        .order_by()
    )
    weighted: dict = {}
    for row in rows:
        value = Decimal(row["v"] or 0) * row["p"] / 100
        weighted[row["k"]] = weighted.get(row["k"], Decimal(0)) + value
    return weighted


def _targets(by: str, year: int) -> dict:
    if by not in ("flagship", "outcome"):
        return {}
    column = f"{by}_id"
    qs = FundingTarget.objects.filter(year=year, **{f"{by}__isnull": False})
    return dict(qs.values_list(column, "amount_usd"))


def _cents(value) -> Decimal:
    return to_cents(Decimal(value)) if value is not None else ZERO


CACHE_SECONDS = 600  # the key changes with every write anyway


def data_marker() -> str:
    """Changes with every create, save or delete through the funding services: the row saved
    last of each table the view reads (one index probe each), and the number of contributions
    and targets (the two that can be deleted without another row being saved)."""
    parts = [last_saved(m) for m in (Opportunity, Pledge, Contribution, FundingTarget)]
    parts += [str(Contribution.objects.count()), str(FundingTarget.objects.count())]
    return ":".join(parts)


def _cached(name: str, user, compute, *args):
    key = f"funding:{name}:{scope_key(user)}:{':'.join(map(str, args))}:{data_marker()}"
    return cache.get_or_set(key, compute, CACHE_SECONDS)


def funding_gap(user, *, year: int | None = None, by: str = "flagship") -> list[GapRow]:
    """The funding view's rows for `year` grouped `by` flagship, outcome, category or region:
    every programme (outcome, category, region) even with nothing, an "Unassigned" row (for
    flagship and outcome), and last the totals row (`is_total`). Empty when `user` may not
    read funding."""
    if by not in BY_CHOICES:
        raise ValueError(f"Unknown grouping {by!r}")
    year = year or timezone.localdate().year
    if funding_scope(user) is None:
        return []
    return _cached("gap", user, lambda: _funding_gap(user, year, by), year, by)


def _funding_gap(user, year: int, by: str) -> list[GapRow]:
    rows = _groups(by, user)
    if by in ("flagship", "outcome"):
        rows.append(GapRow(None, "none", "Unassigned"))
    scope_received = funding_scope(user, "contribution__")
    if scope_received is None:
        return []
    measures = {
        "received": _received(by, year, scope_received),
        "pledged_outstanding": _outstanding(by, year, funding_scope(user, "pledge__")),
        "weighted_pipeline": _pipeline(by, year, funding_scope(user)),
    }
    targets = _targets(by, year)
    by_key = {row.key: row for row in rows}
    for name, sums in measures.items():
        for key, value in sums.items():
            row = by_key.get(key)
            if row is None:  # a programme of another plan, or a region outside the list
                row = by_key[key] = GapRow(key, str(key), f"Other ({key})")
                rows.insert(len(rows) - (1 if rows and rows[-1].key is None else 0), row)
            setattr(row, name, getattr(row, name) + _cents(value))
    for key, amount in targets.items():
        if key in by_key:
            by_key[key].target = _cents(amount)
    rows.append(_total(rows))
    return rows


def _total(rows: list[GapRow]) -> GapRow:
    targets = [r.target for r in rows if r.target is not None]
    total = GapRow(None, "", "Total", is_total=True)
    total.target = sum(targets, ZERO) if targets else None
    total.received = sum((r.received for r in rows), ZERO)
    total.pledged_outstanding = sum((r.pledged_outstanding for r in rows), ZERO)
    total.weighted_pipeline = sum((r.weighted_pipeline for r in rows), ZERO)
    return total


def funding_trend(user, *, year: int, by: str = "flagship", years: int = 6) -> list[TrendPoint]:
    """Received against target, year by year, for the `years` years up to `year` (targets of
    flagship programmes, or of outcomes when grouping by outcome)."""
    subject = "outcome" if by == "outcome" else "flagship"
    return _cached(
        "trend", user, lambda: _funding_trend(user, year, subject, years), year, subject, years
    )


def _funding_trend(user, year: int, subject: str, years: int) -> list[TrendPoint]:
    scope = funding_scope(user, "contribution__")
    first = year - years + 1
    points = {y: TrendPoint(y) for y in range(first, year + 1)}
    if scope is None:
        return list(points.values())
    received = (
        Allocation.objects.filter(scope, year__range=(first, year))
        .values("year")
        .annotate(v=Sum("amount_usd"))
        .order_by()
    )
    for row in received:
        points[row["year"]].received = _cents(row["v"])
    targets = (
        FundingTarget.objects.filter(year__range=(first, year), **{f"{subject}__isnull": False})
        .values("year")
        .annotate(v=Sum("amount_usd"))
        .order_by()
    )
    for row in targets:
        points[row["year"]].target = _cents(row["v"])
    return list(points.values())


# --- charts: plain geometry for server-side SVG (no script, no third-party code) ---

BAR_WIDTH, LABEL_WIDTH, BAR_HEIGHT, BAR_GAP = 720, 220, 18, 12


def _scale(values) -> Decimal:
    top = max((Decimal(v) for v in values if v is not None), default=ZERO)
    return top if top > 0 else Decimal(1)


def _ticks(top: Decimal, span: int, offset: int) -> list[dict]:
    return [{"x": offset + int(span * k / 4), "value": to_cents(top * k / 4)} for k in range(5)]


def bar_chart(rows: list[GapRow]) -> Chart:
    """Per programme, a stacked bar received | pledged outstanding | weighted pipeline, and a
    marker at the target."""
    rows = [r for r in rows if not r.is_total]
    span = BAR_WIDTH - LABEL_WIDTH - 20
    top = _scale(
        [r.received + r.pledged_outstanding + r.weighted_pipeline for r in rows]
        + [r.target for r in rows]
    )

    def width(value: Decimal) -> int:
        return int(span * value / top)

    chart = Chart(BAR_WIDTH, 40 + len(rows) * (BAR_HEIGHT + BAR_GAP))
    for n, row in enumerate(rows):
        y = 10 + n * (BAR_HEIGHT + BAR_GAP)
        parts, x = [], LABEL_WIDTH
        for name in ("received", "pledged_outstanding", "weighted_pipeline"):
            w = width(getattr(row, name))
            parts.append({"name": name, "x": x, "width": w, "value": getattr(row, name)})
            x += w
        chart.items.append(
            {
                "row": row,
                "y": y,
                "text_y": y + BAR_HEIGHT - 4,
                "parts": parts,
                "target_x": LABEL_WIDTH + width(row.target) if row.target is not None else None,
            }
        )
    chart.ticks = _ticks(top, span, LABEL_WIDTH)
    return chart


def trend_chart(points: list[TrendPoint]) -> Chart:
    """Per year, a bar of what was received and a marker at the year's target."""
    height, bottom, step = 200, 170, 90
    top = _scale([p.received for p in points] + [p.target for p in points])
    chart = Chart(60 + step * len(points), height)
    for n, point in enumerate(points):
        h = int((bottom - 10) * point.received / top)
        target_y = None
        if point.target is not None:
            target_y = bottom - int((bottom - 10) * point.target / top)
        chart.items.append(
            {
                "point": point,
                "x": 50 + n * step,
                "y": bottom - h,
                "height": h,
                "target_y": target_y,
                "label_y": bottom + 18,
            }
        )
    chart.ticks = [
        {"y": bottom - int((bottom - 10) * k / 4), "value": to_cents(top * k / 4)} for k in range(5)
    ]
    return chart
