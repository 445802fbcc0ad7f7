"""The calls app's REST endpoints (mounted under /api/v1/ by accord/api/api.py).

- Public, no authentication: `/calls/open` and `/calls/open/{id}` (published calls only).
- Staff (`calls.view`): `/calls`, `/calls/{id}` (with the status changes you may make now);
  `calls.manage` creates, edits, moves calls and decides; the ranking for staff who see
  applications.
- Partner users: their own organisation's applications only (others are 404), a draft saved and
  submitted, clarification questions.
- Reviewers: `/calls/assignments`, a declaration, then a review."""

from django.core.exceptions import ValidationError
from ninja import Query, Router, Status

from accord.api.common import paginate
from accord.core.errors import PermissionDeniedError
from accord.portal.calls import api_schemas as s
from accord.portal.calls import (
    application_services,
    permissions,
    selection_services,
    selectors,
    services,
    states,
)
from accord.portal.calls.api_reviews import router as reviews_router
from accord.portal.calls.eligibility import is_open
from accord.portal.calls.models import SENT_STATUSES, Call

router = Router(tags=["Calls for proposals"])


def _public(call: Call) -> dict:
    return {
        **{
            f: getattr(call, f)
            for f in (
                "id",
                "kind",
                "title",
                "description",
                "status",
                "deadline",
                "clarification_deadline",
                "diligence",
            )
        },
        "is_open": is_open(call),
        "categories": [c.code for c in call.categories.all()],
        "outcomes": [o.code for o in call.outcomes.all()],
        "countries": [c.code for c in call.countries.all()],
    }


def _contents(call: Call) -> dict:
    return {
        "criteria": list(call.criteria.all()),
        "questions": list(call.questions.all()),
    }


@router.get("/calls/open", response=list[s.PublicCallOut], auth=None, summary="Open calls")
def open_calls(request):
    return [_public(c) for c in selectors.open_calls()]


@router.get(
    "/calls/open/{int:call_id}",
    response=s.PublicCallDetailOut,
    auth=None,
    summary="A published call",
)
def public_call(request, call_id: int):
    call = selectors.public_call(call_id)
    return {
        **_public(call),
        **_contents(call),
        "clarifications": list(selectors.published_clarifications(call)),
    }


# --- staff ---


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDeniedError("You may not do this.")


def _staff(call: Call) -> dict:
    return {
        **_public(call),
        "version": call.version,
        "reviewers": [u.pk for u in call.reviewers.all()],
        "applications_sent": getattr(call, "sent", 0),
    }


def _detail(user, pk) -> dict:
    call = selectors.call_detail(user=user, pk=pk)
    transitions = []
    if permissions.can_manage(user):
        ctx = services.transition_context(call)
        transitions = [
            {
                "name": t.name,
                "label": t.label,
                "target": t.target,
                "blocked": states.blocked_by(t, ctx),
            }
            for t in states.from_status(call.status)
        ]
    return {
        **_staff(call),
        **_contents(call),
        "transitions": transitions,
        "applications_sent": call.applications.filter(status__in=SENT_STATUSES).count(),
    }


@router.get("/calls", response=s.CallPage, summary="List calls (staff)")
def call_list(request, filters: Query[s.CallQuery]):
    _require(permissions.can_view_calls(request.auth))
    qs = selectors.call_list(user=request.auth, status=filters.status, q=filters.q)
    data = paginate(qs, filters, prefetch=("categories", "outcomes", "countries", "reviewers"))
    data["results"] = [_staff(c) for c in data.pop("rows")]
    return data


@router.post("/calls", response={201: s.CallDetailOut}, summary="Prepare a call")
def call_create(request, payload: s.CallIn):
    _require(permissions.can_manage(request.auth))
    call = services.call_create(actor=request.auth, **payload.dict())
    return Status(201, _detail(request.auth, call.pk))


@router.get("/calls/{int:call_id}", response=s.CallDetailOut, summary="One call (staff)")
def call_read(request, call_id: int):
    _require(permissions.can_view_calls(request.auth))
    return _detail(request.auth, call_id)


@router.post("/calls/{int:call_id}/transition", response=s.CallDetailOut, summary="Change status")
def call_transition(request, call_id: int, payload: s.CallTransitionIn):
    _require(permissions.can_manage(request.auth))
    call = selectors.call_detail(user=request.auth, pk=call_id)
    services.call_transition(
        actor=request.auth, call=call, transition=payload.name, expected_version=payload.version
    )
    return _detail(request.auth, call_id)


@router.get("/calls/{int:call_id}/ranking", response=list[s.RankedOut], summary="Ranking (staff)")
def call_ranking(request, call_id: int):
    _require(permissions.can_see_applications(request.auth))
    call = selectors.call_detail(user=request.auth, pk=call_id)
    return [
        {
            "rank": r.rank,
            "application": r.application.pk,
            "organisation_name": r.application.organisation.name,
            "status": r.application.status,
            "mean": r.mean,
            "reviews": r.reviews,
        }
        for r in selectors.ranking(call)
    ]


@router.post(
    "/calls/applications/{int:application_id}/decision",
    response=s.ApplicationOut,
    summary="Shortlist, select or reject (staff)",
)
def application_decide(request, application_id: int, payload: s.DecisionIn):
    _require(permissions.can_manage(request.auth))
    application = permissions.application_for(request.auth, application_id)
    selection_services.application_decide(
        actor=request.auth, application=application, decision=payload.decision
    )
    return _application(request.auth, application_id)


@router.post(
    "/calls/applications/{int:application_id}/convert",
    response=s.ConvertOut,
    summary="Turn a selected application into an opportunity or an agreement",
)
def application_convert(request, application_id: int, payload: s.ConvertIn):
    _require(permissions.can_manage(request.auth))
    application = permissions.application_for(request.auth, application_id)
    if payload.into == "opportunity":
        selection_services.application_to_opportunity(actor=request.auth, application=application)
    elif payload.into == "agreement":
        selection_services.application_to_agreement(
            actor=request.auth, application=application, type=payload.type
        )
    else:
        raise ValidationError({"into": "Choose opportunity or agreement."})
    return {
        "application": application.pk,
        "opportunity": application.opportunity_id,
        "agreement": application.agreement_id,
    }


# --- applications (staff and partner users) ---


def _application_out(a, user) -> dict:
    # Partner users learn the result when it is announced, as on their pages.
    status = a.applicant_status if permissions.is_applicant(user) else a.status
    return {
        **{f: getattr(a, f) for f in ("id", "summary", "submitted_at", "version")},
        "status": status,
        "call": a.call_id,
        "call_title": a.call.title,
        "organisation": a.organisation_id,
        "organisation_name": a.organisation.name,
        "notice": a.notice,
    }


def _application(user, pk) -> dict:
    a = permissions.application_for(user, pk, selectors.application_detail_qs())
    return {
        **_application_out(a, user),
        "answers": [{"question": x.question_id, "text": x.text} for x in a.answers.all()],
        "documents": [d.title for d in a.documents.all()],
    }


@router.get(
    "/calls/applications",
    response=s.ApplicationPage,
    summary="Applications: your organisation's (partner users) or all sent (staff)",
)
def application_list(request, filters: Query[s.CallQuery]):
    qs = permissions.visible_applications(request.auth).select_related("call", "organisation")
    if filters.status:
        qs = qs.filter(status=filters.status)
    data = paginate(qs.order_by("-id"), filters)
    data["results"] = [_application_out(a, request.auth) for a in data.pop("rows")]
    return data


@router.get(
    "/calls/applications/{int:application_id}",
    response=s.ApplicationDetailOut,
    summary="One application",
)
def application_read(request, application_id: int):
    return _application(request.auth, application_id)


@router.post(
    "/calls/{int:call_id}/application",
    response=s.ApplicationDetailOut,
    summary="Save your organisation's draft application (partner users)",
)
def application_save(request, call_id: int, payload: s.ApplicationIn):
    _require(permissions.is_applicant(request.auth))
    call = selectors.call_detail(user=request.auth, pk=call_id)
    a = application_services.application_save(
        actor=request.auth,
        call=call,
        summary=payload.summary,
        answers=payload.answers,
        expected_version=payload.version,
    )
    return _application(request.auth, a.pk)


@router.post(
    "/calls/applications/{int:application_id}/submit",
    response=s.ApplicationDetailOut,
    summary="Submit your organisation's application before the deadline",
)
def application_submit(request, application_id: int):
    _require(permissions.is_applicant(request.auth))
    a = permissions.application_for(request.auth, application_id, selectors.application_detail_qs())
    application_services.application_submit(actor=request.auth, application=a)
    return _application(request.auth, application_id)


@router.post(
    "/calls/{int:call_id}/clarifications",
    response={201: s.ClarificationOut},
    summary="Ask a clarification question (partner users)",
)
def clarification_ask(request, call_id: int, payload: s.ClarificationIn):
    _require(permissions.is_applicant(request.auth))
    call = selectors.call_detail(user=request.auth, pk=call_id)
    c = application_services.clarification_ask(
        actor=request.auth, call=call, question=payload.question
    )
    return Status(201, c)


router.add_router("", reviews_router)
