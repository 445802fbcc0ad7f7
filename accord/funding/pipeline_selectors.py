"""Reads of the pipeline, scoped to the acting user: the list with filters and sorts, the board
(columns by open stage plus one per closed kind, with totals), one opportunity with its stage
history, a partner's opportunities, and the moves a user may make now."""

from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.core.cache import cache
from django.db.models import (
    BooleanField,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from accord.core.fetch import guarded
from accord.core.history import history_for, model_key
from accord.core.models import HistoryEntry
from accord.funding import permissions, pipeline_states
from accord.funding.change_markers import last_saved, scope_key
from accord.funding.models import Opportunity, Stage, StageKind

USD = DecimalField(max_digits=20, decimal_places=2)
POINTS = DecimalField(max_digits=24, decimal_places=2)  # USD × percent, before dividing by 100
CENT = Decimal("0.01")
LIST_RELATED = ("organisation", "stage", "owner", "flagship", "region")
SORTS = {
    "updated": ("-updated_at", "-id"),
    "decision": (F("expected_decision_date").asc(nulls_last=True), "id"),
    "-decision": (F("expected_decision_date").desc(nulls_last=True), "-id"),
    "amount": ("amount_usd", "id"),
    "-amount": ("-amount_usd", "-id"),
    "probability": ("probability", "id"),
    "-probability": ("-probability", "-id"),
    "title": ("title", "id"),
    "stage": ("stage__order", "id"),
}
CLOSED_KINDS = (StageKind.WON, StageKind.LOST, StageKind.WITHDRAWN)


@dataclass
class OpportunityFilters:
    """`flagship`, `region`, `category` and `stage` by code; `owner` and `partner` ids;
    `status` "open", "closed" or a closed kind (won, lost, withdrawn); `year` of the expected
    decision date; `sort` a key of SORTS."""

    q: str = ""
    owner: int | None = None
    flagship: str = ""
    region: str = ""
    category: str = ""
    kind: str = ""
    stage: str = ""
    status: str = ""
    partner: int | None = None
    year: int | None = None
    sort: str = "updated"


def weighted_usd():
    return ExpressionWrapper(F("amount_usd") * F("probability") / Value(100), output_field=USD)


def _filtered(qs: QuerySet, f: OpportunityFilters) -> QuerySet:
    if f.owner is not None:
        qs = qs.filter(owner_id=f.owner)
    if f.flagship:
        qs = qs.filter(flagship__code=f.flagship)
    if f.region:
        qs = qs.filter(region__code=f.region.upper())
    if f.category:
        qs = qs.filter(organisation__category__code=f.category)
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.stage:
        qs = qs.filter(stage__code=f.stage)
    if f.status == "open":
        qs = qs.filter(stage__kind=StageKind.OPEN)
    elif f.status == "closed":
        qs = qs.exclude(stage__kind=StageKind.OPEN)
    elif f.status:
        qs = qs.filter(stage__kind=f.status)
    if f.partner is not None:
        qs = qs.filter(Q(organisation_id=f.partner) | Q(co_funders=f.partner)).distinct()
    if f.year:
        qs = qs.filter(expected_decision_date__year=f.year)
    for word in (f.q or "").split()[:8]:
        qs = qs.filter(Q(title__icontains=word) | Q(organisation__name__icontains=word))
    return qs


def opportunity_list(*, user, filters: OpportunityFilters | None = None) -> QuerySet:
    """The opportunities `user` may see, filtered and sorted (default: recently changed)."""
    f = filters or OpportunityFilters()
    qs = permissions.visible(user, Opportunity.objects.select_related(*LIST_RELATED))
    qs = _filtered(qs, f).annotate(weighted_usd=weighted_usd())
    return guarded(qs.order_by(*SORTS.get(f.sort, SORTS["updated"])))


def active_stages() -> list[Stage]:
    return list(Stage.objects.filter(is_active=True).order_by("order", "id"))


def priced_from(stages: list[Stage]) -> Stage | None:
    return next((s for s in stages if s.code == pipeline_states.PRICED_FROM), None)


# --- the board ---


@dataclass
class Column:
    key: str  # a stage code, or a closed kind
    name: str
    stages: list[Stage]
    is_open: bool
    cards: list = field(default_factory=list)
    count: int = 0
    total_usd: Decimal = Decimal("0.00")
    weighted_usd: Decimal = Decimal("0.00")

    @property
    def more(self) -> int:
        return self.count - len(self.cards)


def board_columns(stages: list[Stage]) -> list[Column]:
    columns = [Column(s.code, s.name, [s], True) for s in stages if s.is_open]
    for kind in CLOSED_KINDS:
        of_kind = [s for s in stages if s.kind == kind]
        if of_kind:
            columns.append(Column(kind, StageKind(kind).label, of_kind, False))
    return columns


# What a card shows (and what its move buttons' guards read): the rest of the row stays unread.
CARD_FIELDS = (
    "title", "kind", "currency", "amount", "amount_usd", "rate_source", "probability",
    "expected_decision_date", "closed_on", "version", "stage_id", "region_id",
    "organisation__name", "organisation__acronym",
)  # fmt: skip
# Each order is read straight off an index of migration 0004 (IS NULL first: the same "dates
# first, then the undated" on SQLite and PostgreSQL, which place NULLs differently).
OPEN_ORDER = (
    ExpressionWrapper(Q(expected_decision_date=None), output_field=BooleanField()).asc(),
    F("expected_decision_date").asc(),
    F("id").asc(),
)
CLOSED_ORDER = (
    ExpressionWrapper(Q(closed_on=None), output_field=BooleanField()).asc(),
    F("closed_on").desc(),
    F("id").desc(),
)
TOTALS_TTL = 60  # seconds; the key changes with every write anyway (see _stage_totals)


def _stage_totals(user, base: QuerySet, f: OpportunityFilters) -> dict[int, tuple]:
    """{stage id: (count, USD total, USD × probability total)} over `base`. The unfiltered board
    is what most visits ask for and its GROUP BY reads every row (about 100 ms at 200,000 on
    PostgreSQL), so it is cached under a key that changes with any create or save through the
    services: the updated_at and id of the row saved last."""
    rows = (
        base.order_by()
        .values("stage_id")
        .annotate(
            n=Count("id"),
            usd=Sum("amount_usd"),
            points=Sum(F("amount_usd") * F("probability"), output_field=POINTS),
        )
        .values_list("stage_id", "n", "usd", "points")
    )
    if replace(f, sort=OpportunityFilters.sort) != OpportunityFilters():
        return {stage: rest for stage, *rest in rows}
    key = f"funding:board-totals:{scope_key(user)}:{last_saved(Opportunity)}"
    return cache.get_or_set(key, lambda: {stage: rest for stage, *rest in rows}, TOTALS_TTL)


def _cards(base: QuerySet, column: Column, per_column: int) -> list[Opportunity]:
    stage_ids = [s.pk for s in column.stages]
    qs = (
        base.filter(stage_id=stage_ids[0])
        if len(stage_ids) == 1
        else base.filter(stage_id__in=stage_ids)
    )
    order = OPEN_ORDER if column.is_open else CLOSED_ORDER
    return list(
        guarded(qs.select_related("organisation").only(*CARD_FIELDS).order_by(*order)[:per_column])
    )


def board(*, user, filters: OpportunityFilters | None = None, per_column: int = 20) -> dict:
    """The pipeline board: a column per active open stage and one per closed kind, each with
    its count, USD total and weighted USD total (amount × probability) over every matching
    opportunity, and its first `per_column` cards (soonest decision first; closed: latest
    closed first). One GROUP BY for the totals and one small indexed query per column, whatever
    the number of opportunities."""
    f = filters or OpportunityFilters()
    stages = active_stages()
    columns = board_columns(stages)
    by_stage = {s.pk: (s, c) for c in columns for s in c.stages}
    base = _filtered(permissions.visible(user, Opportunity.objects.all()), f)
    for stage_id, (n, usd, points) in _stage_totals(user, base, f).items():
        if stage_id in by_stage:
            column = by_stage[stage_id][1]
            column.count += n
            column.total_usd += Decimal(usd or 0)
            column.weighted_usd += Decimal(points or 0) / 100
    for column in columns:
        column.total_usd = column.total_usd.quantize(CENT)
        column.weighted_usd = column.weighted_usd.quantize(CENT)
        column.cards = _cards(base, column, per_column)
        for card in column.cards:  # the stage is already in memory: no join, no lazy load
            card.stage = by_stage[card.stage_id][0]
    return {"columns": columns, "stages": stages, "priced_from": priced_from(stages)}


def card_moves(card: Opportunity, stages: list[Stage], priced: Stage | None) -> list[dict]:
    """The one-click moves of a board card: to the previous and to the next open stage, each
    with the target's code, its button's text and label, and why it cannot go ahead yet ("" if
    it can). Moves needing a reason, and reopening, are on the opportunity's page."""
    opens = [s for s in stages if s.is_open]
    ids = [s.pk for s in opens]
    if not card.stage.is_open or card.stage_id not in ids:
        return []
    at = ids.index(card.stage_id)
    out = []
    for verb, arrow, i in (("Move back", "← {}", at - 1), ("Advance", "{} →", at + 1)):
        if 0 <= i < len(opens):
            target = opens[i]
            move = pipeline_states.Move(pipeline_states.rule_for(card.stage, target), target)
            blocked = pipeline_states.blocked_by(move, card, priced)
            label = f"{verb} to {target.name}" + (f": {blocked}" if blocked else "")
            out.append(
                {
                    "code": target.code,
                    "text": arrow.format(target.name),
                    "label": label,
                    "blocked": blocked,
                }
            )
    return out


# --- one opportunity ---


def reopen_stage(opportunity: Opportunity, stages: list[Stage]) -> Stage | None:
    """The open stage a closed opportunity was closed from (from its history), else the last
    active open stage."""
    opens = [s for s in stages if s.is_open]
    last = (
        HistoryEntry.objects.filter(
            model=model_key(opportunity), object_id=opportunity.pk, changes__has_key="stage"
        )
        .order_by("-at", "-id")
        .values_list("changes", flat=True)
        .first()
    )
    old = (last or {}).get("stage", [None])[0] if isinstance(last, dict) else None
    return next((s for s in opens if s.name == old), opens[-1] if opens else None)


def move_options(opportunity: Opportunity, *, with_reopen: bool = True):
    """(the moves from the opportunity's stage, the stage from which an amount is needed, the
    stage reopening goes to)."""
    stages = active_stages()
    reopen_to = None
    if with_reopen and not opportunity.stage.is_open:
        reopen_to = reopen_stage(opportunity, stages)
    moves = pipeline_states.moves_from(opportunity, stages, reopen_to)
    return moves, priced_from(stages), reopen_to


def available_moves(user, opportunity: Opportunity) -> list[dict]:
    """The stage changes `user` may make on `opportunity` now, for buttons and the API: each
    with its name, label, target stage, the note it asks for, and `blocked` (why it cannot go
    ahead yet, e.g. no amount) or ""."""
    if not permissions.can_edit(user, opportunity):
        return []
    moves, priced, _ = move_options(opportunity)
    return [
        {
            "name": m.rule.name,
            "label": m.label,
            "stage": m.target.code,
            "stage_name": m.target.name,
            "note_label": m.rule.note_label,
            "note_required": m.rule.note_required,
            "blocked": pipeline_states.blocked_by(m, opportunity, priced),
        }
        for m in moves
    ]


DETAIL_PREFETCH = ("co_funders", "outcomes", "countries", "strategies__category")


def opportunity_detail(*, user, pk) -> Opportunity:
    qs = Opportunity.objects.select_related(*LIST_RELATED, "created_by", "organisation__category")
    return permissions.opportunity_for(user, pk, qs=guarded(qs.prefetch_related(*DETAIL_PREFETCH)))


def history(opportunity: Opportunity):
    return history_for(opportunity)


def stage_history(entries) -> list[dict]:
    """The stage changes among a record's history entries: when, who, from, to, note."""
    rows = []
    for e in entries:
        change = e.changes.get("stage") if isinstance(e.changes, dict) else None
        if change:
            rows.append(
                {"at": e.at, "actor": e.actor, "old": change[0], "new": change[1], "note": e.note}
            )
    return rows


def partner_pipeline(*, user, organisation, limit: int = 20) -> dict:
    """A partner's opportunities (as the partner or a co-funder) and the open pipeline's
    totals."""
    qs = opportunity_list(user=user, filters=OpportunityFilters(partner=organisation.pk))
    open_rows = qs.filter(stage__kind=StageKind.OPEN).order_by()
    totals = open_rows.aggregate(
        n=Count("id"),
        usd=Coalesce(Sum("amount_usd"), Value(Decimal(0)), output_field=USD),
        weighted=Coalesce(Sum(weighted_usd()), Value(Decimal(0)), output_field=USD),
    )
    return {
        "rows": list(qs.order_by("stage__order", "-updated_at", "-id")[:limit]),
        "count": qs.count(),
        "open_count": totals["n"],
        "open_usd": Decimal(totals["usd"]).quantize(CENT),
        "open_weighted": Decimal(totals["weighted"]).quantize(CENT),
    }
