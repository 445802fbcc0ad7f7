"""Staff pages of calls: the list, a call (facts, life cycle, clarifications, applications and
their ranking) and the call form with the live total of the criteria weights (one
application's page: application_views.py). Each view checks permission first, validates with
a form, calls one service or selector, renders."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accord.accounts.roles import can
from accord.core.errors import ConflictError, errors_of
from accord.core.history import history_for, history_rows
from accord.engagement.views import paginate, submit
from accord.portal.calls import (
    permissions,
    review_selectors,
    selectors,
    services,
    states,
)
from accord.portal.calls.application_services import clarification_answer
from accord.portal.calls.forms import (
    CRITERIA_ROWS,
    CallForm,
    ClarificationAnswerForm,
    criteria_rows,
    weights_total,
)
from accord.portal.calls.models import (
    Call,
    CallStatus,
    Clarification,
)


def flash_errors(request, exc: ValidationError) -> None:
    """A refusal of a button without a form of its own, as messages on the next page."""
    for field_messages in errors_of(exc).values():
        for message in field_messages:
            messages.error(request, message)


def call_list(request):
    user = request.user
    if permissions.is_applicant(user):
        return redirect("calls:mine")
    if not permissions.can_view_calls(user):
        raise PermissionDenied
    status = request.GET.get("status", "")
    page = paginate(
        request, selectors.call_list(user=user, status=status, q=request.GET.get("q", ""))
    )
    return render(
        request,
        "calls/list.html",
        {
            "page": page,
            "status": status,
            "statuses": CallStatus.choices,
            "can_manage": permissions.can_manage(user),
            "can_review": permissions.can_review(user),
        },
    )


# --- the call form ---


def _criteria_context(data=None, call: Call | None = None) -> dict:
    if data is not None:
        rows = criteria_rows(data)
    elif call is not None:
        rows = [
            {"name": c.name, "weight": str(c.weight), "description": c.description}
            for c in call.criteria.all()
        ]
    else:
        rows = []
    rows += [{"name": "", "weight": "", "description": ""}] * max(CRITERIA_ROWS - len(rows), 1)
    total = sum(int(r["weight"]) for r in rows if str(r["weight"]).isdigit())
    return {"criteria_rows": rows, "weights_total": total}


def _initial(call: Call) -> dict:
    return {
        "title": call.title,
        "kind": call.kind,
        "description": call.description,
        "deadline": call.deadline,
        "clarification_deadline": call.clarification_deadline,
        "categories": list(call.categories.all()),
        "diligence": call.diligence,
        "outcomes": list(call.outcomes.all()),
        "countries": list(call.countries.all()),
        "reviewers": list(call.reviewers.all()),
        "version": call.version,
        "questions": "\n".join(q.text for q in call.questions.all()),
    }


def _save(request, form, call: Call | None):
    """Call the create or update service with the form's values and the criteria rows."""
    values = {**form.values(), "criteria": criteria_rows(request.POST)}
    if call is None:
        return submit(form, services.call_create, actor=request.user, **values)
    if call.status != CallStatus.DRAFT:
        for field in services.DRAFT_ONLY:
            values.pop(field, None)
    return submit(
        form,
        services.call_update,
        actor=request.user,
        call=call,
        expected_version=form.cleaned_data.get("version"),
        **values,
    )


def call_form(request, pk=None):
    if not permissions.can_manage(request.user):
        raise PermissionDenied
    call = selectors.call_detail(user=request.user, pk=pk) if pk else None
    if request.method == "POST":
        form = CallForm(request.POST, versioned=call is not None)
        if form.is_valid() and (saved := _save(request, form, call)) is not None:
            messages.success(request, f"Call “{saved.title}” saved.")
            return redirect("calls:detail", saved.pk)
        criteria = _criteria_context(request.POST)
        status = 400
    else:
        form = CallForm(initial=_initial(call) if call else {"diligence": "not_blocked"})
        criteria, status = _criteria_context(call=call), 200
    return render(
        request,
        "calls/form.html",
        {
            "form": form,
            "call": call,
            **criteria,
            "criteria_fixed": call is not None and call.status != CallStatus.DRAFT,
        },
        status=status,
    )


@require_POST
def criteria_total(request):
    """The live total of the criteria weights (HTMX, on every keystroke in the weights)."""
    if not permissions.can_manage(request.user):
        raise PermissionDenied
    return render(request, "calls/form.html#total", {"weights_total": weights_total(request.POST)})


# --- one call ---


def _transitions(request, call: Call) -> list[dict]:
    if not permissions.can_manage(request.user):
        return []
    ctx = services.transition_context(call)
    return [
        {
            "name": t.name,
            "label": t.label,
            "target": CallStatus(t.target).label,
            "blocked": states.blocked_by(t, ctx),
        }
        for t in states.from_status(call.status)
    ]


def call_detail(request, pk):
    user = request.user
    if not permissions.can_view_calls(user):
        raise PermissionDenied
    call = selectors.call_detail(user=user, pk=pk)
    see_applications = permissions.can_see_applications(user)
    context = {
        "call": call,
        "transitions": _transitions(request, call),
        "can_manage": permissions.can_manage(user),
        "see_applications": see_applications,
        "clarifications": selectors.all_clarifications(call),
        "answer_form": ClarificationAnswerForm(),
        "history": history_rows(history_for(call), Call) if can(user, "history.view") else None,
    }
    if see_applications:
        context["ranking"] = selectors.ranking(call)
        context["missing_reviews"] = review_selectors.missing_reviews(call)
    return render(request, "calls/detail.html", context)


@require_POST
def call_transition(request, pk):
    if not permissions.can_manage(request.user):
        raise PermissionDenied
    call = selectors.call_detail(user=request.user, pk=pk)
    try:
        version = int(request.POST.get("version") or 0) or None
        services.call_transition(
            actor=request.user,
            call=call,
            transition=request.POST.get("transition", ""),
            expected_version=version,
        )
    except ValidationError as exc:
        flash_errors(request, exc)
    except (ConflictError, ValueError) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"The call is now {call.get_status_display().lower()}.")
    return redirect("calls:detail", call.pk)


@require_POST
def clarification_reply(request, pk):
    if not permissions.can_manage(request.user):
        raise PermissionDenied
    clarification = Clarification.objects.filter(pk=permissions.int_or_404(pk)).first()
    if clarification is None:
        raise Http404
    form = ClarificationAnswerForm(request.POST)
    if form.is_valid():
        try:
            clarification_answer(
                actor=request.user, clarification=clarification, answer=form.cleaned_data["answer"]
            )
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            messages.success(request, "Answer published to every applicant.")
    else:
        messages.error(request, "Write the answer before publishing it.")
    return redirect(reverse("calls:detail", args=[clarification.call_id]) + "#clarifications")
