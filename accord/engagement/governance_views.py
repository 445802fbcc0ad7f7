"""Pages of governance bodies: the bodies, one body with its members, sessions and
participation by partner category over time, a session with the partners that took part, and
the forms that record them."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accord.engagement import governance_selectors as gov
from accord.engagement import governance_services, permissions
from accord.engagement.governance_forms import (
    BodyForm,
    MembershipForm,
    ParticipationForm,
    SessionForm,
    TermEndForm,
)
from accord.engagement.views import attempt, paginate, picker_context, submit

SESSIONS_PER_PAGE = 20


def body_list(request):
    if not permissions.can_view_governance(request.user):
        raise PermissionDenied
    return render(
        request,
        "engagement/bodies.html",
        {
            "page": paginate(request, gov.body_list(user=request.user)),
            "can_manage": permissions.can_manage_bodies(request.user),
        },
    )


def body_detail(request, pk: int):
    body = gov.body_detail(user=request.user, pk=pk)
    show_all = request.GET.get("members") == "all"
    members = gov.member_list(user=request.user, body=body, current_only=not show_all)
    return render(
        request,
        "engagement/body_detail.html",
        {
            "body": body,
            "members": paginate(request, members, size=100, param="mpage"),
            "show_all": show_all,
            "sessions": paginate(request, gov.session_list(body=body), size=SESSIONS_PER_PAGE),
            "participation": gov.participation_by_category(body=body),
            "can_record": permissions.can_record_governance(request.user),
            "can_manage": permissions.can_manage_bodies(request.user),
            "term_form": TermEndForm(),
        },
    )


def body_form(request, pk: int | None = None):
    """Add a body, or (with `pk`) change its name, kind and description."""
    body = permissions.body_for(request.user, pk, action="manage") if pk else None
    if body is None and not permissions.can_manage_bodies(request.user):
        raise PermissionDenied
    initial = (
        {
            "name": body.name,
            "kind": body.kind,
            "description": body.description,
            "version": body.version,
        }
        if body
        else None
    )
    form = BodyForm(request.POST or None, initial=initial, versioned=body is not None)
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        version = values.pop("version")
        saved = (
            submit(form, governance_services.body_create, actor=request.user, **values)
            if body is None
            else submit(
                form,
                governance_services.body_update,
                actor=request.user,
                body=body,
                expected_version=version,
                **values,
            )
        )
        if saved:
            messages.success(request, f"Governance body “{saved.name}” saved.")
            return redirect("engagement:body_detail", pk=saved.pk)
    return render(request, "engagement/body_form.html", {"form": form, "body": body})


def session_create(request, pk: int):
    body = permissions.body_for(request.user, pk, action="record")
    form = SessionForm(request.POST or None)
    session = (
        request.method == "POST"
        and form.is_valid()
        and submit(
            form,
            governance_services.session_create,
            actor=request.user,
            body=body,
            **form.cleaned_data,
        )
    )
    if session:
        messages.success(request, f"Session “{session.title}” recorded.")
        return redirect("engagement:session_detail", pk=session.pk)
    return render(request, "engagement/session_form.html", {"form": form, "body": body})


def session_detail(request, pk: int):
    session = gov.session_detail(user=request.user, pk=pk)
    return render(
        request,
        "engagement/session_detail.html",
        {
            "session": session,
            "body": session.body,
            "page": paginate(
                request, gov.participation_list(user=request.user, session=session), size=100
            ),
            "can_record": permissions.can_record_governance(request.user),
        },
    )


def _pick_partner_page(request, *, form, title: str, back: str, service, done: str, **where):
    """A form that names one partner (picked by search) and a few details, saved by
    `service(actor=…, **where, **the form's values)`; None once saved."""
    posted = request.method == "POST" and "find" not in request.POST
    if (
        posted
        and form.is_valid()
        and submit(form, service, actor=request.user, **where, **form.cleaned_data)
    ):
        messages.success(request, done)
        return None
    data = request.POST if request.method == "POST" else request.GET
    return render(
        request,
        "engagement/pick_partner_form.html",
        {
            "form": form,
            "title": title,
            "back": back,
            **picker_context(request, field="organisation", data=data),
        },
    )


def member_add(request, pk: int):
    body = permissions.body_for(request.user, pk, action="record")
    back = reverse("engagement:body_detail", args=[body.pk])
    page = _pick_partner_page(
        request,
        form=MembershipForm(request.POST or None),
        title=f"Add a member to {body.name}",
        back=back,
        service=governance_services.membership_add,
        done="Member added.",
        body=body,
    )
    return page or redirect(back)


def participant_add(request, pk: int):
    session = permissions.session_for(request.user, pk, action="record")
    back = reverse("engagement:session_detail", args=[session.pk])
    page = _pick_partner_page(
        request,
        form=ParticipationForm(request.POST or None),
        title=f"Who took part in {session}",
        back=back,
        service=governance_services.participation_add,
        done="Participation recorded.",
        session=session,
    )
    return page or redirect(back)


@require_POST
def member_end(request, pk: int):
    membership = permissions.membership_for(request.user, pk)
    form = TermEndForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            f"Term of {membership.organisation.name} closed.",
            governance_services.membership_end,
            actor=request.user,
            membership=membership,
            term_end=form.cleaned_data["term_end"],
        )
    else:
        messages.error(request, "Give the date the term ended.")
    return redirect("engagement:body_detail", pk=membership.body_id)


@require_POST
def member_remove(request, pk: int):
    membership = permissions.membership_for(request.user, pk)
    governance_services.membership_remove(actor=request.user, membership=membership)
    messages.success(request, f"{membership.organisation.name} removed from the members.")
    return redirect("engagement:body_detail", pk=membership.body_id)


@require_POST
def participant_remove(request, pk: int):
    participation = permissions.participation_for(request.user, pk)
    session_id = participation.session_id
    governance_services.participation_remove(actor=request.user, participation=participation)
    messages.success(request, f"{participation.organisation.name} removed from the session.")
    return redirect("engagement:session_detail", pk=session_id)
