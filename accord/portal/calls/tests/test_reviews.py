"""Conflicts of interest come first: a reviewer sees an application only after declaring none,
and a declared conflict hides it and refuses scores — on pages, in the API and in services."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from accord.core.errors import PermissionDeniedError
from accord.portal.calls import review_services
from accord.portal.calls.models import Review
from accord.portal.calls.review_selectors import CONFLICT, UNDECLARED
from accord.portal.calls.tests.factories import score_all

pytestmark = pytest.mark.django_db


def _scores(application, values, comment="Convincing."):
    criteria = application.call.criteria.all()
    return {c.pk: {"score": v, "comment": comment} for c, v in zip(criteria, values, strict=True)}


def test_scoring_before_declaring_is_refused(applications, reviewers):
    a, _ = applications
    with pytest.raises(PermissionDeniedError) as exc:
        review_services.review_save(actor=reviewers[0], application=a, scores=_scores(a, [5] * 3))
    assert str(exc.value) == UNDECLARED


def test_a_declared_conflict_refuses_scores_and_cannot_be_withdrawn(applications, reviewers):
    a, _ = applications
    review_services.declaration_make(
        actor=reviewers[0], application=a, has_conflict=True, note="I sit on its board."
    )
    with pytest.raises(PermissionDeniedError) as exc:
        review_services.review_save(actor=reviewers[0], application=a, scores=_scores(a, [5] * 3))
    assert str(exc.value) == CONFLICT
    with pytest.raises(ValidationError) as exc:
        review_services.declaration_make(actor=reviewers[0], application=a, has_conflict=False)
    assert "cannot be withdrawn" in exc.value.message_dict["has_conflict"][0]


def test_a_conflict_needs_a_note(applications, reviewers):
    a, _ = applications
    with pytest.raises(ValidationError) as exc:
        review_services.declaration_make(actor=reviewers[0], application=a, has_conflict=True)
    assert exc.value.message_dict == {"note": ["Say briefly what the conflict is."]}


def test_declaring_a_conflict_after_scoring_withdraws_the_review(applications, reviewers):
    a, _ = applications
    score_all(reviewers[0], a, [5, 5, 5])
    review_services.declaration_make(
        actor=reviewers[0],
        application=a,
        has_conflict=True,
        note="Found out my sister works there.",
    )
    assert not Review.objects.filter(application=a, reviewer=reviewers[0]).exists()


def test_every_criterion_needs_a_score_from_0_to_10_and_a_comment(applications, reviewers):
    a, _ = applications
    review_services.declaration_make(actor=reviewers[0], application=a, has_conflict=False)
    criteria = list(a.call.criteria.all())
    scores = {
        criteria[0].pk: {"score": 11, "comment": "x"},
        criteria[1].pk: {"score": 5, "comment": ""},
    }
    with pytest.raises(ValidationError) as exc:
        review_services.review_save(actor=reviewers[0], application=a, scores=scores)
    errors = exc.value.message_dict
    assert errors[f"score_{criteria[0].pk}"] == [
        "Relevance to the outcomes: give a whole number from 0 to 10."
    ]
    assert errors[f"comment_{criteria[1].pk}"] == ["Capacity to deliver: explain the score."]
    assert f"score_{criteria[2].pk}" in errors
    assert not Review.objects.exists()


def test_the_weighted_score_is_stored_and_replaced_on_a_new_save(applications, reviewers):
    a, _ = applications
    assert score_all(reviewers[0], a, [8, 7, 6]).total == Decimal("71.50")
    review = review_services.review_save(
        actor=reviewers[0], application=a, scores=_scores(a, [10, 10, 10])
    )
    assert review.total == Decimal("100.00") and review.scores.count() == 3
    assert Review.objects.filter(application=a).count() == 1


def test_a_reviewer_not_on_the_panel_gets_404(applications, make_user):
    from django.http import Http404

    from accord.accounts.models import Role

    outsider = make_user(Role.REVIEWER)
    with pytest.raises(Http404):
        review_services.declaration_make(
            actor=outsider, application=applications[0], has_conflict=False
        )


def test_pages_hide_the_application_until_no_conflict_is_declared(client, applications, reviewers):
    a, _ = applications
    answer = a.answers.first().text
    client.force_login(reviewers[0])
    page = client.get(f"/calls/assignments/{a.pk}/").content.decode()
    assert a.organisation.name in page and answer not in page and "conflict of interest" in page
    response = client.post(f"/calls/assignments/{a.pk}/declare/", {"has_conflict": "no"})
    assert response.status_code == 302
    assert answer in client.get(f"/calls/assignments/{a.pk}/").content.decode()


def test_the_conflicted_reviewer_page_and_api_refuse(client, applications, reviewers):
    a, _ = applications
    client.force_login(reviewers[1])
    response = client.post(
        f"/calls/assignments/{a.pk}/declare/", {"has_conflict": "yes", "note": "Former employer."}
    )
    assert response.status_code == 302
    response = client.get(f"/calls/assignments/{a.pk}/")
    assert response.status_code == 403
    assert CONFLICT in response.content.decode()
    assert a.answers.first().text not in response.content.decode()
    criteria = a.call.criteria.all()
    data = {f"score_{c.pk}": "5" for c in criteria} | {f"comment_{c.pk}": "ok" for c in criteria}
    response = client.post(f"/calls/assignments/{a.pk}/score/", data)
    assert response.status_code == 403 and CONFLICT in response.content.decode()
    api = client.put(
        f"/api/v1/calls/assignments/{a.pk}/review",
        {"scores": {str(c.pk): {"score": 5, "comment": "ok"} for c in criteria}},
        content_type="application/json",
    )
    assert api.status_code == 403 and api.json()["detail"] == CONFLICT
    assert not Review.objects.exists()


def test_the_score_form_saves_a_review(client, applications, reviewers):
    a, _ = applications
    client.force_login(reviewers[0])
    client.post(f"/calls/assignments/{a.pk}/declare/", {"has_conflict": "no"})
    criteria = list(a.call.criteria.all())
    data = {f"score_{c.pk}": str(v) for c, v in zip(criteria, [8, 7, 6], strict=True)}
    data |= {f"comment_{c.pk}": "Clear plan." for c in criteria}
    response = client.post(f"/calls/assignments/{a.pk}/score/", data)
    assert response.status_code == 302
    assert Review.objects.get(application=a, reviewer=reviewers[0]).total == Decimal("71.50")
