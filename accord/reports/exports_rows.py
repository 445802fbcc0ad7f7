"""The rows of each exported list: the list's own selector with the list's own filter form,
so an export holds exactly the rows of the page with the same query string, in the same order
and the acting user's scope."""

import re

from django.db.models import QuerySet
from django.http import QueryDict

from accord.agreements import selectors as agreement_selectors
from accord.agreements.forms import AgreementFilterForm
from accord.diligence import selectors as diligence_selectors
from accord.diligence.forms import HitFilterForm
from accord.engagement import selectors as engagement_selectors
from accord.engagement.forms import EngagementFilterForm
from accord.funding import pipeline_selectors, pledge_selectors
from accord.funding.money_forms import MoneyFilterForm
from accord.funding.pipeline_forms import PipelineFilterForm
from accord.knowledge import permissions as knowledge_permissions
from accord.knowledge import selectors as knowledge_selectors
from accord.knowledge.forms import ItemFilterForm
from accord.partners import permissions as partner_permissions
from accord.partners import selectors as partner_selectors
from accord.partners.forms import PartnerFilterForm


def id_param(query: QueryDict, name: str) -> int | None:
    value = query.get(name, "")
    return int(value) if value.isascii() and value.isdigit() else None


def partners(user, query: QueryDict) -> QuerySet:
    filters = PartnerFilterForm(query or None).filters()
    return partner_selectors.organisation_list(user=user, filters=filters)


def contacts(user, query: QueryDict) -> QuerySet:
    organisation = None
    partner = id_param(query, "partner")
    if partner is not None:
        organisation = partner_permissions.visible_organisations(user).filter(pk=partner).first()
        if organisation is None:  # out of scope, or no such partner: nothing, like the page
            return partner_selectors.contact_list(user=user).none()
    return partner_selectors.contact_list(
        user=user, organisation=organisation, q=query.get("q", "").replace("\x00", "")[:200]
    )


def engagements(user, query: QueryDict) -> QuerySet:
    filters = EngagementFilterForm(query or None).filters()
    return engagement_selectors.engagement_list(user=user, filters=filters)


def opportunities(user, query: QueryDict) -> QuerySet:
    filters = PipelineFilterForm(query or None, with_list=True).filters()
    return pipeline_selectors.opportunity_list(user=user, filters=filters)


def pledges(user, query: QueryDict) -> QuerySet:
    filters = MoneyFilterForm(query or None, pledges=True).filters()
    return pledge_selectors.pledge_list(user=user, filters=filters)


def contributions(user, query: QueryDict) -> QuerySet:
    filters = MoneyFilterForm(query or None, pledges=False).filters()
    return pledge_selectors.contribution_list(user=user, filters=filters)


def agreements(user, query: QueryDict) -> QuerySet:
    filters = agreement_selectors.AgreementFilters(**AgreementFilterForm(query or None).filters())
    return agreement_selectors.agreement_list(user=user, filters=filters)


def obligations(user, query: QueryDict) -> QuerySet:
    """The open obligations, as their page lists them (?owner=me or a user id)."""
    owner = user.pk if query.get("owner") == "me" else id_param(query, "owner")
    return agreement_selectors.obligation_list(user=user, owner=owner)


def hits(user, query: QueryDict) -> QuerySet:
    filters = HitFilterForm(query or None).filters()
    return diligence_selectors.hit_list(user=user, filters=filters)


def knowledge(user, query: QueryDict) -> QuerySet:
    show_state = knowledge_permissions.can_write(user)
    filters = ItemFilterForm(query or None, show_state=show_state).filters()
    return knowledge_selectors.item_list(user=user, filters=filters)


PERIOD = re.compile(r"^[0-9]{4}(-Q[1-4])?$")


def indicators(user, query: QueryDict) -> list:
    """The results framework's indicators against their targets for `?period=` (a year such
    as 2025 or a quarter such as 2025-Q2; default this year): a short list, not a queryset."""
    from accord.results.selectors import indicators_against_targets

    period = query.get("period", "")
    return indicators_against_targets(period=period if PERIOD.match(period) else None)
