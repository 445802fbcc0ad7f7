"""Reads of the implementation plan: actions filtered and ordered with overdue ones first,
grouped by partner category and strategy line for the plan page, one action with its notes and
links, and the status changes the user may make now."""

from dataclasses import dataclass

from django.db.models import Case, F, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from accord.accounts.models import Region
from accord.core.fetch import guarded
from accord.engagement import permissions, plan_states
from accord.engagement.models import OPEN_STATUSES, ActionStatus, PlanAction, ProgressNote
from accord.engagement.selectors import LIST_RELATED, code_id, strategy_line_id
from accord.strategy.models import EngagementStrategy, PartnerCategory
from accord.strategy.selectors import current_strategy

OPEN = "open"


@dataclass
class PlanFilters:
    """`status` a status code or "open" (planned or in progress); `category` and `region` by
    code, `strategy` a line code such as "2.3", `owner` a user id; `overdue` only open actions
    past their due date."""

    q: str = ""
    category: str = ""
    strategy: str = ""
    status: str = ""
    owner: int | None = None
    region: str = ""
    overdue: bool = False


def overdue_q(today=None) -> Q:
    return Q(status__in=OPEN_STATUSES, due_date__lt=today or timezone.localdate())


def action_list(*, user, filters: PlanFilters | None = None) -> QuerySet[PlanAction]:
    """Actions of the plan (every plan reader sees the whole plan), by category in the
    strategy table's order, overdue first, then by due date (undated last). Each row has
    `is_overdue`; prefetch `PAGE_PREFETCH` on a page's rows."""
    if not permissions.can_view_plan(user):
        return PlanAction.objects.none()
    f = filters or PlanFilters()
    today = timezone.localdate()
    qs = PlanAction.objects.select_related("category", "owner", "region").annotate(
        overdue_rank=Case(
            When(overdue_q(today), then=Value(0)), default=Value(1), output_field=IntegerField()
        ),
    )
    if f.category:
        qs = qs.filter(
            category_id=code_id(
                PartnerCategory.objects, strategy=current_strategy(), code=f.category
            )
        )
    if f.strategy:
        qs = qs.filter(strategies=strategy_line_id(f.strategy) or 0)
    if f.status == OPEN:
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif f.status:
        qs = qs.filter(status=f.status)
    if f.owner is not None:
        qs = qs.filter(owner_id=f.owner)
    if f.region:
        qs = qs.filter(region_id=code_id(Region.objects, code=f.region.upper()))
    if f.overdue:
        qs = qs.filter(overdue_q(today))
    for word in (f.q or "").split()[:8]:
        qs = qs.filter(title__icontains=word)
    order = ("category__number", "overdue_rank", F("due_date").asc(nulls_last=True), "id")
    return guarded(qs.order_by(*order))


PAGE_PREFETCH = (
    Prefetch(
        "strategies",
        EngagementStrategy.objects.select_related("category").order_by(
            "category__number", "number"
        ),
    ),
)


def is_overdue(action: PlanAction, today=None) -> bool:
    today = today or timezone.localdate()
    return action.is_open and action.due_date is not None and action.due_date < today


def group_by_category_and_line(actions) -> list[dict]:
    """A page of actions (already in category order) as the plan page shows them:
    [{"category", "lines": [{"line" (None: no line of this category), "actions"}]}]. An action
    serving several lines of its category appears under each."""
    groups: list[dict] = []
    for action in actions:
        if not groups or groups[-1]["category"].pk != action.category_id:
            groups.append({"category": action.category, "lines": {}})
        lines = groups[-1]["lines"]
        own = [s for s in action.strategies.all() if s.category_id == action.category_id]
        for line in own or [None]:
            key = line.number if line else 10_000
            lines.setdefault(key, {"line": line, "actions": []})["actions"].append(action)
    for group in groups:
        group["lines"] = [group["lines"][k] for k in sorted(group["lines"])]
    return groups


def action_detail(*, user, pk) -> PlanAction:
    """The one door plus what the page shows: lines, the linked engagements the user may see
    (`engagements_shown`), progress notes with their authors."""
    engagements = permissions.visible_engagements(user).select_related(*LIST_RELATED)
    qs = PlanAction.objects.select_related("category", "owner", "region", "created_by")
    qs = qs.prefetch_related(
        *PAGE_PREFETCH,
        Prefetch(
            "engagements", engagements.order_by("-start_date", "-id"), to_attr="engagements_shown"
        ),
        Prefetch("notes", ProgressNote.objects.select_related("author").order_by("-at", "-id")),
    )
    return permissions.action_for(user, pk, qs=guarded(qs))


def available_transitions(*, user, action: PlanAction) -> list[dict]:
    """The status changes `user` may make on `action` now, for buttons and the API: each with
    its name, label, target status, the note it asks for, and `blocked` (why it cannot go
    ahead yet, e.g. no owner) or ""."""
    if not permissions.can_edit_action(user, action):
        return []
    return [
        {
            "name": t.name,
            "label": t.label,
            "target": t.target,
            "target_label": ActionStatus(t.target).label,
            "note_label": t.note_label,
            "note_required": t.note_required,
            "blocked": plan_states.blocked_by(t, action),
        }
        for t in plan_states.from_status(action.status)
    ]
