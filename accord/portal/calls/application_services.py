"""Writes of applicants: an application saved as a draft and submitted before the deadline,
its documents, and clarification questions (answered by staff, published to everyone).

An applicant is a partner user acting for its own organisation (permissions.is_applicant);
the system (actor None, demo data) names the organisation itself."""

import hashlib
import uuid
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from accord.agreements.documents import ACCEPTED, clean_name, max_bytes, sniff
from accord.core.history import diff, record, snapshot
from accord.core.versioning import check_and_bump_version
from accord.portal.calls import permissions
from accord.portal.calls.eligibility import clarifications_open, eligibility_problems, is_open
from accord.portal.calls.models import (
    Answer,
    Application,
    ApplicationDocument,
    ApplicationStatus,
    Call,
    CallStatus,
    Clarification,
)
from accord.portal.permissions import partner_organisation

LATE = "The deadline of this call has passed: applications are no longer accepted."
NOT_OPEN = "This call is not open for applications."


def _require_applicant(actor, organisation=None):
    """The organisation the actor applies for (the system names one)."""
    if actor is None:
        return organisation
    permissions.deny_unless(
        permissions.is_applicant(actor),
        "Only a partner focal point may apply, for its own organisation.",
    )
    return partner_organisation(actor)


def _require_open(call: Call, now: datetime) -> None:
    if call.status != CallStatus.PUBLISHED:
        raise ValidationError({"__all__": NOT_OPEN})
    if not is_open(call, now):
        raise ValidationError({"__all__": LATE})


def _own(actor, application: Application) -> None:
    if actor is not None and application.organisation_id != actor.organisation_id:
        raise ValidationError({"__all__": "This application is not your organisation's."})


def _answers(call: Call, answers: dict) -> dict[int, str]:
    known = {q.pk for q in call.questions.all()}
    given = {}
    for key, text in (answers or {}).items():
        pk = int(key) if str(key).isdigit() else None
        if pk not in known:
            raise ValidationError({"answers": f"Question {key} is not a question of this call."})
        given[pk] = str(text or "").strip()
    return given


@transaction.atomic
def application_save(
    *,
    actor,
    call: Call,
    summary: str | None = None,
    answers: dict | None = None,
    organisation=None,
    expected_version: int | None = None,
    now: datetime | None = None,
    is_demo: bool = False,
) -> Application:
    """Save the organisation's draft application to an open call it is eligible for (one per
    organisation and call; saving again updates the draft)."""
    now = now or timezone.now()
    organisation = _require_applicant(actor, organisation)
    _require_open(call, now)
    problems = eligibility_problems(call, organisation)
    if problems:
        raise ValidationError({"__all__": problems})
    given = _answers(call, answers)
    application = Application.objects.filter(call=call, organisation=organisation).first()
    created = application is None
    if created:
        application = Application.objects.create(
            call=call,
            organisation=organisation,
            created_by=actor,
            is_demo=is_demo,
            summary=str(summary or "").strip(),
        )
        before = {}
    else:
        if application.status != ApplicationStatus.DRAFT:
            raise ValidationError({"__all__": "This application is already submitted."})
        before = snapshot(application, ["summary"])
        check_and_bump_version(application, expected_version)
        if summary is not None:
            application.summary = str(summary).strip()
        application.save(update_fields=["summary", "updated_at"])
    changed = [pk for pk, text in given.items()]
    existing = {a.question_id: a for a in application.answers.filter(question_id__in=changed)}
    Answer.objects.bulk_create(
        Answer(application=application, question_id=pk, text=text)
        for pk, text in given.items()
        if pk not in existing
    )
    for pk, answer in existing.items():
        answer.text = given[pk]
    Answer.objects.bulk_update(existing.values(), ["text"])
    changes = diff(before, snapshot(application, ["summary"]))
    if given:
        changes["answers"] = [None, f"{len(given)} answer(s) saved"]
    record(obj=application, action="create" if created else "update", actor=actor, changes=changes)
    return application


@transaction.atomic
def application_submit(
    *,
    actor,
    application: Application,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> Application:
    """Send the application: before the deadline, every required question answered, the
    organisation still eligible."""
    now = now or timezone.now()
    _require_applicant(actor)
    _own(actor, application)
    call = application.call
    if application.status != ApplicationStatus.DRAFT:
        raise ValidationError({"__all__": "This application is already submitted."})
    _require_open(call, now)
    problems = eligibility_problems(call, application.organisation)
    if problems:
        raise ValidationError({"__all__": problems})
    answered = {a.question_id for a in application.answers.all() if a.text.strip()}
    missing = {
        f"answer_{q.pk}": "Answer this question before submitting."
        for q in call.questions.all()
        if q.required and q.pk not in answered
    }
    if missing:
        raise ValidationError(missing)
    check_and_bump_version(application, expected_version)
    application.status = ApplicationStatus.SUBMITTED
    application.submitted_at = now
    application.save(update_fields=["status", "submitted_at", "updated_at"])
    record(
        obj=application,
        action="update",
        actor=actor,
        changes={"status": [ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED]},
    )
    return application


def check_file(file) -> tuple:
    """The file's kind when its size and content are acceptable (like agreement documents:
    checked by content, not by name), else a ValidationError on `file`."""
    if file is None:
        raise ValidationError({"file": "Choose a file to upload."})
    limit = max_bytes()
    if file.size == 0:
        raise ValidationError({"file": "The file is empty."})
    if file.size > limit:
        raise ValidationError(
            {
                "file": f"The file is {filesizeformat(file.size)}; the limit is "
                f"{filesizeformat(limit)}."
            }
        )
    kind = sniff(file)
    if kind is None:
        raise ValidationError(
            {
                "file": f"This file is not a {ACCEPTED} file (checked by its "
                "content, whatever its name says)."
            }
        )
    return kind


@transaction.atomic
def document_add(
    *, actor, application: Application, file, title: str = "", now: datetime | None = None
) -> ApplicationDocument:
    """Attach a file to a draft application of an open call."""
    _require_applicant(actor)
    _own(actor, application)
    if application.status != ApplicationStatus.DRAFT:
        raise ValidationError({"file": "Documents can be added only before submitting."})
    _require_open(application.call, now or timezone.now())
    kind = check_file(file)
    digest = hashlib.sha256()
    for chunk in file.chunks():
        digest.update(chunk)
    original = clean_name(getattr(file, "name", ""))
    document = ApplicationDocument(
        application=application,
        title=" ".join(str(title or "").split())[:200] or original[:200],
        original_name=original,
        content_type=kind.content_type,
        size=file.size,
        sha256=digest.hexdigest(),
        uploaded_by=actor,
    )
    file.seek(0)
    document.file.save(f"{uuid.uuid4().hex}.{kind.extension}", file, save=False)
    try:
        with transaction.atomic():
            document.save()
            record(
                obj=application,
                action="update",
                actor=actor,
                note=f"Document added: {document.title} ({kind.label}, {file.size:,} bytes).",
            )
    except Exception:
        document.file.storage.delete(document.file.name)  # no row: the file must not linger
        raise
    return document


# --- clarifications ---


@transaction.atomic
def clarification_ask(
    *, actor, call: Call, question: str, organisation=None, now: datetime | None = None
) -> Clarification:
    """An applicant asks about the call, before the clarification deadline."""
    organisation = _require_applicant(actor, organisation)
    text = str(question or "").strip()
    if not text:
        raise ValidationError({"question": "Write your question."})
    if not clarifications_open(call, now):
        raise ValidationError({"question": "The deadline for clarification questions has passed."})
    clarification = Clarification.objects.create(
        call=call, question=text[:5000], asked_by=actor, organisation=organisation
    )
    record(
        obj=clarification,
        action="create",
        actor=actor,
        changes=diff({}, snapshot(clarification, ["question"])),
    )
    return clarification


@transaction.atomic
def clarification_answer(*, actor, clarification: Clarification, answer: str) -> Clarification:
    """Staff answer; the answer is published to every applicant and on the public call page,
    without saying who asked."""
    if actor is not None:
        permissions.deny_unless(permissions.can_manage(actor), "You may not answer questions.")
    text = str(answer or "").strip()
    if not text:
        raise ValidationError({"answer": "Write the answer."})
    before = snapshot(clarification, ["answer"])
    clarification.answer = text[:10000]
    clarification.answered_by = actor
    clarification.answered_at = timezone.now()
    clarification.save(update_fields=["answer", "answered_by", "answered_at", "updated_at"])
    record(
        obj=clarification,
        action="update",
        actor=actor,
        changes=diff(before, snapshot(clarification, ["answer"])),
    )
    return clarification
