"""Selecting: staff shortlist and select, finalising notifies every applicant (e-mail and the
notice on its call page), and a selected application becomes an opportunity or an agreement."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from accord.agreements.models import Agreement
from accord.core.models import HistoryEntry
from accord.funding.models import Opportunity
from accord.portal.calls import selection_services, services
from accord.portal.calls.models import ApplicationStatus, CallStatus
from accord.portal.calls.tests.factories import score_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def scored(applications, reviewers):
    a, b = applications
    for reviewer in reviewers:
        score_all(reviewer, a, [9, 8, 7])
        score_all(reviewer, b, [4, 5, 6])
    return a, b


def _finalise(officer, call, selected, django_capture_on_commit_callbacks):
    selection_services.application_decide(actor=officer, application=selected, decision="select")
    with django_capture_on_commit_callbacks(execute=True):
        services.call_transition(actor=officer, call=call, transition="finalise")


def test_finalising_waits_for_every_review(reviewed_call, applications, reviewers, officer):
    a, b = applications
    score_all(reviewers[0], a, [9, 8, 7])
    selection_services.application_decide(actor=officer, application=a, decision="select")
    with pytest.raises(ValidationError) as exc:
        services.call_transition(actor=officer, call=reviewed_call, transition="finalise")
    assert "3 review(s) are missing" in exc.value.message_dict["transition"][0]


def test_a_conflicted_reviewer_is_excused_from_the_missing_reviews(
    reviewed_call, applications, reviewers, officer
):
    from accord.portal.calls import review_services

    a, b = applications
    review_services.declaration_make(
        actor=reviewers[0], application=a, has_conflict=True, note="Board member."
    )
    score_all(reviewers[1], a, [5, 5, 5])
    score_all(reviewers[0], b, [5, 5, 5])
    score_all(reviewers[1], b, [5, 5, 5])
    selection_services.application_decide(actor=officer, application=a, decision="select")
    services.call_transition(actor=officer, call=reviewed_call, transition="finalise")
    reviewed_call.refresh_from_db()
    assert reviewed_call.status == CallStatus.FINALISED


def test_finalising_notifies_everyone(
    reviewed_call, scored, officer, partner_a, partner_b, django_capture_on_commit_callbacks
):
    a, b = scored
    _finalise(officer, reviewed_call, a, django_capture_on_commit_callbacks)
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.status == ApplicationStatus.SELECTED and "has been selected" in a.notice
    assert b.status == ApplicationStatus.NOT_SELECTED and "not been selected" in b.notice
    to = {tuple(m.to): m.subject for m in mail.outbox}
    assert set(to) == {(partner_a.email,), (partner_b.email,)}
    body = {m.to[0]: m.body for m in mail.outbox}
    assert "has been selected" in body[partner_a.email]
    assert "not been selected" in body[partner_b.email]
    assert HistoryEntry.objects.filter(
        model="calls.application", object_id=b.pk, note="Applicant notified of the result."
    ).exists()


def test_each_partner_sees_only_its_own_result(
    client, reviewed_call, scored, officer, partner_a, partner_b, django_capture_on_commit_callbacks
):
    a, b = scored
    _finalise(officer, reviewed_call, a, django_capture_on_commit_callbacks)
    client.force_login(partner_b)
    page = client.get(f"/calls/mine/{reviewed_call.pk}/").content.decode()
    assert "has not been selected" in page and "has been selected" not in page
    assert a.organisation.name not in page


def test_decisions_only_while_under_review(open_call, org_a, partner_a, officer):
    from accord.portal.calls.tests.factories import submitted

    application = submitted(open_call, org_a, partner_a)
    with pytest.raises(ValidationError) as exc:
        selection_services.application_decide(
            actor=officer, application=application, decision="select"
        )
    assert "while the call is under review" in exc.value.message_dict["decision"][0]


def test_a_selected_application_becomes_an_opportunity_and_an_agreement(
    reviewed_call, scored, officer, django_capture_on_commit_callbacks
):
    a, b = scored
    _finalise(officer, reviewed_call, a, django_capture_on_commit_callbacks)
    a.refresh_from_db()
    opportunity = selection_services.application_to_opportunity(actor=officer, application=a)
    agreement = selection_services.application_to_agreement(actor=officer, application=a)
    a.refresh_from_db()
    assert a.opportunity == opportunity and a.agreement == agreement
    assert Opportunity.objects.get(pk=opportunity.pk).organisation_id == a.organisation_id
    assert Agreement.objects.get(pk=agreement.pk).status == "draft"
    with pytest.raises(ValidationError) as exc:
        selection_services.application_to_opportunity(actor=officer, application=a)
    assert exc.value.message_dict["into"] == ["This application is already an opportunity."]
    b.refresh_from_db()
    with pytest.raises(ValidationError):
        selection_services.application_to_agreement(actor=officer, application=b)
    notes = set(
        HistoryEntry.objects.filter(model="calls.application", object_id=a.pk).values_list(
            "note", flat=True
        )
    )
    assert {"Became an opportunity.", "Became an agreement."} <= notes


def test_the_convert_page_records_the_opportunity(
    client, reviewed_call, scored, officer, django_capture_on_commit_callbacks
):
    a, _ = scored
    _finalise(officer, reviewed_call, a, django_capture_on_commit_callbacks)
    client.force_login(officer)
    response = client.post(f"/calls/applications/{a.pk}/convert/", {"into": "opportunity"})
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.opportunity_id is not None
