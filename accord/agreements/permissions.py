"""The one guarded door of agreements, their obligations and documents.

Staff readers see every agreement except a regional focal point, who sees those led by their
region(s) or with a party in their region(s); outside that scope an agreement (and what hangs
from it) looks like it does not exist (404). Editors edit what they see; an obligation may also
be completed by its owner when they are a programme manager."""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from accord.accounts.roles import can, region_scope
from accord.agreements.models import Agreement, AgreementParty, Document, Obligation
from accord.core.errors import PermissionDeniedError
from accord.core.errors import int_or_404 as _int_or_404


def agreement_scope(user, prefix: str = "") -> Q | None:
    """The agreements `user` may see as a filter on `prefix` + agreement fields (e.g.
    "agreement__" from an obligation), or None when they may see none."""
    if not can(user, "agreements.view"):
        return None
    scope = region_scope(user)
    if scope is None:
        return Q()
    party_in_region = AgreementParty.objects.filter(
        agreement_id=OuterRef(f"{prefix}id"), organisation__region_id__in=scope
    )
    return Q(**{f"{prefix}region_id__in": scope}) | Q(Exists(party_in_region))


def visible_agreements(user, qs: QuerySet | None = None) -> QuerySet[Agreement]:
    qs = Agreement.objects.all() if qs is None else qs
    scope = agreement_scope(user)
    return qs.none() if scope is None else qs.filter(scope)


def visible_obligations(user, qs: QuerySet | None = None) -> QuerySet[Obligation]:
    qs = Obligation.objects.all() if qs is None else qs
    scope = agreement_scope(user, "agreement__")
    return qs.none() if scope is None else qs.filter(scope)


def _in_scope(user, agreement: Agreement) -> bool:
    scope = region_scope(user)
    if scope is None or agreement.region_id in scope:
        return True
    return AgreementParty.objects.filter(
        agreement_id=agreement.pk, organisation__region_id__in=scope
    ).exists()


def can_view(user, agreement: Agreement) -> bool:
    return can(user, "agreements.view") and _in_scope(user, agreement)


def can_create(user) -> bool:
    return can(user, "agreements.edit")


def can_edit(user, agreement: Agreement) -> bool:
    return can(user, "agreements.edit") and _in_scope(user, agreement)


def can_manage_types(user) -> bool:
    return can(user, "agreements.types")


def can_complete_obligation(user, obligation: Obligation, *, seen: bool = False) -> bool:
    """Editors of the agreement, and the obligation's owner when they may complete obligations
    (a programme manager reporting on their own programme). `seen`: the caller already knows
    the user sees the agreement (a scoped list), so no query is needed."""
    if not (seen or can_view(user, obligation.agreement)):
        return False
    if can(user, "agreements.edit"):
        return True
    owner_id = obligation.owner_id
    return owner_id is not None and owner_id == user.pk and can(user, "obligations.complete")


def _require_view(user) -> None:
    if not can(user, "agreements.view"):
        raise PermissionDeniedError("You may not read agreements.")


def agreement_for(user, pk, *, action: str = "view", qs: QuerySet | None = None) -> Agreement:
    """The agreement `pk` if `user` may take `action` ("view" or "edit") on it: 404 outside the
    user's scope (or no such id), 403 when it is visible but the action is not allowed."""
    if action not in ("view", "edit"):
        raise KeyError(f"Unknown agreement action {action!r}")
    _require_view(user)
    base = qs if qs is not None else Agreement.objects.select_related("type", "region", "owner")
    agreement = visible_agreements(user, base).filter(pk=_int_or_404(pk)).first()
    if agreement is None:
        raise Http404
    if action == "edit" and not can_edit(user, agreement):
        raise PermissionDeniedError("You may not change this agreement.")
    return agreement


def obligation_for(user, pk, *, action: str = "view") -> Obligation:
    """An obligation through its agreement's door: 404 outside scope; 403 when it may be seen
    but not changed ("edit": editors) or completed ("complete")."""
    if action not in ("view", "edit", "complete"):
        raise KeyError(f"Unknown obligation action {action!r}")
    _require_view(user)
    qs = Obligation.objects.select_related("agreement", "agreement__type", "owner")
    obligation = visible_obligations(user, qs).filter(pk=_int_or_404(pk)).first()
    if obligation is None:
        raise Http404
    allowed = {
        "view": True,
        "edit": can_edit(user, obligation.agreement),
        "complete": can_complete_obligation(user, obligation),
    }[action]
    if not allowed:
        raise PermissionDeniedError("You may not change this obligation.")
    return obligation


def document_for(user, pk) -> Document:
    """A document through its agreement's door (404 outside scope)."""
    _require_view(user)
    scope = agreement_scope(user, "agreement__")
    qs = Document.objects.select_related("agreement")
    document = qs.filter(scope, pk=_int_or_404(pk)).first() if scope is not None else None
    if document is None:
        raise Http404
    return document
