"""Expressions of interest: the strategy's invitation to stakeholders "to express their
interest in and align their knowledge, expertise and resources with the 12 domains of change
outcomes and projects". A partner states what it offers and seeks; staff answer, and may turn
it into an engagement (accord.engagement) or an opportunity (accord.funding), recorded here."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accord.core.history import record
from accord.engagement import services as engagement_services
from accord.engagement.models import EngagementKind
from accord.engagement.resolve import resolve_flagship
from accord.funding import pipeline_services
from accord.partners import services as partner_services
from accord.partners.models import Resource
from accord.portal import permissions, states
from accord.portal.models import ExpressionOfInterest


def _collect(errors: dict, field: str, func, *args):
    try:
        return func(*args)
    except ValidationError as exc:
        messages = exc.message_dict.get(field) or exc.messages
        errors.setdefault(field, list(messages))
        return None


def _flagships(values) -> list:
    return [resolve_flagship(v) for v in values or ()]


def _countries(values) -> list:
    return [partner_services.resolve_country(v) for v in values or () if v not in (None, "")]


def _resources(values) -> list[str]:
    codes = list(dict.fromkeys(str(v).strip() for v in values or () if str(v).strip()))
    unknown = [c for c in codes if c not in Resource.values]
    if unknown:
        raise ValidationError(
            {
                "resources": f"Unknown resource(s): {', '.join(unknown)}. "
                f"Choose from: {', '.join(Resource.values)}."
            }
        )
    return codes


@transaction.atomic
def interest_create(
    *,
    actor,
    title: str,
    offers: str,
    seeks: str = "",
    resources=(),
    outcomes=(),
    flagships=(),
    countries=(),
    is_demo: bool = False,
    organisation=None,
) -> ExpressionOfInterest:
    """A partner focal point expresses interest for their own organisation (the system, for
    demo data, names the organisation). At least one outcome or flagship programme: an
    interest always points at the strategic plan."""
    if actor is not None:
        organisation = permissions.require_partner(actor)
    errors: dict = {}
    title, offers = " ".join(str(title or "").split()), str(offers or "").strip()
    if not title:
        errors["title"] = ["Give your expression of interest a short title."]
    if not offers:
        errors["offers"] = ["Say what knowledge, expertise or resources you offer."]
    if len(title) > 200:
        errors["title"] = ["Keep the title under 200 characters."]
    codes = _collect(errors, "resources", _resources, resources)
    found_outcomes = _collect(errors, "outcomes", partner_services.resolve_outcomes, outcomes)
    found_flagships = _collect(errors, "flagship", _flagships, flagships)
    if "flagship" in errors:
        errors["flagships"] = errors.pop("flagship")
    found_countries = _collect(errors, "country", _countries, countries)
    if "country" in errors:
        errors["countries"] = errors.pop("country")
    if not errors and not found_outcomes and not found_flagships:
        errors["outcomes"] = ["Choose at least one outcome or flagship programme."]
    if errors:
        raise ValidationError(errors)
    eoi = ExpressionOfInterest.objects.create(
        organisation=organisation,
        submitted_by=actor,
        title=title,
        offers=offers,
        seeks=str(seeks or "").strip(),
        resources=codes,
        is_demo=is_demo,
    )
    eoi.outcomes.set(found_outcomes)
    eoi.flagships.set(found_flagships)
    eoi.countries.set(found_countries)
    record(
        obj=eoi,
        action="create",
        actor=actor,
        changes={
            "title": [None, title],
            "outcomes": [None, sorted(o.code for o in found_outcomes)],
            "flagships": [None, sorted(f.code for f in found_flagships)],
        },
    )
    return eoi


@transaction.atomic
def interest_answer(*, actor, interest: ExpressionOfInterest, answer: str) -> ExpressionOfInterest:
    """Staff answer; the partner sees the answer on its page. A new answer replaces the old
    one, which stays in the history."""
    permissions.require(actor, "portal.answer", "You may not answer expressions of interest.")
    interest.status = states.next_status("interest", "answer", interest)
    answer = str(answer or "").strip()
    if not answer:
        raise ValidationError({"answer": "Write the answer the partner will read."})
    before = interest.answer
    interest.answer, interest.answered_by, interest.answered_at = answer, actor, timezone.now()
    interest.save(update_fields=["status", "answer", "answered_by", "answered_at", "updated_at"])
    record(obj=interest, action="update", actor=actor, changes={"answer": [before, answer]})
    return interest


@transaction.atomic
def interest_withdraw(*, actor, interest: ExpressionOfInterest) -> ExpressionOfInterest:
    permissions.require_own(actor, interest.organisation_id)
    old = interest.status
    interest.status = states.next_status("interest", "withdraw", interest)
    interest.save(update_fields=["status", "updated_at"])
    record(obj=interest, action="update", actor=actor, changes={"status": [old, interest.status]})
    return interest


def _related(interest: ExpressionOfInterest) -> tuple[list, list, list]:
    return (
        list(interest.outcomes.all()),
        list(interest.flagships.all()),
        list(interest.countries.all()),
    )


@transaction.atomic
def interest_to_engagement(
    *, actor, interest: ExpressionOfInterest, kind: str, start_date, title: str = ""
) -> ExpressionOfInterest:
    """Log an engagement with the partner, tagged with the outcomes, flagship programme and
    country of the interest, and record it on the interest."""
    permissions.require(actor, "portal.answer", "You may not act on expressions of interest.")
    if interest.engagement_id:
        raise ValidationError("This expression of interest already became an engagement.")
    outcomes, flagships, countries = _related(interest)
    engagement = engagement_services.engagement_create(
        actor=actor,
        title=title or interest.title,
        kind=kind or EngagementKind.INTRODUCTION,
        start_date=start_date,
        organisations=[interest.organisation],
        summary=f"From the expression of interest “{interest.title}”.\n\n{interest.offers}",
        outcomes=outcomes,
        flagship=flagships[0] if flagships else None,
        country=countries[0] if countries else None,
        is_demo=interest.is_demo,
    )
    interest.engagement = engagement
    interest.save(update_fields=["engagement", "updated_at"])
    record(
        obj=interest, action="update", actor=actor, changes={"engagement": [None, str(engagement)]}
    )
    return interest


@transaction.atomic
def interest_to_opportunity(
    *, actor, interest: ExpressionOfInterest, amount=0, currency: str = "USD", title: str = ""
) -> ExpressionOfInterest:
    """Open an opportunity in the resource-mobilisation pipeline with the partner, tagged with
    the interest's outcomes, flagship programme and countries, and record it here."""
    permissions.require(actor, "portal.answer", "You may not act on expressions of interest.")
    if interest.opportunity_id:
        raise ValidationError("This expression of interest already became an opportunity.")
    outcomes, flagships, countries = _related(interest)
    opportunity = pipeline_services.opportunity_create(
        actor=actor,
        organisation=interest.organisation,
        title=title or interest.title,
        amount=amount,
        currency=currency,
        description=interest.offers,
        outcomes=outcomes,
        countries=countries,
        flagship=flagships[0] if flagships else None,
        is_demo=interest.is_demo,
    )
    interest.opportunity = opportunity
    interest.save(update_fields=["opportunity", "updated_at"])
    record(
        obj=interest,
        action="update",
        actor=actor,
        changes={"opportunity": [None, str(opportunity)]},
    )
    return interest
