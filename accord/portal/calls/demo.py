"""Demonstration calls: `load_demo_calls()` records an open call for proposals and a call for
expression of interest that is closed and under review, with applications from demo partners
(those of the portal's demo partner users first, so they see their call pages), a published
clarification, two demo reviewers' declarations and scores.

Everything goes through the services (history, `is_demo` on calls and applications); a call
already there (same title) is left alone, so loading twice changes nothing."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accord.accounts.models import Role, User
from accord.diligence.selectors import blocking_reasons
from accord.partners.models import Organisation
from accord.portal.calls import application_services, review_services, services
from accord.portal.calls.models import Call
from accord.strategy.selectors import current_strategy

OPEN_TITLE = "Participatory slum upgrading in secondary cities"
REVIEW_TITLE = "Expression of interest: urban data partnerships for SDG localisation"
REVIEWERS = [("demo.reviewer.okafor", "Ngozi", "Okafor"), ("demo.reviewer.silva", "Tiago", "Silva")]
CRITERIA = [
    {
        "name": "Relevance to the outcomes",
        "weight": 35,
        "description": "How directly the proposal serves the call's outcomes.",
    },
    {
        "name": "Capacity and track record",
        "weight": 30,
        "description": "Experience, staff and partnerships to deliver.",
    },
    {
        "name": "Community participation",
        "weight": 20,
        "description": "Residents and local authorities take part in decisions.",
    },
    {"name": "Value for money", "weight": 15, "description": "Costs in proportion to results."},
]
QUESTIONS = [
    "What will you do, where, and with whom?",
    "What results do you expect within 24 months, and how will you measure them?",
    "What resources (staff, funds, data, in kind) do you bring?",
]
SCORES = [[8, 7, 9, 6], [6, 8, 5, 7], [9, 9, 8, 8], [4, 5, 6, 5]]


def _reviewers() -> list[User]:
    """Fictitious reviewers who cannot log in until an administrator sets a password (accounts
    has no user service, so they are created here, like the demo staff)."""
    users = []
    for username, first, last in REVIEWERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(
                username=username,
                first_name=first,
                last_name=last,
                role=Role.REVIEWER,
                email=f"{username}@unhabitat.example",
            )
            user.set_unusable_password()
            user.save()
        users.append(user)
    return users


def _applicants(count: int) -> list[Organisation]:
    """Demo partners that due diligence does not block, the portal's demo partners first."""
    portal = list(
        User.objects.filter(role=Role.PARTNER, organisation__is_demo=True)
        .order_by("username")
        .values_list("organisation_id", flat=True)
    )
    rows = (
        Organisation.objects.filter(
            is_demo=True,
            archived_at__isnull=True,
            category__code__in=("local_authority", "civil_society"),
        )
        .order_by("id")
        .values_list("id", flat=True)[:40]
    )
    ids = list(dict.fromkeys([*portal, *rows]))
    blocked = {pk for pk, reasons in blocking_reasons(ids).items() if reasons}
    wanted = [pk for pk in ids if pk not in blocked][:count]
    found = Organisation.objects.select_related("category").in_bulk(wanted)
    return [found[pk] for pk in wanted]


def _outcomes(n: int) -> list:
    strategy = current_strategy()
    from accord.strategy.models import Outcome

    plan = getattr(strategy, "plan_id", None)
    return list(Outcome.objects.filter(domain__plan_id=plan).order_by("code")[:n])


def _open_call(reviewers) -> Call:
    call = services.call_create(
        actor=None,
        title=OPEN_TITLE,
        kind="proposals",
        is_demo=True,
        description="Proposals from local authorities and community organisations to upgrade "
        "informal settlements with their residents.",
        deadline=timezone.now() + timedelta(days=30),
        clarification_deadline=timezone.now() + timedelta(days=20),
        categories=["local_authority", "civil_society"],
        diligence="not_blocked",
        outcomes=_outcomes(2),
        countries=["KE", "BR", "IN"],
        reviewers=reviewers,
        criteria=CRITERIA,
        questions=QUESTIONS,
    )
    return services.call_transition(actor=None, call=call, transition="publish")


def _call_under_review(reviewers, applicants) -> Call:
    now = timezone.now()
    call = services.call_create(
        actor=None,
        title=REVIEW_TITLE,
        kind="interest",
        is_demo=True,
        description="Partners who collect, share or analyse urban data for the voluntary "
        "local reviews of the SDGs.",
        deadline=now + timedelta(days=1),
        diligence="not_blocked",
        outcomes=_outcomes(4)[2:],
        reviewers=reviewers,
        criteria=CRITERIA,
        questions=QUESTIONS,
    )
    services.call_transition(actor=None, call=call, transition="publish")
    asked = application_services.clarification_ask(
        actor=None,
        call=call,
        organisation=applicants[0],
        question="May a consortium of two cities apply together?",
    )
    application_services.clarification_answer(
        actor=None,
        clarification=asked,
        answer="Yes: one member applies as the lead and names the others in its answers.",
    )
    applications = []
    for org in applicants:
        draft = application_services.application_save(
            actor=None,
            call=call,
            organisation=org,
            is_demo=True,
            summary=f"{org.name} proposes to share its urban data for SDG localisation.",
            answers={
                q.pk: f"{org.name}: {q.text.lower()} — see our work plan."
                for q in call.questions.all()
            },
        )
        applications.append(application_services.application_submit(actor=None, application=draft))
    closed_at = now - timedelta(days=7)
    services.call_update(
        actor=None,
        call=call,
        deadline=closed_at,
        clarification_deadline=closed_at - timedelta(days=7),
    )
    services.call_transition(actor=None, call=call, transition="close", now=now)
    services.call_transition(actor=None, call=call, transition="start_review", now=now)
    criteria = list(call.criteria.all())
    for n, application in enumerate(applications):
        for r, reviewer in enumerate(reviewers):
            review_services.declaration_make(
                actor=reviewer, application=application, has_conflict=False
            )
            values = SCORES[(n + r) % len(SCORES)]
            review_services.review_save(
                actor=reviewer,
                application=application,
                scores={
                    c.pk: {"score": v, "comment": "Assessed against the call's guidance."}
                    for c, v in zip(criteria, values, strict=True)
                },
            )
    return call


@transaction.atomic
def load_demo_calls() -> dict:
    counts = {"reviewers": 0, "calls": 0, "applications": 0}
    reviewers = _reviewers()
    counts["reviewers"] = len(reviewers)
    if not Call.objects.filter(title=OPEN_TITLE).exists():
        _open_call(reviewers)
        counts["calls"] += 1
    if not Call.objects.filter(title=REVIEW_TITLE).exists():
        applicants = _applicants(4)
        if len(applicants) >= 2:
            call = _call_under_review(reviewers, applicants)
            counts["calls"] += 1
            counts["applications"] += call.applications.count()
    return counts
