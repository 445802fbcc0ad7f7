"""The strategy scorecard: for each partner category and each of its strategy lines, how many
engagements and partners in a period, the last activity, and the open and overdue plan actions
(pipeline and mobilised amounts join once the funding app exists: `FUNDING_FIGURES`).

The figures come from a handful of aggregate queries over the link tables (never one query per
cell), counting only the engagements the user may see. At the design scale (2,000,000
engagements) those aggregates take longer than a page may, so the result is kept per scope
(all regions, or one set of regions), period and day in `ScorecardSnapshot`, a database table
every server shares: the engagement and plan services delete the snapshots after a change
commits (`invalidate`), and the next request recomputes them. The figures shown are therefore
never stale, and a quiet scorecard costs one indexed read."""

from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone

from accord.accounts.roles import can, region_scope
from accord.engagement import permissions
from accord.engagement.models import (
    OPEN_STATUSES,
    EngagementStatus,
    EngagementStrategyLine,
    PlanAction,
    ScorecardSnapshot,
)
from accord.strategy.models import EngagementStrategy
from accord.strategy.selectors import current_strategy

PAYLOAD_VERSION = 1
DEFAULT_DAYS = 365
ACTIVE = (EngagementStatus.HELD, EngagementStatus.PLANNED)
# Where the funding app will plug in its figures per strategy line ({line_id: {"pipeline":
# Decimal, "mobilised": Decimal}}); until then the scorecard shows no amounts, not zeros.
FUNDING_FIGURES = None


def default_period(today: date | None = None) -> tuple[date, date]:
    """The last twelve months, today included."""
    today = today or timezone.localdate()
    return today - timedelta(days=DEFAULT_DAYS - 1), today


def _scope_key(user) -> str | None:
    if not can(user, "engagement.view"):
        return None
    scope = region_scope(user)
    return "all" if scope is None else "r" + ",".join(str(r) for r in sorted(scope))


def _line_figures(scope: Q, date_from: date, date_to: date) -> tuple[dict, dict]:
    """Engagements and distinct partners per strategy line and per category in the period."""
    links = EngagementStrategyLine.objects.filter(
        scope, start_date__gte=date_from, start_date__lte=date_to, status__in=ACTIVE
    )
    figures = {
        "engagements": Count("engagement_id", distinct=True),
        "partners": Count("engagement__partner_links__organisation_id", distinct=True),
    }
    per_line = {
        row["strategy_id"]: row
        for row in links.values("strategy_id").annotate(**figures).order_by()
    }
    per_category = {
        row["strategy__category_id"]: row
        for row in links.values("strategy__category_id").annotate(**figures).order_by()
    }
    return per_line, per_category


def _action_figures(today: date) -> tuple[dict, dict]:
    """Open and overdue plan actions per strategy line and per category (the plan is read by
    every scorecard reader, so it is not scoped)."""
    overdue = Q(due_date__lt=today)
    through = PlanAction.strategies.through.objects.filter(planaction__status__in=OPEN_STATUSES)
    per_line = {
        row["engagementstrategy_id"]: row
        for row in through.values("engagementstrategy_id")
        .annotate(open=Count("id"), overdue=Count("id", filter=Q(planaction__due_date__lt=today)))
        .order_by()
    }
    per_category = {
        row["category_id"]: row
        for row in PlanAction.objects.filter(status__in=OPEN_STATUSES)
        .values("category_id")
        .annotate(open=Count("id"), overdue=Count("id", filter=overdue))
        .order_by()
    }
    return per_line, per_category


def compute(*, user, date_from: date, date_to: date, today: date) -> dict:
    """The scorecard's figures (JSON-ready: dates as ISO strings), straight from the tables."""
    scope = permissions.engagement_scope(user, "engagement__")
    if scope is None:
        return {"categories": []}
    last = (
        EngagementStrategyLine.objects.filter(
            scope, strategy_id=OuterRef("pk"), status=EngagementStatus.HELD, start_date__lte=today
        )
        .order_by("-start_date")
        .values("start_date")[:1]
    )
    lines = list(
        EngagementStrategy.objects.filter(category__strategy=current_strategy())
        .select_related("category")
        .annotate(last_activity=Subquery(last))
        .order_by("category__number", "number")
    )
    line_counts, category_counts = _line_figures(scope, date_from, date_to)
    line_actions, category_actions = _action_figures(today)
    categories: list[dict] = []
    for line in lines:
        category = line.category
        if not categories or categories[-1]["id"] != category.pk:
            counts = category_counts.get(category.pk, {})
            actions = category_actions.get(category.pk, {})
            categories.append(
                {
                    "id": category.pk,
                    "code": category.code,
                    "number": category.number,
                    "short_name": category.short_name,
                    "engagements": counts.get("engagements", 0),
                    "partners": counts.get("partners", 0),
                    "open_actions": actions.get("open", 0),
                    "overdue_actions": actions.get("overdue", 0),
                    "lines": [],
                }
            )
        counts = line_counts.get(line.pk, {})
        actions = line_actions.get(line.pk, {})
        categories[-1]["lines"].append(
            {
                "id": line.pk,
                "code": f"{category.number}.{line.number}",
                "number": line.number,
                "text": line.text,
                "engagements": counts.get("engagements", 0),
                "partners": counts.get("partners", 0),
                "last_activity": line.last_activity.isoformat() if line.last_activity else None,
                "open_actions": actions.get("open", 0),
                "overdue_actions": actions.get("overdue", 0),
            }
        )
    return {"categories": categories}


def scorecard(
    *, user, date_from: date | None = None, date_to: date | None = None, today: date | None = None
) -> dict:
    """The scorecard for `user` over `date_from`..`date_to` (default: the last twelve months):
    {"date_from", "date_to", "categories": [{code, number, short_name, engagements, partners,
    open_actions, overdue_actions, lines: [{id, code, number, text, engagements, partners,
    last_activity, open_actions, overdue_actions}]}], "funding": None, "computed_at"}. Read
    from the shared snapshot when one exists for this scope, period and day."""
    today = today or timezone.localdate()
    start, end = default_period(today)
    date_from, date_to = date_from or start, date_to or end
    scope_key = _scope_key(user)
    head = {"date_from": date_from, "date_to": date_to, "funding": FUNDING_FIGURES}
    if scope_key is None:
        return {**head, "categories": [], "computed_at": timezone.now()}
    key = f"v{PAYLOAD_VERSION}|{scope_key}|{date_from}|{date_to}|{today}"
    snapshot = ScorecardSnapshot.objects.filter(key=key).first()
    if snapshot is None:
        payload = compute(user=user, date_from=date_from, date_to=date_to, today=today)
        snapshot = _store(key, payload)
    return {**head, **snapshot.payload, "computed_at": snapshot.computed_at}


def _store(key: str, payload: dict) -> ScorecardSnapshot:
    """Keep a computed scorecard; another request that stored the same one first wins."""
    try:
        with transaction.atomic():
            return ScorecardSnapshot.objects.create(key=key, payload=payload)
    except IntegrityError:
        return ScorecardSnapshot.objects.get(key=key)


def invalidate() -> None:
    """Forget every computed scorecard once the current transaction commits (the engagement and
    plan services call this after each change)."""
    transaction.on_commit(lambda: ScorecardSnapshot.objects.all().delete())


# --- how the page shows a cell ---


def heat_level(value: int, highest: int) -> int:
    """0 for nothing, then 1-4 by the share of the busiest strategy line."""
    if value <= 0:
        return 0
    if highest <= 0:
        return 1
    return min(4, 1 + (4 * value - 1) // highest)


def with_heat(card: dict) -> dict:
    """The scorecard with each line's `heat` (0-4) and every line's column position, and
    `columns` (the most lines any category has) for the heat map."""
    lines = [line for category in card["categories"] for line in category["lines"]]
    highest = max((line["engagements"] for line in lines), default=0)
    for line in lines:
        line["heat"] = heat_level(line["engagements"], highest)
        line["last_activity"] = (
            date.fromisoformat(line["last_activity"]) if line["last_activity"] else None
        )
    width = max((len(c["lines"]) for c in card["categories"]), default=0)
    for category in card["categories"]:
        category["padding"] = range(width - len(category["lines"]))
    return {**card, "columns": range(1, width + 1), "highest": highest}
