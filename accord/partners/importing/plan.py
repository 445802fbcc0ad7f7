"""What each row of a file would do: be created, update or skip a registered organisation it
matches, or be rejected with its errors. The preview shows the plan; the run carries it out.

Matching: an equal IATI identifier or registration number decides on its own, an equal source
reference with a similar name too, then the same name (or another name of it) in the same
country; otherwise the duplicate detector (`accord.partners.matching`) scores the row against
the registry. Two rows of the same file that are the same organisation (same identifier or
source reference, or the same name in the same country) are reported: the later one is treated
as matching the earlier."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from accord.partners import permissions
from accord.partners.importing.progress import NO_PROGRESS, Progress
from accord.partners.importing.reading import Table
from accord.partners.importing.rows import Lookups, organisation_row
from accord.partners.matching import Match, OrgRecord, batch, find_matches
from accord.partners.models import ImportRow, OnMatch, Organisation, OrganisationName
from accord.partners.search import normalise

CREATE, UPDATE, SKIP, INVALID = "create", "update", "skip", "invalid"
_CHUNK = 500
_SIMILAR_NAME = 70  # a shared source reference counts when the names are at least this close


@dataclass
class RowPlan:
    number: int
    values: dict[str, str]
    errors: list[dict] = field(default_factory=list)
    kwargs: dict | None = None
    action: str = CREATE
    match_id: int | None = None  # a registered organisation (or contact) it matches
    same_as: int | None = None  # an earlier row of this file that is the same record
    reasons: list[str] = field(default_factory=list)
    organisation_id: int | None = None  # after the run: created or updated
    contact_id: int | None = None

    def error(self, column: str, message: str) -> None:
        self.errors.append({"column": column, "message": message})
        self.action = INVALID

    @property
    def preview_outcome(self) -> str:
        if self.action == INVALID:
            return ImportRow.Outcome.INVALID
        if self.match_id or self.same_as:
            return ImportRow.Outcome.MATCH
        return ImportRow.Outcome.NEW


def row_values(table: Table, mapping: dict[str, str]) -> Iterable[tuple[int, dict[str, str]]]:
    """(row number, {target column: cell}) for every row, through the mapping."""
    index = {
        target: table.headers.index(h)
        for h, target in mapping.items()
        if target and h in table.headers
    }
    for number, cells in table.rows:
        yield number, {target: cells[i] for target, i in index.items()}


def _chunks(values: list, size: int = _CHUNK):
    for start in range(0, len(values), size):
        yield values[start : start + size]


def plan_organisations(
    table: Table,
    mapping: dict[str, str],
    *,
    actor,
    on_match: str,
    matching: bool,
    progress: Progress = NO_PROGRESS,
) -> list[RowPlan]:
    lookups = Lookups.load(actor)
    plans = []
    for number, values in row_values(table, mapping):
        kwargs, errors = organisation_row(values, lookups)
        plan = RowPlan(number=number, values=values, kwargs=kwargs)
        for column, message in errors.items():
            plan.error(column, message)
        plans.append(plan)
    valid = [p for p in plans if p.action != INVALID]
    if matching:
        _same_in_file(valid)
        _match_registered([p for p in valid if not p.same_as], actor, progress)
        _follow_earlier_rows(valid)
        for plan in valid:
            if plan.match_id or plan.same_as:
                plan.action = {OnMatch.SKIP: SKIP, OnMatch.UPDATE: UPDATE}.get(on_match, CREATE)
    _check_iati([p for p in valid if p.action == CREATE], actor)
    _refuse_update_without_right([p for p in valid if p.action == UPDATE], actor)
    return plans


# --- the same organisation twice in one file ---------------------------------------------------


def _keys(plan: RowPlan) -> list[tuple]:
    kw = plan.kwargs
    country = kw["country"].code if kw["country"] else ""
    keys = []
    if kw["iati_identifier"]:
        keys.append(("iati", kw["iati_identifier"].casefold(), "same IATI identifier"))
    if kw["registration_number"]:
        keys.append(("reg", kw["registration_number"].casefold(), "same registration number"))
    if kw["ref"]:
        keys.append(("ref", kw["ref"].casefold(), "same source reference"))
    name = normalise(kw["name"])
    if name:
        keys.append(("name", name, country, "same name and country" if country else "same name"))
    return keys


def _same_in_file(plans: list[RowPlan]) -> None:
    first: dict[tuple, RowPlan] = {}
    for plan in plans:
        for key in _keys(plan):
            earlier = first.get(key[:-1])
            if earlier is not None and plan.same_as is None:
                plan.same_as = earlier.same_as or earlier.number
                plan.reasons.append(
                    f"same organisation as row {plan.same_as} of this file: {key[-1]}"
                )
            first.setdefault(key[:-1], plan)


def _follow_earlier_rows(plans: list[RowPlan]) -> None:
    """A row that repeats an earlier row which matches a registered organisation matches that
    organisation too."""
    by_number = {p.number: p for p in plans}
    for plan in plans:
        earlier = by_number.get(plan.same_as) if plan.same_as else None
        if earlier is not None and earlier.match_id:
            plan.match_id, plan.same_as = earlier.match_id, None
            plan.reasons = [*plan.reasons, *earlier.reasons]


# --- against the registry ----------------------------------------------------------------------


def _exact(field_name: str, values: set[str]) -> dict[str, list[tuple]]:
    found: dict[str, list[tuple]] = {}
    registered = Organisation.objects.filter(archived_at=None, merged_into=None)
    for chunk in _chunks(sorted(values)):
        rows = registered.filter(**{f"{field_name}__in": chunk}).values_list(
            field_name, "id", "country_id", "name"
        )
        for value, pk, country, name in rows.order_by("id"):
            found.setdefault(value, []).append((pk, country, name))
    return found


def _same_country(country, other_country) -> bool:
    return not country or not other_country or other_country == country


def _by_name(plans: list[RowPlan]) -> dict[str, list[tuple]]:
    """{normalised name: [(id, country, what)]} of registered organisations whose name or other
    name is, once normalised, a row's name."""
    found: dict[str, list[tuple]] = {}
    keys = {normalise(p.kwargs["name"]) for p in plans}
    registered = Organisation.objects.filter(archived_at=None, merged_into=None)
    for chunk in _chunks(sorted(keys)):
        rows = registered.filter(sort_name__in=chunk).values_list(
            "sort_name", "id", "country_id", "name"
        )
        for key, pk, country, _ in rows.order_by("id"):
            found.setdefault(key, []).append((pk, country, "same name"))
    names = sorted({p.kwargs["name"] for p in plans})
    for chunk in _chunks(names):
        rows = OrganisationName.objects.filter(
            name__in=chunk, organisation__archived_at=None, organisation__merged_into=None
        ).values_list("name", "organisation_id", "organisation__country_id")
        for alias, pk, country in rows.order_by("organisation_id"):
            found.setdefault(normalise(alias), []).append(
                (pk, country, f"“{alias}” is another name of it")
            )
    return found


def _exact_matches(plans: list[RowPlan]) -> None:
    """Equal identifiers: an IATI identifier or registration number decides on its own (as for
    the duplicate detector); a source reference when the names are close too; then the same
    name (or another name of the organisation) in the same country."""
    wanted = {
        f: {p.kwargs[f] for p in plans if p.kwargs[f]}
        for f in ("iati_identifier", "registration_number", "ref")
    }
    iati, reg, ref = (_exact(f, v) for f, v in wanted.items())
    names = _by_name(plans)
    for plan in plans:
        found = _decisive(plan.kwargs, iati=iati, reg=reg, ref=ref, names=names)
        if found is not None:
            plan.match_id = found[0]
            plan.reasons.append(found[1])


def _decisive(kw: dict, *, iati: dict, reg: dict, ref: dict, names: dict):
    """(organisation id, reason) of the first exact match, or None."""
    if kw["iati_identifier"] in iati:
        return iati[kw["iati_identifier"]][0][0], f"same IATI identifier {kw['iati_identifier']}"
    if kw["registration_number"] in reg:
        number = kw["registration_number"]
        return reg[number][0][0], f"same registration number {number}"
    key = normalise(kw["name"])
    for pk, _, name in ref.get(kw["ref"], []):
        if fuzz.token_set_ratio(normalise(name), key) >= _SIMILAR_NAME:
            return pk, f"same source reference {kw['ref']} and a similar name"
    country = kw["country"].code if kw["country"] else None
    for pk, other_country, what in names.get(key, []):
        if _same_country(country, other_country):
            both = country and other_country
            return pk, f"{what}{' in the same country' if both else ''}"
    return None


def _record(plan: RowPlan) -> OrgRecord:
    kw = plan.kwargs
    return OrgRecord(
        id=0,
        name=kw["name"],
        acronym=kw["acronym"],
        aliases=tuple(kw["aliases"]),
        website=kw["website"],
        email=kw["email"],
        country=kw["country"].code if kw["country"] else "",
        iati_identifier=kw["iati_identifier"],
        registration_number=kw["registration_number"],
    )


def _take(plan: RowPlan, match: Match | None) -> None:
    if match is not None:
        plan.match_id = match.organisation_id
        plan.reasons.extend(match.reasons or [f"similarity {match.score:.2f}"])


def _match_registered(plans: list[RowPlan], actor, progress: Progress) -> None:
    """Identifiers and exact names first; the duplicate detector for the rest (one lookup per
    row, or the whole file at once when it is large)."""
    _exact_matches(plans)
    rest = [p for p in plans if not p.match_id]
    progress.step("matching", total=len(rest))
    if batch.worth_it(len(rest)):
        records = [_record(p) for p in rest]
        for plan, match in zip(
            rest, batch.best_matches(records, on_each=progress.advance), strict=True
        ):
            _take(plan, match)
    else:
        for plan in rest:
            kw = plan.kwargs
            found = find_matches(
                name=kw["name"],
                acronym=kw["acronym"],
                aliases=kw["aliases"],
                website=kw["website"],
                email=kw["email"],
                country=kw["country"],
                iati_identifier=kw["iati_identifier"],
                registration_number=kw["registration_number"],
                limit=1,
            )
            _take(plan, found[0] if found else None)
            progress.advance()
    _describe_matches([p for p in plans if p.match_id], actor)


def _describe_matches(plans: list[RowPlan], actor) -> None:
    """Put the matched organisation's name first in the reasons, unless the user may not see
    it: then say only that it is outside their scope."""
    ids = {p.match_id for p in plans}
    names, visible = {}, set(ids)
    for chunk in _chunks(sorted(ids)):
        rows = Organisation.objects.filter(pk__in=chunk)
        names.update({pk: str(name) for pk, name in rows.values_list("id", "name")})
        if actor is not None:
            visible -= set(chunk) - set(
                permissions.visible_organisations(actor, rows).values_list("id", flat=True)
            )
    for plan in plans:
        who = (
            f"matches “{names.get(plan.match_id, '?')}”"
            if plan.match_id in visible
            else "matches an organisation registered outside your scope"
        )
        plan.reasons = [who, *plan.reasons]


# --- what the database would refuse ------------------------------------------------------------


def _check_iati(plans: list[RowPlan], actor) -> None:
    """An IATI identifier is unique in the registry (archived organisations included) and so
    also in the file."""
    wanted = {p.kwargs["iati_identifier"] for p in plans if p.kwargs["iati_identifier"]}
    taken: dict[str, tuple[int, str]] = {}
    for chunk in _chunks(sorted(wanted)):
        rows = Organisation.objects.filter(iati_identifier__in=chunk)
        taken.update({i: (pk, n) for i, pk, n in rows.values_list("iati_identifier", "id", "name")})
    visible = set()
    if taken and actor is not None:
        ids = [pk for pk, _ in taken.values()]
        visible = set(
            permissions.visible_organisations(actor).filter(pk__in=ids).values_list("id", flat=True)
        )
    seen: dict[str, int] = {}
    for plan in plans:
        value = plan.kwargs["iati_identifier"]
        if not value:
            continue
        if value in taken:
            pk, name = taken[value]
            who = name if actor is None or pk in visible else "another organisation"
            plan.error("iati_identifier", f"This IATI identifier is already used by {who}.")
        elif value in seen:
            plan.error("iati_identifier", f"Row {seen[value]} has the same IATI identifier.")
        else:
            seen[value] = plan.number


def _refuse_update_without_right(plans: list[RowPlan], actor) -> None:
    if actor is None:
        return
    ids = {p.match_id for p in plans if p.match_id}
    editable = set()
    for chunk in _chunks(sorted(ids)):
        rows = Organisation.objects.filter(pk__in=chunk)
        editable |= {o.pk for o in rows if permissions.can_edit(actor, o)}
    for plan in plans:
        if plan.match_id and plan.match_id not in editable:
            plan.action = SKIP
            plan.reasons.append("not updated: you may not edit that organisation")
