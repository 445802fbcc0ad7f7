"""Turning what callers give (objects, ids, codes from the API) into records for the knowledge
services, each refusal with a clear message on its own field. Partners are looked up through
the registry's door: a user names only partners they may see."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from accord.accounts.models import Country
from accord.knowledge.models import PartnerRole
from accord.partners import permissions as partner_permissions
from accord.partners.models import Contact, Organisation
from accord.strategy.models import FlagshipProgramme
from accord.strategy.selectors import current_strategy

# One dissemination is one transaction: a bound on what it may write at once.
MAX_RECIPIENTS = 2000


def _listed(values) -> list:
    if values is None:
        return []
    return [values] if isinstance(values, str | int) else list(values)


def _ids(values, model, *, field: str, what: str) -> list[int]:
    ids, bad = [], []
    for value in _listed(values):
        if isinstance(value, model):
            ids.append(value.pk)
        elif str(value).strip().isdigit():
            ids.append(int(str(value).strip()))
        else:
            bad.append(str(value))
    if bad:
        raise ValidationError({field: f"Not {what}: {', '.join(bad)}."})
    return list(dict.fromkeys(ids))


def resolve_countries(values) -> list[Country]:
    """Countries by object or ISO 3166 alpha-2 code."""
    codes = [v.code if isinstance(v, Country) else str(v).strip().upper() for v in _listed(values)]
    found = Country.objects.in_bulk(codes)
    unknown = [c for c in codes if c not in found]
    if unknown:
        raise ValidationError({"countries": f"Unknown country code(s): {', '.join(unknown)}."})
    return [found[c] for c in dict.fromkeys(codes)]


def resolve_flagships(values) -> list[FlagshipProgramme]:
    """Flagship programmes of the current plan by object or code ("1" to "5")."""
    strategy = current_strategy()
    rows = FlagshipProgramme.objects.filter(plan_id=getattr(strategy, "plan_id", None))
    by_code = {f.code: f for f in rows}
    codes = [
        v.code if isinstance(v, FlagshipProgramme) else str(v).strip() for v in _listed(values)
    ]
    unknown = [c for c in codes if c not in by_code]
    if unknown:
        raise ValidationError(
            {"flagships": f"Unknown flagship programme(s): {', '.join(unknown)}."}
        )
    return [by_code[c] for c in dict.fromkeys(codes)]


def _visible_organisations(actor, ids: Iterable[int]) -> dict[int, Organisation]:
    rows = Organisation.objects.only("id", "name", "acronym", "archived_at", "region_id")
    if actor is not None:
        rows = partner_permissions.visible_organisations(actor, rows)
    return rows.in_bulk(list(ids))


@dataclass(frozen=True)
class PartnerLink:
    organisation: Organisation
    role: str


def resolve_partner_links(actor, values, *, keep: Iterable[int] = ()) -> list[PartnerLink]:
    """Links given as (organisation or id, role) pairs or {"organisation": id, "role": r}
    dicts, to partners the actor may see; archived partners cannot be linked (those in
    `keep`, already linked, stay)."""
    pairs = []
    for value in _listed(values):
        if isinstance(value, dict):
            pairs.append((value.get("organisation"), value.get("role")))
        else:
            pairs.append(tuple(value))
    roles = [str(role or "") for _, role in pairs]
    wrong = [r or "(none)" for r in roles if r not in PartnerRole.values]
    if wrong:
        choices = ", ".join(PartnerRole.values)
        raise ValidationError(
            {"partners": f"Unknown partner role(s): {', '.join(wrong)}. Use {choices}."}
        )
    ids = [_ids([org], Organisation, field="partners", what="a partner id")[0] for org, _ in pairs]
    found = _visible_organisations(actor, ids)
    missing = [str(i) for i in ids if i not in found]
    if missing:
        raise ValidationError(
            {"partners": f"Unknown partner(s), or outside your scope: {', '.join(missing)}."}
        )
    keep = set(keep)
    archived = [o.name for o in found.values() if o.archived_at is not None and o.pk not in keep]
    if archived:
        raise ValidationError(
            {"partners": f"Archived partners cannot be linked: {', '.join(archived)}."}
        )
    if len(set(ids)) != len(ids):
        raise ValidationError({"partners": "Name each partner once, with one role."})
    return [PartnerLink(found[i], role) for i, role in zip(ids, roles, strict=True)]


@dataclass(frozen=True)
class Recipients:
    organisations: list[Organisation]  # sent to the organisation itself
    contacts: list[Contact]  # sent to a person (their organisation is stored beside)


def resolve_recipients(actor, organisations, contacts) -> Recipients:
    """Partners and contacts the actor may see, none archived, at most MAX_RECIPIENTS."""
    org_ids = _ids(organisations, Organisation, field="organisations", what="partner id(s)")
    contact_ids = _ids(contacts, Contact, field="contacts", what="contact id(s)")
    if not org_ids and not contact_ids:
        raise ValidationError({"organisations": "Choose at least one partner or contact."})
    if len(org_ids) + len(contact_ids) > MAX_RECIPIENTS:
        raise ValidationError(
            {"organisations": f"Send to at most {MAX_RECIPIENTS} recipients at once."}
        )
    errors: dict[str, list[str]] = {}
    found = _visible_organisations(actor, org_ids)
    missing = [str(i) for i in org_ids if i not in found]
    if missing:
        errors["organisations"] = [
            f"Unknown partner(s), or outside your scope: {', '.join(missing)}."
        ]
    archived = [o.name for o in found.values() if o.archived_at is not None]
    if archived:
        errors.setdefault("organisations", []).append(
            f"Archived partners cannot receive items: {', '.join(archived)}."
        )
    people = Contact.objects.select_related("organisation").only(
        "id",
        "first_name",
        "last_name",
        "archived_at",
        "organisation__id",
        "organisation__name",
        "organisation__region_id",
        "organisation__archived_at",
    )
    if actor is not None:
        people = partner_permissions.visible_contacts(actor, people)
    by_id = people.in_bulk(contact_ids)
    bad = [str(i) for i in contact_ids if i not in by_id or by_id[i].archived_at is not None]
    if bad:
        errors["contacts"] = [f"Unknown or archived contact(s): {', '.join(bad)}."]
    if errors:
        raise ValidationError(errors)
    return Recipients([found[i] for i in org_ids], [by_id[i] for i in contact_ids])
