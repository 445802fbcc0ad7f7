"""The activity file's content, read through each app's guarded door (so a regional focal
point's file holds only what they may see):

- one activity per agreement that was signed (signed, active, expired, terminated or closed);
- one per joint programme not yet carried by such an agreement. In Accord a joint programme is
  either an agreement of type "Joint programme document" (reported as an agreement, each donor
  party a funding organisation) or a won opportunity with co-funders (reported from the
  opportunity: the partner and its co-funders are the funding organisations).

Rows are read in chunks of CHUNK ordered by id, each chunk with a fixed number of queries, so
the file streams at any size. The mapping to IATI codes is in `agreement_activity` and
`joint_programme_activity`; see docs/reports.md."""

from collections.abc import Iterator

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from accord.agreements.models import Agreement, AgreementParty, AgreementStatus
from accord.agreements.permissions import visible_agreements
from accord.core.fetch import guarded
from accord.funding import permissions as funding_permissions
from accord.funding.models import Contribution, Opportunity, Pledge, StageKind
from accord.partners.models import Organisation
from accord.partners.permissions import organisation_scope
from accord.reports.iati import results as iati_results
from accord.reports.iati.mapping import (
    agreement_activity,
    joint_programme_activity,
)
from accord.reports.iati.records import Activity

CHUNK = 500
REPORTED = (
    AgreementStatus.SIGNED,
    AgreementStatus.ACTIVE,
    AgreementStatus.EXPIRED,
    AgreementStatus.TERMINATED,
    AgreementStatus.CLOSED,
)


def _nothing() -> Q:
    return Q(pk__in=[])


def _scoped(qs: QuerySet, user, prefix: str) -> QuerySet:
    scope = organisation_scope(user, prefix)
    return qs.filter(_nothing() if scope is None else scope)


def reported_agreements(user) -> QuerySet[Agreement]:
    return visible_agreements(user).filter(status__in=REPORTED)


def joint_programmes(user) -> QuerySet[Opportunity]:
    """Won opportunities with co-funders that no reported agreement carries."""
    co_funded = Opportunity.co_funders.through.objects.filter(opportunity_id=OuterRef("pk"))
    carried = Agreement.objects.filter(opportunity_id=OuterRef("pk"), status__in=REPORTED)
    qs = Opportunity.objects.filter(Exists(co_funded), stage__kind=StageKind.WON)
    return funding_permissions.visible(user, qs.exclude(Exists(carried)))


def has_activities(user) -> bool:
    return reported_agreements(user).exists() or joint_programmes(user).exists()


def _chunks(qs: QuerySet, size: int = CHUNK) -> Iterator[list]:
    last = 0
    while True:
        rows = list(qs.filter(pk__gt=last).order_by("pk")[:size])
        if not rows:
            return
        yield rows
        last = rows[-1].pk


def _pledges(user, *, ids=(), opportunity_ids=()) -> list[Pledge]:
    """The pledges (with their contributions, oldest first) the user may see."""
    contributions = funding_permissions.visible(
        user, Contribution.objects.select_related("organisation__category")
    ).order_by("value_date", "id")
    qs = Pledge.objects.filter(Q(pk__in=list(ids)) | Q(opportunity_id__in=list(opportunity_ids)))
    qs = funding_permissions.visible(user, qs.select_related("organisation__category"))
    return list(guarded(qs.prefetch_related(Prefetch("contributions", guarded(contributions)))))


def _agreement_rows(user) -> QuerySet[Agreement]:
    parties = _scoped(
        AgreementParty.objects.select_related(
            "organisation__category", "organisation__country"
        ).order_by("id"),
        user,
        "organisation__",
    )
    return guarded(
        reported_agreements(user)
        .select_related("type", "opportunity")
        .prefetch_related(
            Prefetch("party_links", parties, to_attr="iati_parties"),
            "outcomes",
            "opportunity__countries",
        )
    )


def _agreement_activities(user, today, results: dict) -> Iterator[Activity]:
    for chunk in _chunks(_agreement_rows(user)):
        pledges = _pledges(
            user,
            ids={a.pledge_id for a in chunk if a.pledge_id},
            opportunity_ids={a.opportunity_id for a in chunk if a.opportunity_id},
        )
        by_id = {p.pk: p for p in pledges}
        by_opportunity = {p.opportunity_id: p for p in pledges if p.opportunity_id}
        for a in chunk:
            pledge = by_id.get(a.pledge_id) or by_opportunity.get(a.opportunity_id)
            yield agreement_activity(a, pledge=pledge, results=results, today=today)


def _joint_programme_rows(user) -> QuerySet[Opportunity]:
    co_funders = _scoped(Organisation.objects.select_related("category").order_by("id"), user, "")
    return guarded(
        joint_programmes(user)
        .select_related("organisation__category")
        .prefetch_related(
            Prefetch("co_funders", co_funders, to_attr="iati_co_funders"),
            "outcomes",
            "countries",
        )
    )


def _joint_programme_activities(user, results: dict) -> Iterator[Activity]:
    for chunk in _chunks(_joint_programme_rows(user)):
        pledges = {
            p.opportunity_id: p for p in _pledges(user, opportunity_ids={o.pk for o in chunk})
        }
        for opportunity in chunk:
            yield joint_programme_activity(
                opportunity, pledge=pledges.get(opportunity.pk), results=results
            )


def activities(user, *, today=None) -> Iterator[Activity]:
    """Every activity `user` may see: agreements first, then joint programmes, by id."""
    today = today or timezone.localdate()
    results = iati_results.indicators_by_outcome(today=today)
    yield from _agreement_activities(user, today, results)
    yield from _joint_programme_activities(user, results)
