"""A partner's profile report: its facts and identifiers, focal points and contacts, what was
done with it (engagements and relationship health), funding (pledges, contributions, pipeline),
agreements, due-diligence status, priority score and stories. Each part comes from its app's
read interface through the acting user's scope, and only when their role may read that app
(a part they may not read is left out, not shown empty)."""

from django.utils import timezone

from accord.accounts.roles import can
from accord.agreements.selectors import partner_agreements
from accord.diligence.review_selectors import partner_diligence
from accord.engagement.health import partner_health
from accord.engagement.selectors import partner_summary, partner_timeline
from accord.funding.pipeline_selectors import partner_pipeline
from accord.funding.pledge_selectors import partner_money
from accord.knowledge.selectors import partner_items
from accord.partners.selectors import organisation_detail
from accord.prioritization.selectors import partner_score

RECENT = 10


def _engagements(user, organisation) -> dict | None:
    if not can(user, "engagement.view"):
        return None
    return {
        "summary": partner_summary(organisation=organisation),
        "health": partner_health(organisation=organisation),
        "recent": [
            link.engagement for link in partner_timeline(organisation=organisation)[:RECENT]
        ],
    }


def _funding(user, organisation) -> dict | None:
    if not can(user, "funding.view"):
        return None
    return {
        "money": partner_money(user=user, organisation=organisation, limit=RECENT),
        "pipeline": partner_pipeline(user=user, organisation=organisation, limit=RECENT),
    }


def partner_profile(*, user, pk) -> dict:
    """Everything the profile shows, for the partner `pk` seen through the registry's door
    (404 outside the user's scope)."""
    organisation = organisation_detail(user=user, pk=pk)
    contacts = sorted(organisation.active_contacts, key=lambda c: (not c.is_primary, c.last_name))
    return {
        "organisation": organisation,
        "contacts": contacts,
        "generated_at": timezone.now(),
        "engagements": _engagements(user, organisation),
        "funding": _funding(user, organisation),
        "agreements": (
            list(partner_agreements(user=user, organisation=organisation)[:20])
            if can(user, "agreements.view")
            else None
        ),
        "diligence": (
            partner_diligence(user=user, organisation=organisation)
            if can(user, "diligence.view")
            else None
        ),
        "score": (
            partner_score(user=user, organisation=organisation)
            if can(user, "prioritization.view")
            else None
        ),
        "stories": (
            partner_items(user=user, organisation=organisation, limit=RECENT)
            if can(user, "knowledge.view")
            else None
        ),
    }
