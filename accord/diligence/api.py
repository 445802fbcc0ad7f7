"""API of screening and sanctions lists: the hits (with both sides of each match), decisions on
them, screening a partner now, a partner's due-diligence status (why it is blocked), and the
list versions and entries. Reviews are in review_api.py, added to the same `router`."""

from datetime import date, datetime

from django.db.models import prefetch_related_objects
from ninja import Field, Query, Router, Schema

from accord.api.common import Page, Ref, paginate, require
from accord.diligence import hit_services, permissions, review_selectors, selectors
from accord.diligence.models import Entry, HitStatus, ScreeningHit
from accord.diligence.review_api import ReviewOut, review_out
from accord.diligence.review_api import router as review_router
from accord.partners import permissions as partner_permissions

router = Router(tags=["due diligence"])


class EntryNameOut(Schema):
    name: str
    kind: str
    quality: str


class EntryOut(Schema):
    id: int
    list: str
    reference_number: str
    kind: str
    name: str
    original_script_name: str
    names: list[EntryNameOut] = Field(description="Every name and alias, with its quality")
    list_type: str
    listed_on: date | None
    nationalities: list[str]
    dates_of_birth: list[dict]
    addresses: list[dict]
    comments: str
    listed: bool = Field(description="False once a newer list version no longer carries it")


class SubjectOut(Schema):
    kind: str = Field(description="organisation or contact")
    id: int
    name: str
    organisation: Ref
    country: str | None


class HitOut(Schema):
    id: int
    status: str
    status_label: str
    score: float
    explanation: list[str]
    screened_name: str
    subject: SubjectOut
    entry: EntryOut
    list_version: Ref
    decided_by: str | None
    decided_at: datetime | None
    reason: str
    created_at: datetime


class HitPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[HitOut]


class HitQuery(Page):
    status: str = Field("open", description="open, confirmed, false_positive, cleared or all")
    list: str = Field("", description="Sanctions list code, e.g. un_sc")
    region: str = Field("", description="Region code of the partner")
    min_score: float | None = Field(None, ge=0, le=1)
    organisation: int | None = Field(None, description="Hits of this partner and its contacts")


class DecisionIn(Schema):
    status: str = Field(description="confirmed or false_positive")
    reason: str


class ScreenOut(Schema):
    run: int
    list_version: str
    counts: dict


class DiligenceOut(Schema):
    organisation: Ref
    blocked: bool
    blocking_reasons: list[str]
    needs_review: bool
    last_screened: datetime | None
    hits: list[HitOut]
    reviews: list[ReviewOut]


class VersionOut(Schema):
    id: int
    list: str
    generated_at: datetime | None
    loaded_at: datetime
    file_name: str
    checksum: str
    is_current: bool
    counts: dict


class VersionPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[VersionOut]


class EntryPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[EntryOut]


class EntryQuery(Page):
    q: str = Field("", description="A name (any script, any case) or a reference number")
    listed: str = Field("", description="listed or delisted")
    kind: str = Field("", description="individual or entity")


def entry_out(e: Entry) -> dict:
    return {
        **{f: getattr(e, f) for f in ("id", "reference_number", "kind", "name",
                                      "original_script_name", "list_type", "listed_on",
                                      "nationalities", "dates_of_birth", "addresses",
                                      "comments")},
        "list": e.sanctions_list.code,
        "names": [{"name": n.name, "kind": n.kind, "quality": n.quality} for n in e.names.all()],
        "listed": e.is_listed,
    }


def _subject(hit: ScreeningHit) -> dict:
    if hit.organisation_id:
        org = hit.organisation
        return {"kind": "organisation", "id": org.pk, "name": org.name,
                "organisation": {"id": org.pk, "name": org.name},
                "country": org.country_id}
    contact = hit.contact
    org = contact.organisation
    return {"kind": "contact", "id": contact.pk, "name": contact.full_name,
            "organisation": {"id": org.pk, "name": org.name}, "country": org.country_id}


def hit_out(hit: ScreeningHit) -> dict:
    return {
        **{f: getattr(hit, f) for f in ("id", "status", "explanation", "screened_name",
                                        "decided_at", "reason", "created_at")},
        "status_label": hit.get_status_display(),
        "score": float(hit.score),
        "subject": _subject(hit),
        "entry": entry_out(hit.entry),
        "list_version": {"id": hit.version_id, "name": str(hit.version)},
        "decided_by": str(hit.decided_by) if hit.decided_by else None,
    }


@router.get("/screening/hits", response=HitPage, summary="Screening hits, strongest first")
def hit_list(request, filters: Query[HitQuery]):
    require(request.auth, "diligence.view")
    status = "" if filters.status == "all" else filters.status
    if status and status not in HitStatus.values:
        status = "__none__"  # an unknown status matches nothing, as a filter should
    qs = selectors.hit_list(
        user=request.auth,
        filters=selectors.HitFilters(
            status=status, sanctions_list=filters.list, region=filters.region,
            min_score=filters.min_score, organisation=filters.organisation,
        ),
    )
    data = paginate(qs, filters, selectors.HIT_PREFETCH)
    data["results"] = [hit_out(h) for h in data.pop("rows")]
    return data


def _read_hit(user, pk) -> dict:
    return hit_out(selectors.hit_detail(user=user, pk=pk))


@router.get("/screening/hits/{hit_id}", response=HitOut, summary="One hit, both sides")
def hit_read(request, hit_id: int):
    return _read_hit(request.auth, hit_id)


@router.post("/screening/hits/{hit_id}/decision", response=HitOut, summary="Decide a hit")
def hit_decide(request, hit_id: int, payload: DecisionIn):
    hit = permissions.hit_for(request.auth, hit_id, action="decide")
    hit_services.hit_decide(
        actor=request.auth, hit=hit, status=payload.status, reason=payload.reason
    )
    return _read_hit(request.auth, hit_id)


@router.post("/organisations/{organisation_id}/screen", response=ScreenOut,
             summary="Screen a partner and its contacts now")
def organisation_screen(request, organisation_id: int):
    require(request.auth, "diligence.screen")
    organisation = partner_permissions.organisation_for(request.auth, organisation_id)
    run = hit_services.screen_organisation(actor=request.auth, organisation=organisation)
    return {"run": run.pk, "list_version": str(run.version), "counts": run.counts}


@router.get("/organisations/{organisation_id}/diligence", response=DiligenceOut,
            summary="Why a partner is blocked, its hits and its reviews")
def organisation_diligence(request, organisation_id: int):
    require(request.auth, "diligence.view")
    organisation = partner_permissions.organisation_for(request.auth, organisation_id)
    found = review_selectors.partner_diligence(user=request.auth, organisation=organisation)
    hits = found["hits"]
    prefetch_related_objects(hits, *selectors.HIT_PREFETCH)
    last = found["last_run"]
    return {
        "organisation": {"id": organisation.pk, "name": organisation.name},
        "blocked": bool(found["blocking"]),
        "blocking_reasons": found["blocking"],
        "needs_review": found["needs_review"],
        "last_screened": last.finished_at if last else None,
        "hits": [hit_out(h) for h in hits],
        "reviews": [review_out(request.auth, r) for r in found["reviews"]],
    }


@router.get("/sanctions/versions", response=VersionPage, summary="Versions of the lists")
def version_list(request, page: Query[Page]):
    require(request.auth, "diligence.view")
    data = paginate(review_selectors.version_list(), page)
    data["results"] = [
        {**{f: getattr(v, f) for f in ("id", "generated_at", "loaded_at", "file_name",
                                        "checksum", "is_current", "counts")},
         "list": v.sanctions_list.code}
        for v in data.pop("rows")
    ]
    return data


@router.get("/sanctions/entries", response=EntryPage, summary="Listed individuals and entities")
def entry_list(request, filters: Query[EntryQuery]):
    require(request.auth, "diligence.view")
    qs = review_selectors.entry_list(q=filters.q, listed=filters.listed, kind=filters.kind)
    data = paginate(qs, filters, ["names"])
    data["results"] = [entry_out(e) for e in data.pop("rows")]
    return data


router.add_router("", review_router)
