"""Applying: eligibility, answers, deadline (checked on access and closed by
`accord send_reminders`), documents checked by content and size, clarifications."""

import io
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from accord.accounts.models import Role
from accord.partners.tests.factories import OrganisationFactory
from accord.portal.calls import application_services, selectors, services
from accord.portal.calls.models import Application, ApplicationStatus, Call, CallStatus
from accord.portal.calls.tests.factories import answers_for, in_days, published_call, submitted

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pass_deadline(call: Call) -> None:
    """Time passes: the deadline is now behind us (the call is still marked published)."""
    Call.objects.filter(pk=call.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    call.refresh_from_db()


def test_a_partner_saves_a_draft_then_submits(open_call, partner_a):
    draft = application_services.application_save(
        actor=partner_a, call=open_call, summary="Plan", answers={}
    )
    assert draft.status == ApplicationStatus.DRAFT
    with pytest.raises(ValidationError) as exc:
        application_services.application_submit(actor=partner_a, application=draft)
    assert set(exc.value.message_dict) == {f"answer_{q.pk}" for q in open_call.questions.all()}
    application_services.application_save(
        actor=partner_a, call=open_call, answers=answers_for(open_call)
    )
    draft.refresh_from_db()
    done = application_services.application_submit(actor=partner_a, application=draft)
    assert done.status == ApplicationStatus.SUBMITTED and done.submitted_at is not None


def test_late_application_is_refused_even_before_the_call_is_closed(open_call, partner_a):
    draft = application_services.application_save(
        actor=partner_a, call=open_call, answers=answers_for(open_call)
    )
    pass_deadline(open_call)
    assert open_call.status == CallStatus.PUBLISHED
    with pytest.raises(ValidationError) as exc:
        application_services.application_submit(actor=partner_a, application=draft)
    assert exc.value.message_dict["__all__"] == [application_services.LATE]
    with pytest.raises(ValidationError):
        application_services.application_save(actor=partner_a, call=open_call, summary="x")
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.DRAFT


def test_late_submission_on_the_page_shows_the_message(client, open_call, partner_a):
    application_services.application_save(
        actor=partner_a, call=open_call, answers=answers_for(open_call)
    )
    pass_deadline(open_call)
    client.force_login(partner_a)
    response = client.post(f"/calls/mine/{open_call.pk}/apply/", {"action": "submit"})
    assert response.status_code == 400
    assert "applications are no longer accepted" in response.content.decode()


def test_send_reminders_closes_calls_past_their_deadline(open_call, reviewers):
    later = published_call(reviewers=reviewers, title="Still open", deadline=in_days(30))
    pass_deadline(open_call)
    call_command("send_reminders", stdout=io.StringIO())
    open_call.refresh_from_db()
    later.refresh_from_db()
    assert open_call.status == CallStatus.CLOSED and open_call.closed_at is not None
    assert later.status == CallStatus.PUBLISHED


def test_a_category_outside_the_call_is_not_eligible(reviewers, partner_a):
    call = published_call(reviewers=reviewers, categories=["civil_society"])
    with pytest.raises(ValidationError) as exc:
        application_services.application_save(actor=partner_a, call=call)
    assert "open to these partner categories only" in exc.value.messages[0]
    assert call not in selectors.calls_for_partner(user=partner_a)


def test_an_organisation_blocked_by_due_diligence_is_not_eligible(reviewers, make_user):
    # The policy asks private-sector partners for an approved review: this one has none.
    company = OrganisationFactory(name="Acme Construction", category="private_sector")
    user = make_user(Role.PARTNER, organisation=company)
    call = published_call(reviewers=reviewers, diligence="not_blocked")
    with pytest.raises(ValidationError) as exc:
        application_services.application_save(actor=user, call=call)
    assert "Due diligence: no valid approved review." in exc.value.messages
    strict = published_call(reviewers=reviewers, title="Strict", diligence="approved")
    with pytest.raises(ValidationError) as exc:
        application_services.application_save(actor=user, call=strict)
    assert any("approved due-diligence review still valid" in m for m in exc.value.messages)


def test_staff_may_not_apply(open_call, officer):
    from accord.core.errors import PermissionDeniedError

    with pytest.raises(PermissionDeniedError):
        application_services.application_save(actor=officer, call=open_call)


def _draft(call, partner):
    return application_services.application_save(
        actor=partner, call=call, answers=answers_for(call)
    )


def test_a_pdf_is_kept_with_its_hash(open_call, partner_a):
    draft = _draft(open_call, partner_a)
    upload = SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf")
    document = application_services.document_add(
        actor=partner_a, application=draft, file=upload, title="Work plan"
    )
    assert document.content_type == "application/pdf" and len(document.sha256) == 64
    assert document.file.read() == PDF


def test_a_file_of_the_wrong_type_is_refused_whatever_its_name(open_call, partner_a):
    draft = _draft(open_call, partner_a)
    upload = SimpleUploadedFile("plan.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError) as exc:
        application_services.document_add(actor=partner_a, application=draft, file=upload)
    assert (
        "is not a PDF, Word (.docx), Excel (.xlsx), PNG or JPEG file"
        in (exc.value.message_dict["file"][0])
    )
    assert draft.documents.count() == 0


def test_an_oversized_file_is_refused_with_the_limit(open_call, partner_a, settings):
    settings.ACCORD_DOCUMENT_MAX_BYTES = 1024
    draft = _draft(open_call, partner_a)
    upload = SimpleUploadedFile("big.pdf", PDF + b"0" * 2048, content_type="application/pdf")
    with pytest.raises(ValidationError) as exc:
        application_services.document_add(actor=partner_a, application=draft, file=upload)
    assert exc.value.message_dict["file"] == ["The file is 2.0\xa0KB; the limit is 1.0\xa0KB."]


def test_upload_page_shows_the_refusal(client, open_call, partner_a):
    _draft(open_call, partner_a)
    client.force_login(partner_a)
    upload = SimpleUploadedFile("notes.txt", b"plain text", content_type="text/plain")
    response = client.post(f"/calls/mine/{open_call.pk}/documents/", {"file": upload})
    assert response.status_code == 400
    assert "checked by its content" in response.content.decode()


def test_clarification_answers_are_public_without_who_asked(client, open_call, partner_a, officer):
    asked = application_services.clarification_ask(
        actor=partner_a, call=open_call, question="Can consortia apply?"
    )
    application_services.clarification_answer(
        actor=officer, clarification=asked, answer="Yes, with one lead partner."
    )
    page = client.get(f"/calls/open/{open_call.pk}/").content.decode()
    assert "Can consortia apply?" in page and "Yes, with one lead partner." in page
    assert partner_a.organisation.name not in page and str(partner_a) not in page
    api = client.get(f"/api/v1/calls/open/{open_call.pk}").json()
    assert api["clarifications"][0]["answer"] == "Yes, with one lead partner."
    assert "asked_by" not in api["clarifications"][0]


def test_clarifications_close_at_their_deadline(reviewers, partner_a):
    call = published_call(reviewers=reviewers, clarification_deadline=in_days(2))
    Call.objects.filter(pk=call.pk).update(
        clarification_deadline=timezone.now() - timedelta(minutes=1)
    )
    call.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        application_services.clarification_ask(actor=partner_a, call=call, question="Late?")
    assert "clarification questions has passed" in exc.value.message_dict["question"][0]


def test_one_application_per_organisation(open_call, org_a, partner_a, make_user):
    colleague = make_user(Role.PARTNER, organisation=org_a)
    submitted(open_call, org_a, partner_a)
    with pytest.raises(ValidationError) as exc:
        application_services.application_save(actor=colleague, call=open_call, summary="Again")
    assert exc.value.messages == ["This application is already submitted."]
    assert Application.objects.filter(call=open_call).count() == 1


def test_deadline_in_the_past_refuses_publication_through_the_form(client, officer, reviewers):
    call = services.call_create(
        actor=None,
        title="Old",
        deadline=in_days(-1),
        criteria=[{"name": "All", "weight": 100}],
        questions=["Q?"],
        reviewers=reviewers,
    )
    client.force_login(officer)
    client.post(f"/calls/{call.pk}/status/", {"transition": "publish", "version": call.version})
    page = client.get(f"/calls/{call.pk}/").content.decode()
    assert "The deadline has passed" in page
    call.refresh_from_db()
    assert call.status == CallStatus.DRAFT
