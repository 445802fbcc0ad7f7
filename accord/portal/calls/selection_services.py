"""Writes of the selection: staff shortlist and select applications of a call under review;
finalising the call (services.call_transition) tells every applicant its result by e-mail and
by a notice on its call page; a selected application can then become an opportunity in the
pipeline (accord.funding) or a draft agreement (accord.agreements) — recorded on it."""

from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accord.accounts.models import Role, User
from accord.core.history import record
from accord.portal.calls import permissions
from accord.portal.calls.models import (
    SENT_STATUSES,
    Application,
    ApplicationStatus,
    Call,
    CallStatus,
)

S = ApplicationStatus
DECISIONS = {
    "shortlist": S.SHORTLISTED,
    "select": S.SELECTED,
    "reject": S.NOT_SELECTED,
    "reset": S.SUBMITTED,
}
NOTICES = {
    S.SELECTED: "Your application to “{call}” has been selected. The partnerships team will "
    "contact you about the next steps.",
    S.NOT_SELECTED: "Your application to “{call}” has not been selected this time. Thank you "
    "for applying; we hope to hear from you in future calls.",
}


def _require_manage(actor) -> None:
    if actor is not None:
        permissions.deny_unless(permissions.can_manage(actor), "You may not decide on calls.")


@transaction.atomic
def application_decide(*, actor, application: Application, decision: str) -> Application:
    """Shortlist, select, reject or reset a sent application of a call under review."""
    _require_manage(actor)
    if decision not in DECISIONS:
        raise ValidationError({"decision": f"Choose one of: {', '.join(DECISIONS)}."})
    if application.call.status != CallStatus.UNDER_REVIEW:
        raise ValidationError({"decision": "Decisions are taken while the call is under review."})
    if application.status not in SENT_STATUSES:
        raise ValidationError({"decision": "Only submitted applications can be decided."})
    before, application.status = application.status, DECISIONS[decision]
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "decided_at", "updated_at"])
    record(
        obj=application,
        action="update",
        actor=actor,
        changes={"status": [before, application.status]},
    )
    return application


def _recipients(organisation_ids) -> dict[int, list[str]]:
    """The e-mail addresses of each organisation's active partner users."""
    found: dict[int, list[str]] = {}
    rows = (
        User.objects.filter(organisation_id__in=organisation_ids, role=Role.PARTNER, is_active=True)
        .exclude(email="")
        .values_list("organisation_id", "email")
    )
    for org_id, email in rows.order_by("organisation_id", "email"):
        found.setdefault(org_id, []).append(email)
    return found


def notify_applicants(*, actor, call: Call, now: datetime) -> int:
    """Every sent application not selected becomes "not selected"; each applicant gets its
    notice on the call page and by e-mail (after commit). Called when the call is finalised."""
    applications = list(
        call.applications.filter(status__in=SENT_STATUSES).select_related("organisation")
    )
    messages = []
    recipients = _recipients({a.organisation_id for a in applications})
    base = getattr(settings, "ACCORD_BASE_URL", "").rstrip("/")
    path = base + reverse("calls:partner_call", args=[call.pk])
    for application in applications:
        before = application.status
        if application.status != S.SELECTED:
            application.status = S.NOT_SELECTED
            application.decided_at = application.decided_at or now
        application.notice = NOTICES[application.status].format(call=call.title)
        application.notified_at = now
        application.save(
            update_fields=["status", "decided_at", "notice", "notified_at", "updated_at"]
        )
        record(
            obj=application,
            action="update",
            actor=actor,
            changes={"status": [before, application.status]}
            if before != application.status
            else {},
            note="Applicant notified of the result.",
        )
        to = recipients.get(application.organisation_id, [])
        if to:
            messages.append(
                EmailMessage(
                    subject=f"Result of your application: {call.title}",
                    body=f"{application.notice}\n\nSee it on Accord: {path}",
                    to=to,
                )
            )
    transaction.on_commit(lambda: [m.send() for m in messages])
    return len(applications)


# --- what a selected application becomes ---


def _convertible(actor, application: Application, field: str) -> None:
    """Only managers convert, only a selected application, and only once into each kind."""
    _require_manage(actor)
    if application.status != S.SELECTED:
        raise ValidationError({"into": f"Only a selected application can become an {field}."})
    if getattr(application, f"{field}_id"):
        raise ValidationError({"into": f"This application is already an {field}."})


def _link(actor, application: Application, field: str, record_obj):
    """Keep what the application became on it, and in its history."""
    setattr(application, field, record_obj)
    application.save(update_fields=[field, "updated_at"])
    record(
        obj=application,
        action="update",
        actor=actor,
        changes={field: [None, str(record_obj)]},
        note=f"Became an {field}.",
    )
    return record_obj


def _title(application: Application) -> str:
    return f"{application.call.title} — {application.organisation.name}"[:200]


@transaction.atomic
def application_to_opportunity(*, actor, application: Application):
    """Open an opportunity in the pipeline with the selected applicant (accord.funding)."""
    from accord.funding.pipeline_services import opportunity_create

    _convertible(actor, application, "opportunity")
    call = application.call
    opportunity = opportunity_create(
        actor=actor,
        organisation=application.organisation,
        title=_title(application),
        description=application.summary,
        outcomes=list(call.outcomes.all()),
        countries=list(call.countries.all()),
    )
    return _link(actor, application, "opportunity", opportunity)


@transaction.atomic
def application_to_agreement(*, actor, application: Application, type: str = "mou"):
    """Draft an agreement with the selected applicant as implementing partner
    (accord.agreements)."""
    from accord.agreements.models import PartyRole
    from accord.agreements.services import agreement_create

    _convertible(actor, application, "agreement")
    agreement = agreement_create(
        actor=actor,
        title=_title(application),
        type=type,
        parties=[{"organisation": application.organisation, "role": PartyRole.IMPLEMENTING}],
        summary=application.summary,
        outcomes=list(application.call.outcomes.all()),
    )
    return _link(actor, application, "agreement", agreement)
