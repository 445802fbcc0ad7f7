"""Pages of the implementation plan: the plan grouped by partner category and strategy line
(overdue actions first), an action with its status buttons, progress notes and linked
engagements, and the forms that change them."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accord.core.history import history_rows
from accord.core.htmx import render_page
from accord.engagement import permissions, plan_selectors, plan_services, selectors
from accord.engagement.models import PlanAction
from accord.engagement.plan_forms import (
    EngagementLinkForm,
    PlanActionForm,
    PlanFilterForm,
    ProgressNoteForm,
    TransitionForm,
)
from accord.engagement.views import attempt, fragment, paginate, submit, varies

PLAN_PAGE_SIZE = 50


def plan_page(request):
    if not permissions.can_view_plan(request.user):
        raise PermissionDenied
    form = PlanFilterForm(request.GET or None)
    filters = form.filters()
    qs = plan_selectors.action_list(user=request.user, filters=filters)
    page = paginate(request, qs, prefetch=plan_selectors.PAGE_PREFETCH, size=PLAN_PAGE_SIZE)
    overdue = plan_selectors.action_list(
        user=request.user, filters=plan_selectors.PlanFilters(overdue=True)
    )
    return varies(
        render_page(
            request,
            "engagement/plan.html",
            {
                "form": form,
                "page": page,
                "groups": plan_selectors.group_by_category_and_line(page.object_list),
                "overdue": list(overdue.order_by("due_date", "id")[:10]),
                "overdue_count": overdue.count(),
                "can_create": permissions.can_create_action(request.user),
            },
            partial=fragment(request, "results"),
        )
    )


def _save(request, form, *, action=None):
    if action is None:
        return submit(form, plan_services.action_create, actor=request.user, **form.values())
    return submit(
        form,
        plan_services.action_update,
        actor=request.user,
        action=action,
        expected_version=form.cleaned_data["version"],
        **form.values(),
    )


def action_create(request):
    if not permissions.can_create_action(request.user):
        raise PermissionDenied
    form = PlanActionForm(
        request.POST or None,
        initial={
            "owner": request.user.pk,
            "category": request.GET.get("category"),
        },
    )
    if request.method == "POST" and form.is_valid():
        action = _save(request, form)
        if action is not None:
            messages.success(request, f"Action “{action.title}” added to the plan.")
            return redirect("engagement:action_detail", pk=action.pk)
    return render(request, "engagement/action_form.html", {"form": form, "action": None})


def action_edit(request, pk: int):
    action = permissions.action_for(request.user, pk, action="edit")
    if request.method == "POST":
        form = PlanActionForm(request.POST, versioned=True)
        if form.is_valid() and _save(request, form, action=action) is not None:
            messages.success(request, f"Action “{action.title}” saved.")
            return redirect("engagement:action_detail", pk=action.pk)
    else:
        form = PlanActionForm(initial=PlanActionForm.initial_for(action))
    return render(request, "engagement/action_form.html", {"form": form, "action": action})


def _detail(request, pk, *, transition_form=None, note_form=None, status=200):
    action = plan_selectors.action_detail(user=request.user, pk=pk)
    can_edit = permissions.can_edit_action(request.user, action)
    q = (request.GET.get("q") or "").strip()[:200]
    linked = {e.pk for e in action.engagements_shown}
    candidates = (
        [e for e in selectors.engagement_search(user=request.user, q=q) if e.pk not in linked]
        if can_edit and q
        else []
    )
    return render_page(
        request,
        "engagement/action_detail.html",
        {
            "action": action,
            "can_edit": can_edit,
            "is_overdue": plan_selectors.is_overdue(action),
            "transitions": plan_selectors.available_transitions(user=request.user, action=action),
            "transition_form": transition_form,
            "note_form": note_form or ProgressNoteForm(),
            "q": q,
            "candidates": candidates,
            "history": history_rows(selectors.history(obj=action), PlanAction),
        },
        partial=fragment(request, "candidates") if q else None,
        status=status,
    )


def action_detail(request, pk: int):
    return varies(_detail(request, pk))


@require_POST
def action_transition(request, pk: int):
    action = permissions.action_for(request.user, pk, action="edit")
    form = TransitionForm(request.POST)
    data = form.cleaned_data if form.is_valid() else None
    if data and submit(
        form,
        plan_services.action_transition,
        actor=request.user,
        action=action,
        transition=data["transition"],
        note=data["note"],
        expected_version=data["version"],
    ):
        status = action.get_status_display().lower()
        messages.success(request, f"Action “{action.title}” is now {status}.")
        return redirect("engagement:action_detail", pk=action.pk)
    return _detail(request, pk, transition_form=form, status=400)


@require_POST
def note_add(request, pk: int):
    action = permissions.action_for(request.user, pk, action="edit")
    form = ProgressNoteForm(request.POST)
    if form.is_valid() and submit(
        form,
        plan_services.progress_note_add,
        actor=request.user,
        action=action,
        text=form.cleaned_data["text"],
    ):
        messages.success(request, "Progress note added.")
        return redirect("engagement:action_detail", pk=action.pk)
    return _detail(request, pk, note_form=form, status=400)


def _relink(request, pk: int, *, add: bool):
    action = permissions.action_for(request.user, pk, action="edit")
    form = EngagementLinkForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose an engagement.")
        return redirect("engagement:action_detail", pk=action.pk)
    seen = permissions.visible_engagements(request.user, action.engagements.all())
    current = [e.pk for e in seen]
    wanted = form.cleaned_data["engagement"]
    ids = [*current, wanted] if add else [i for i in current if i != wanted]
    done = "Engagement linked." if add else "Engagement unlinked."
    attempt(
        request,
        done,
        plan_services.action_update,
        actor=request.user,
        action=action,
        engagements=ids,
    )
    return redirect("engagement:action_detail", pk=action.pk)


@require_POST
def engagement_link(request, pk: int):
    return _relink(request, pk, add=True)


@require_POST
def engagement_unlink(request, pk: int):
    return _relink(request, pk, add=False)
