"""Reads of agreements and obligations, always scoped to the acting user (permissions.py):
the list with its filters, one agreement with everything its page shows, the status changes a
user may make now, a partner's agreements, the obligations list and calendar, and the values
a new agreement starts from (an opportunity, a partner)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accord.accounts.roles import can
from accord.agreements import obligation_states, permissions, services, states
from accord.agreements.models import (
    IN_FORCE,
    OPEN_OBLIGATIONS,
    Agreement,
    AgreementParty,
    AgreementStatus,
    Obligation,
    PartyRole,
)
from accord.core.history import history_for
from accord.funding import permissions as funding_permissions
from accord.partners import permissions as partner_permissions
from accord.strategy.models import EngagementStrategy

CALENDAR_DAYS = 90
CALENDAR_LIMIT = 500


def parties_prefetch(user) -> Prefetch:
    """The parties the user may see, as `parties_shown` (a regional focal point does not see
    the names of partners outside their region(s))."""
    qs = AgreementParty.objects.select_related("organisation").order_by("id")
    scope = partner_permissions.organisation_scope(user, "organisation__")
    qs = qs.none() if scope is None else qs.filter(scope)
    return Prefetch("party_links", queryset=qs, to_attr="parties_shown")


def page_prefetch(user) -> tuple:
    return (parties_prefetch(user),)


@dataclass(frozen=True)
class AgreementFilters:
    q: str = ""
    type: str = ""
    status: str = ""
    partner: int | None = None
    region: str = ""
    expiring_within: int | None = None  # days: in force and ending within them
    owner: int | None = None


def agreement_list(*, user, filters: AgreementFilters = AgreementFilters(), today=None):
    today = today or timezone.localdate()
    qs = permissions.visible_agreements(user).select_related("type", "region", "owner")
    f = filters
    if f.q:
        qs = qs.filter(Q(title__icontains=f.q) | Q(reference__icontains=f.q))
    if f.type:
        qs = qs.filter(type__code=f.type)
    if f.status:
        qs = qs.filter(status=f.status)
    if f.partner is not None:
        qs = qs.filter(party_links__organisation_id=f.partner)
    if f.region:
        qs = qs.filter(region__code=f.region)
    if f.owner is not None:
        qs = qs.filter(owner_id=f.owner)
    if f.expiring_within is not None:
        end = today + timedelta(days=f.expiring_within)
        qs = qs.filter(status__in=IN_FORCE, end_date__gte=today, end_date__lte=end)
        return qs.order_by("end_date", "id")
    return qs.order_by("-updated_at", "-id")


def agreement_detail(*, user, pk) -> Agreement:
    """One agreement with its parties, amendments, documents and obligations (404 outside the
    user's scope)."""
    qs = Agreement.objects.select_related(
        "type", "region", "owner", "flagship", "created_by"
    ).prefetch_related(
        parties_prefetch(user),
        "amendments__created_by",
        "documents__uploaded_by",
        Prefetch("obligations", queryset=Obligation.objects.select_related("owner")),
        "outcomes",
        Prefetch("strategies", queryset=_strategies()),
    )
    return permissions.agreement_for(user, pk, qs=qs)


def _strategies():
    return EngagementStrategy.objects.select_related("category").order_by(
        "category__number", "number"
    )


def linked_funding(*, user, agreement: Agreement) -> dict:
    """The opportunity and pledge the agreement comes from, when the user may see them."""
    found = {}
    for name, fetch in (
        ("opportunity", funding_permissions.opportunity_for),
        ("pledge", funding_permissions.pledge_for),
    ):
        pk = getattr(agreement, f"{name}_id")
        try:
            found[name] = fetch(user, pk) if pk else None
        except Http404:
            found[name] = None
    return found


def available_transitions(*, user, agreement: Agreement, today=None) -> list[dict]:
    """The status changes `user` may make now, for buttons and the API: each with its label,
    target, the note and date it asks for, and `blocked` (why not yet) or ""."""
    if not permissions.can_edit(user, agreement):
        return []
    ctx = services.transition_context(agreement, today=today)
    return [
        {
            "name": t.name,
            "label": t.label,
            "target": t.target,
            "target_label": AgreementStatus(t.target).label,
            "note_label": t.note_label,
            "note_required": t.note_required,
            "date_label": t.date_label,
            "blocked": states.blocked_by(t, ctx),
        }
        for t in states.from_status(agreement.status)
    ]


def obligation_transitions(*, user, obligation: Obligation, seen: bool = True) -> list[dict]:
    """The status changes `user` may make on an obligation of a list they see."""
    if not permissions.can_complete_obligation(user, obligation, seen=seen):
        return []
    return [
        {
            "name": t.name,
            "label": t.label,
            "target": t.target,
            "note_label": t.note_label,
            "note_required": t.note_required,
        }
        for t in obligation_states.from_status(obligation.status)
    ]


def history(*, obj):
    return history_for(obj)


def partner_agreements(*, user, organisation) -> QuerySet[Agreement]:
    """The agreements the partner is a party to, that the user may see; latest end first."""
    return (
        permissions.visible_agreements(user)
        .filter(party_links__organisation=organisation)
        .select_related("type")
        .order_by("-end_date", "-id")
    )


# --- obligations ---


def obligation_list(
    *, user, owner: int | None = None, due_before: date | None = None, open_only: bool = True
) -> QuerySet[Obligation]:
    qs = permissions.visible_obligations(user).select_related("agreement", "owner")
    if open_only:
        qs = qs.filter(status__in=OPEN_OBLIGATIONS)
    if owner is not None:
        qs = qs.filter(owner_id=owner)
    if due_before is not None:
        qs = qs.filter(due_date__lt=due_before)
    return qs.order_by("due_date", "id")


@dataclass
class Calendar:
    overdue: list
    overdue_count: int
    weeks: list  # [(monday, [obligations])]
    upcoming_count: int
    start: date
    end: date


def obligation_calendar(*, user, owner: int | None = None, today=None) -> Calendar:
    """What falls due in the next 90 days, grouped by week (Monday first), with what is overdue
    before it; open obligations only."""
    today = today or timezone.localdate()
    end = today + timedelta(days=CALENDAR_DAYS)
    qs = obligation_list(user=user, owner=owner)
    overdue = qs.filter(due_date__lt=today)
    upcoming = qs.filter(due_date__gte=today, due_date__lte=end)
    weeks: dict[date, list] = {}
    for o in upcoming[:CALENDAR_LIMIT]:
        weeks.setdefault(o.due_date - timedelta(days=o.due_date.weekday()), []).append(o)
    return Calendar(
        overdue=list(overdue[:CALENDAR_LIMIT]),
        overdue_count=overdue.count(),
        weeks=sorted(weeks.items()),
        upcoming_count=upcoming.count(),
        start=today,
        end=end,
    )


def annotate_obligations(user, obligations, today=None) -> list[Obligation]:
    """Obligations of a scoped list with what their rows show: `overdue`, `transitions` and
    `can_edit` (no query per row: the user sees them all)."""
    editor = can(user, "agreements.edit")
    for o in obligations:
        o.overdue = is_overdue(o, today)
        o.transitions = obligation_transitions(user=user, obligation=o)
        o.can_edit = editor
    return list(obligations)


def is_overdue(obligation: Obligation, today=None) -> bool:
    today = today or timezone.localdate()
    return obligation.status in OPEN_OBLIGATIONS and obligation.due_date < today


# --- what a new agreement starts from ---


def prefill_from_opportunity(*, user, pk) -> dict:
    """The values of a new agreement signed from an opportunity: its title, its partner as the
    donor, its value, flagship programme, outcomes and strategy lines (404 out of scope)."""
    opp = funding_permissions.opportunity_for(user, pk)
    outcomes = [o.code for o in opp.outcomes.all()]
    strategies = [s.pk for s in opp.strategies.all()]
    return {
        "opportunity": opp.pk,
        "opportunity_label": str(opp),
        "title": opp.title,
        "parties": [{"organisation": opp.organisation, "role": PartyRole.DONOR}],
        "amount": opp.amount,
        "currency": opp.currency,
        "value_date": opp.value_date,
        "flagship": opp.flagship_id,
        "outcomes": outcomes,
        "strategies": strategies,
        "region": opp.region_id,
        "office": opp.office,
    }


def prefill_from_organisation(*, user, pk) -> dict:
    org = partner_permissions.organisation_for(user, pk)
    return {"parties": [{"organisation": org, "role": PartyRole.CO_SIGNATORY}]}
