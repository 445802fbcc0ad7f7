"""Turning what callers give (objects, ids or codes from forms, the API and the demo) into the
records of an agreement, each with a clear message on its own field. Partners, people, regions
and strategy lines are resolved as the engagement app does (accord.engagement.resolve)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.http import Http404

from accord.accounts.roles import region_scope
from accord.agreements.models import AgreementType, PartyRole
from accord.engagement.resolve import resolve_organisations
from accord.funding import permissions as funding_permissions
from accord.funding.models import Opportunity, Pledge


def resolve_type(value, *, keep=None) -> AgreementType:
    """An active agreement type (or the one already set, `keep`) by object, code or id."""
    if value is None or value == "":
        raise ValidationError({"type": "Choose the type of agreement."})
    if isinstance(value, AgreementType):
        found = value
    else:
        text = str(value).strip()
        rows = AgreementType.objects.all()
        found = rows.filter(code=text).first() or (
            rows.filter(pk=int(text)).first() if text.isdigit() else None
        )
    if found is None or (not found.is_active and found != keep):
        raise ValidationError({"type": f"Unknown agreement type {value!s}."})
    return found


def _funding_record(actor, value, model, fetch, field: str, what: str):
    """An opportunity or pledge the actor may see, through the funding app's door. The system
    (actor None) passes the record itself."""
    if value is None or value == "":
        return None
    if actor is None:
        if isinstance(value, model):
            return value
        found = model.objects.filter(pk=int(value)).first() if str(value).isdigit() else None
        if found is None:
            raise ValidationError({field: f"Unknown {what} {value!s}."})
        return found
    pk = value.pk if isinstance(value, model) else value
    try:
        return fetch(actor, pk)
    except Http404:
        raise ValidationError({field: f"Unknown {what} {pk!s}, or outside your scope."}) from None


def resolve_opportunity(actor, value) -> Opportunity | None:
    return _funding_record(
        actor,
        value,
        Opportunity,
        funding_permissions.opportunity_for,
        "opportunity",
        "opportunity",
    )


def resolve_pledge(actor, value) -> Pledge | None:
    return _funding_record(actor, value, Pledge, funding_permissions.pledge_for, "pledge", "pledge")


def _party_item(item) -> dict:
    """One party as {organisation, role, signatory_name, signed_on} from a dict, a pair
    (organisation, role) or an organisation alone."""
    if isinstance(item, dict):
        data = dict(item)
    elif isinstance(item, list | tuple):
        data = {"organisation": item[0], "role": item[1] if len(item) > 1 else ""}
    else:
        data = {"organisation": item}
    data["role"] = str(data.get("role") or PartyRole.CO_SIGNATORY)
    data["signatory_name"] = " ".join(str(data.get("signatory_name") or "").split())
    data.setdefault("signed_on", None)
    return data


def resolve_parties(actor, values, *, current=()) -> list[dict]:
    """The parties: partners the actor may see with a role each (at least one). A regional
    focal point cannot drop parties they do not see: those stay, with their role."""
    items = [_party_item(v) for v in values or ()]
    bad_roles = sorted({i["role"] for i in items if i["role"] not in PartyRole.values})
    if bad_roles:
        raise ValidationError(
            {
                "parties": f"Unknown party role(s): {', '.join(bad_roles)}. "
                f"Choose from: {', '.join(PartyRole.values)}."
            }
        )
    bad_dates = [i for i in items if i["signed_on"] and not isinstance(i["signed_on"], date)]
    if bad_dates:
        raise ValidationError({"parties": "A party's signature date must be a date."})
    keys = [str(getattr(i["organisation"], "pk", i["organisation"])).strip() for i in items]
    if len(set(keys)) != len(keys):
        raise ValidationError({"parties": "Each partner can be a party only once."})
    try:
        orgs = resolve_organisations(
            actor, [i["organisation"] for i in items], keep=[p["organisation"].pk for p in current]
        )
    except ValidationError as exc:
        raise ValidationError({"parties": exc.message_dict["organisations"]}) from None
    parties = [{**item, "organisation": org} for item, org in zip(items, orgs, strict=True)]
    seen = {p["organisation"].pk for p in parties}
    scope = region_scope(actor) if actor is not None else None
    if scope is not None:
        parties += [
            p
            for p in current
            if p["organisation"].region_id not in scope and p["organisation"].pk not in seen
        ]
    if not parties:
        raise ValidationError({"parties": "Add at least one party."})
    return parties
