"""The Executive Board's periodic progress report on the partnership strategy: for a period,
per partner category its objectives and engagement strategies with what was done on each line,
the resources its partners brought, the agreements signed with them, its indicators against
targets and its highlights; then the resources mobilised, all indicators and the stories of the
period. Figures are those the acting user may see (a regional focal point's report is their
region(s)'). Read in a fixed number of queries: board_report_sources.py says where from."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils import timezone

from accord.accounts.models import Region
from accord.accounts.roles import region_scope
from accord.funding.gap_selectors import trend_chart
from accord.reports import board_report_sources as sources
from accord.strategy.selectors import categories_with_lines, current_strategy

ZERO = Decimal("0.00")
STATUSES = ("on_track", "at_risk", "off_track", "no_data")
HIGHLIGHTS_PER_CATEGORY = 3


@dataclass
class CategorySection:
    number: int
    code: str
    name: str
    short_name: str
    objectives: list[str]
    lines: list[dict]
    engagements: int = 0
    partners: int = 0
    received: Decimal = ZERO
    in_kind: Decimal = ZERO
    pledged: Decimal = ZERO
    agreements: list = field(default_factory=list)
    indicators: list = field(default_factory=list)
    highlights: list = field(default_factory=list)

    @property
    def quiet_lines(self) -> list[dict]:
        """Strategy lines with no engagement in the period: what has gone quiet."""
        return [line for line in self.lines if not line["engagements"]]

    @property
    def active_line_count(self) -> int:
        return len(self.lines) - len(self.quiet_lines)


@dataclass
class BoardReport:
    date_from: date
    date_to: date
    generated_at: object
    strategy: object
    regions: list[str]
    categories: list[CategorySection]
    engagement_count: int
    agreements: list
    trend: list
    indicators: list
    highlights: list
    dissemination: object
    received: Decimal = ZERO
    in_kind: Decimal = ZERO
    pledged: Decimal = ZERO

    @property
    def trend_chart(self):
        """Geometry of the received-against-target bars (server-side SVG, no script)."""
        return trend_chart(self.trend) if self.trend else None

    @property
    def agreement_value(self) -> Decimal:
        return sum((a.amount_usd or ZERO for a in self.agreements), ZERO)

    @property
    def indicator_counts(self) -> list[tuple[str, str, int]]:
        labels = {i.status: i.status_label for i in self.indicators}
        return [
            (
                s,
                labels.get(s, s.replace("_", " ").capitalize()),
                sum(1 for i in self.indicators if i.status == s),
            )
            for s in STATUSES
        ]

    @property
    def general_indicators(self) -> list:
        """Indicators not tied to a partner category (shown once, after the categories)."""
        return [i for i in self.indicators if not i.category]


def _lines(category, card: dict) -> list[dict]:
    figures = {line["number"]: line for line in card.get("lines", [])}
    return [
        {
            "code": f"{category.number}.{line.number}",
            "text": line.text,
            **{
                k: figures.get(line.number, {}).get(k, 0)
                for k in ("engagements", "partners", "open_actions", "overdue_actions")
            },
            "last_activity": figures.get(line.number, {}).get("last_activity"),
        }
        for line in category.strategies.all()
    ]


def _party_categories(agreement) -> set[int]:
    return {p.organisation.category_id for p in agreement.parties_shown}


def board_report(*, user, date_from: date, date_to: date, today: date | None = None) -> BoardReport:
    today = today or timezone.localdate()
    strategy = current_strategy()
    cards, engagement_count = sources.engagements(user, date_from, date_to)
    money = sources.resources(user, date_from, date_to)
    agreements = sources.agreements_signed(user, date_from, date_to)
    indicators = sources.indicators(date_from, date_to, today)
    highlights, dissemination = sources.stories(user, date_from, date_to)
    scope = region_scope(user)
    report = BoardReport(
        date_from=date_from,
        date_to=date_to,
        generated_at=timezone.now(),
        strategy=strategy,
        regions=[]
        if scope is None
        else list(
            Region.objects.filter(pk__in=scope).order_by("name").values_list("name", flat=True)
        ),
        categories=[],
        engagement_count=engagement_count,
        agreements=agreements,
        trend=money["trend"],
        indicators=indicators,
        highlights=highlights[:10],
        dissemination=dissemination,
    )
    for category in categories_with_lines(strategy=strategy) if strategy else []:
        card = cards.get(category.code, {})
        received, in_kind = sources.financial_and_in_kind(money["received"].get(category.pk, {}))
        pledged = sum(money["pledged"].get(category.pk, {}).values(), ZERO)
        section = CategorySection(
            number=category.number,
            code=category.code,
            name=category.name,
            short_name=category.short_name,
            objectives=[o.text for o in category.objectives.all()],
            lines=_lines(category, card),
            engagements=card.get("engagements", 0),
            partners=card.get("partners", 0),
            received=received,
            in_kind=in_kind,
            pledged=pledged,
            agreements=[a for a in agreements if category.pk in _party_categories(a)],
            indicators=[i for i in indicators if i.category == category.code],
            highlights=[
                h for h in highlights if any(p.category == category.code for p in h.partners)
            ][:HIGHLIGHTS_PER_CATEGORY],
        )
        report.categories.append(section)
        report.received += received
        report.in_kind += in_kind
        report.pledged += pledged
    return report
