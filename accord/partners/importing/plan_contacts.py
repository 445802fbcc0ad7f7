"""What each row of a contacts file would do. Each contact is linked to its organisation by the
organisation's identifier (IATI identifier or registration number), its source reference or its
name (registered name, acronym or other name), among the organisations the user may see; a
contact already registered there (same e-mail, or same first and last name) is a match."""

from django.db.models import Q

from accord.partners import permissions
from accord.partners.importing.plan import CREATE, INVALID, SKIP, UPDATE, RowPlan, row_values
from accord.partners.importing.reading import Table
from accord.partners.importing.rows import clean_text, contact_row
from accord.partners.models import Contact, OnMatch, Organisation, OrganisationName
from accord.partners.search import normalise, sort_key

LINKS = ("organisation_identifier", "organisation_ref", "organisation")
_CHUNK = 500


def plan_contacts(table: Table, mapping: dict[str, str], *, actor, on_match: str) -> list:
    plans = []
    for number, values in row_values(table, mapping):
        kwargs, errors = contact_row(values)
        plan = RowPlan(number=number, values=values, kwargs=kwargs)
        for column, message in errors.items():
            plan.error(column, message)
        plans.append(plan)
    _link(plans, actor)
    valid = [p for p in plans if p.action != INVALID]
    _match(valid)
    for plan in valid:
        if plan.match_id or plan.same_as:
            plan.action = CREATE if on_match == OnMatch.CREATE else SKIP
        if plan.match_id and on_match == OnMatch.UPDATE:
            plan.action = UPDATE
    return plans


def _registry(actor):
    qs = Organisation.objects.filter(archived_at=None)
    return permissions.visible_organisations(actor, qs) if actor is not None else qs


def _lookup(actor, column: str, texts: set[str]) -> dict[str, set[int]]:
    """{text as written: ids of the visible organisations it names}."""
    found: dict[str, set[int]] = {}
    texts = sorted(texts)
    registry = _registry(actor)
    for start in range(0, len(texts), _CHUNK):
        chunk = texts[start : start + _CHUNK]
        if column == "organisation_identifier":
            rows = registry.filter(Q(iati_identifier__in=chunk) | Q(registration_number__in=chunk))
            for pk, iati, reg in rows.values_list("id", "iati_identifier", "registration_number"):
                for text in {iati, reg} & set(chunk):
                    found.setdefault(text, set()).add(pk)
        elif column == "organisation_ref":
            for pk, ref in registry.filter(ref__in=chunk).values_list("id", "ref"):
                found.setdefault(ref, set()).add(pk)
        else:
            keys = {sort_key(t): t for t in chunk}
            for pk, key in registry.filter(sort_name__in=keys).values_list("id", "sort_name"):
                found.setdefault(keys[key], set()).add(pk)
            for pk, acronym in registry.filter(acronym__in=chunk).values_list("id", "acronym"):
                found.setdefault(acronym, set()).add(pk)
            aliases = OrganisationName.objects.filter(
                name__in=chunk, organisation__in=registry
            ).values_list("organisation_id", "name")
            for pk, name in aliases:
                found.setdefault(name, set()).add(pk)
    return found


def _link(plans: list[RowPlan], actor) -> None:
    wanted = {c: {clean_text(p.values.get(c)) for p in plans} - {""} for c in LINKS}
    found = {c: _lookup(actor, c, texts) for c, texts in wanted.items() if texts}
    ids = {pk for by_text in found.values() for pks in by_text.values() for pk in pks}
    orgs = {o.pk: o for o in Organisation.objects.filter(pk__in=ids)}
    for plan in plans:
        column = next((c for c in LINKS if clean_text(plan.values.get(c))), None)
        if column is None:
            plan.error("organisation", "Say which organisation this contact belongs to.")
            continue
        text = clean_text(plan.values[column])
        pks = found.get(column, {}).get(text, set())
        if not pks:
            plan.error(
                column, f"No registered organisation you can see has {_what(column)} “{text}”."
            )
        elif len(pks) > 1:
            plan.error(
                column,
                f"{len(pks)} organisations have {_what(column)} “{text}”: "
                "give its source reference or identifier instead.",
            )
        else:
            org = orgs[next(iter(pks))]
            if actor is not None and not permissions.can_edit_contact(actor, org):
                plan.error(column, f"You may not add contacts to {org.name}.")
            elif plan.kwargs is not None:
                plan.kwargs["organisation"] = org


def _what(column: str) -> str:
    return {
        "organisation_identifier": "the identifier",
        "organisation_ref": "the source reference",
        "organisation": "the name",
    }[column]


def _keys(org_id: int, first: str, last: str, email: str) -> list[tuple]:
    keys = [(org_id, "name", normalise(f"{first} {last}"))]
    if email:
        keys.insert(0, (org_id, "email", email.casefold()))
    return keys


def _match(plans: list[RowPlan]) -> None:
    org_ids = sorted({p.kwargs["organisation"].pk for p in plans})
    registered: dict[tuple, tuple[int, str]] = {}
    for start in range(0, len(org_ids), _CHUNK):
        rows = Contact.objects.filter(
            organisation_id__in=org_ids[start : start + _CHUNK], archived_at=None
        ).values_list("id", "organisation_id", "first_name", "last_name", "email")
        for pk, org_id, first, last, email in rows.order_by("id"):
            for key in _keys(org_id, first, last, email):
                registered.setdefault(key, (pk, f"{first} {last}"))
    earlier: dict[tuple, int] = {}
    for plan in plans:
        kw = plan.kwargs
        org = kw["organisation"]
        for key in _keys(org.pk, kw["first_name"], kw["last_name"], kw["email"]):
            what = "same e-mail" if key[1] == "email" else "same name"
            if key in registered and not plan.match_id:
                plan.match_id, name = registered[key]
                plan.reasons.append(f"matches “{name}”, already a contact of {org.name}: {what}")
            elif key in earlier and not (plan.match_id or plan.same_as):
                plan.same_as = earlier[key]
                plan.reasons.append(f"same contact as row {plan.same_as} of this file: {what}")
            earlier.setdefault(key, plan.number)
