"""Pages of the screening hits review queue: each potential match shows the partner and the
list entry side by side, with the score and why; a reviewer decides it (confirmed match or
false positive, with the reason) in place, without reloading the page. Reviews, lists and the
partner tab are in review_views.py, list_views.py and partner_views.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from accord.core.history import history_rows
from accord.core.htmx import render_page
from accord.core.models import HistoryEntry
from accord.diligence import hit_services, permissions, selectors
from accord.diligence.forms import HitDecisionForm, HitFilterForm, ReopenForm
from accord.engagement.views import fragment, paginate, submit, varies

QUEUE_PAGE_SIZE = 20


def hit_queue(request):
    if not permissions.can_view(request.user):
        raise PermissionDenied
    form = HitFilterForm(request.GET or None)
    qs = selectors.hit_list(user=request.user, filters=form.filters())
    page = paginate(request, qs, prefetch=selectors.HIT_PREFETCH, size=QUEUE_PAGE_SIZE)
    return varies(
        render_page(
            request,
            "diligence/hits.html",
            {"form": form, "page": page, **_abilities(request.user)},
            partial=fragment(request, "results"),
        )
    )


def _abilities(user) -> dict:
    return {
        "can_decide": permissions.can_decide_hit(user),
        "can_reopen": permissions.can_reopen_hit(user),
    }


def decision_history(hit):
    """The history entries of the hit's partner or contact about this hit's decisions."""
    subject = selectors.hit_subject(hit)
    return (
        HistoryEntry.objects.filter(
            model=subject._meta.label_lower, object_id=subject.pk,
            note__startswith=f"Screening hit {hit.pk} ",
        )
        .select_related("actor")
        .order_by("-at", "-id")
    )


def _detail(request, pk, *, decision_form=None, reopen_form=None, status=200):
    hit = selectors.hit_detail(user=request.user, pk=pk)
    return render(
        request,
        "diligence/hit_detail.html",
        {
            "hit": hit,
            "decision_form": decision_form,
            "reopen_form": reopen_form or ReopenForm(),
            "history": history_rows(decision_history(hit), HistoryEntry),
            **_abilities(request.user),
        },
        status=status,
    )


def hit_detail(request, pk: int):
    return _detail(request, pk)


def _back(request, hit):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect("diligence:hit_detail", pk=hit.pk)


def _card(request, pk, *, form=None, done: str = ""):
    """The hit's card, as the queue shows it, for an HTMX swap."""
    hit = selectors.hit_detail(user=request.user, pk=pk)
    return render(
        request,
        "diligence/_hit.html",
        {"hit": hit, "form": form, "done": done, "next": request.POST.get("next", ""),
         **_abilities(request.user)},
    )


@require_POST
def hit_decide(request, pk: int):
    hit = permissions.hit_for(request.user, pk, action="decide")
    form = HitDecisionForm(request.POST, hit_id=hit.pk)
    decided = form.is_valid() and submit(
        form, hit_services.hit_decide, actor=request.user, hit=hit,
        status=form.cleaned_data["status"], reason=form.cleaned_data["reason"],
    )
    done = f"Decided: {hit.get_status_display().lower()}." if decided else ""
    if request.htmx:
        return _card(request, pk, form=None if decided else form, done=done)
    if decided:
        messages.success(request, done)
        return _back(request, hit)
    return _detail(request, pk, decision_form=form, status=400)


@require_POST
def hit_reopen(request, pk: int):
    hit = permissions.hit_for(request.user, pk, action="decide")
    if not permissions.can_reopen_hit(request.user):
        raise PermissionDenied
    form = ReopenForm(request.POST)
    if form.is_valid() and submit(
        form, hit_services.hit_reopen, actor=request.user, hit=hit,
        reason=form.cleaned_data["reason"],
    ):
        messages.success(request, "The hit is open again: it blocks the partner until decided.")
        return redirect("diligence:hit_detail", pk=hit.pk)
    return _detail(request, pk, reopen_form=form, status=400)
