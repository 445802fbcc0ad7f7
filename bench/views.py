"""The plain Django view the API benchmark compares against: the same selector, the same
page of organisations with the same fields, serialised by JsonResponse, with no API framework
(no schema validation, no routing or auth layer of its own). Mounted only by bench/urls.py."""

from django.core.exceptions import PermissionDenied
from django.db.models import prefetch_related_objects
from django.http import JsonResponse

from accord.accounts.roles import can
from accord.partners import selectors

FILTERS = ("q", "category", "subtype", "country", "region", "status", "outcome")


def _row(org) -> dict:
    return {
        "id": org.pk,
        "name": org.name,
        "acronym": org.acronym,
        "aliases": [n.name for n in org.names.all()],
        "category": org.category.code,
        "category_name": org.category.name,
        "subtype": org.subtype,
        "country": org.country_id,
        "country_name": org.country.name if org.country else None,
        "region": org.region.code if org.region else None,
        "city": org.city,
        "website": org.website,
        "email": org.email,
        "phone": org.phone,
        "description": org.description,
        "iati_identifier": org.iati_identifier,
        "registration_number": org.registration_number,
        "status": org.status,
        "owner": org.owner_id,
        "owner_name": str(org.owner) if org.owner else None,
        "outcomes": [o.code for o in org.outcomes.all()],
        "resources_offered": org.resources_offered,
        "ref": org.ref,
        "version": org.version,
        "archived": org.archived_at is not None,
        "archived_at": org.archived_at,
        "created_at": org.created_at,
        "updated_at": org.updated_at,
    }


def organisation_list_plain(request):
    if not can(request.user, "partners.view"):
        raise PermissionDenied
    values = {name: request.GET.get(name, "") for name in FILTERS}
    filters = selectors.OrganisationFilters(**values, sort=request.GET.get("sort", "name"))
    qs = selectors.organisation_list(user=request.user, filters=filters)
    page, size = int(request.GET.get("page", 1)), int(request.GET.get("page_size", 25))
    count = qs.count()
    rows = list(qs[(page - 1) * size : page * size])
    prefetch_related_objects(rows, *selectors.PAGE_PREFETCH)
    return JsonResponse(
        {
            "count": count,
            "page": page,
            "page_size": size,
            "results": [_row(o) for o in rows],
        }
    )
