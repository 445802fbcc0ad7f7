"""Test data for calls, made through the services so history and versions are real."""

from datetime import timedelta

from django.utils import timezone

from accord.portal.calls import application_services, review_services, services
from accord.portal.calls.models import Call

CRITERIA = [
    {"name": "Relevance to the outcomes", "weight": 40},
    {"name": "Capacity to deliver", "weight": 35},
    {"name": "Value for money", "weight": 25},
]


def in_days(n: float):
    return timezone.now() + timedelta(days=n)


def make_call(*, reviewers=(), title="Resilient secondary cities", **fields) -> Call:
    """A draft call with three criteria adding up to 100 and two questions."""
    fields.setdefault("deadline", in_days(10))
    fields.setdefault("criteria", CRITERIA)
    fields.setdefault("questions", ["What will you do?", "Who will do it?"])
    fields.setdefault("diligence", "none")
    return services.call_create(actor=None, title=title, reviewers=list(reviewers), **fields)


def published_call(**kwargs) -> Call:
    call = make_call(**kwargs)
    return services.call_transition(actor=None, call=call, transition="publish")


def answers_for(call) -> dict:
    return {q.pk: f"Our answer to {q.text}" for q in call.questions.all()}


def submitted(call, organisation, user=None):
    """An application of `organisation` submitted to the published `call`."""
    application = application_services.application_save(
        actor=user,
        call=call,
        organisation=organisation,
        summary="We build with communities.",
        answers=answers_for(call),
    )
    actor = user
    return application_services.application_submit(actor=actor, application=application)


def close_and_review(call):
    """Pass the deadline, close the call and start the review (as the system)."""
    after = call.deadline + timedelta(minutes=1)
    services.call_transition(actor=None, call=call, transition="close", now=after)
    return services.call_transition(actor=None, call=call, transition="start_review", now=after)


def score_all(reviewer, application, values):
    """`reviewer` declares no conflict and scores each criterion with `values` in order."""
    review_services.declaration_make(actor=reviewer, application=application, has_conflict=False)
    criteria = list(application.call.criteria.all())
    scores = {
        c.pk: {"score": v, "comment": "Well argued."} for c, v in zip(criteria, values, strict=True)
    }
    return review_services.review_save(actor=reviewer, application=application, scores=scores)
