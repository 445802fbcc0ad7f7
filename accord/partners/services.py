"""Writes of the partner registry. Each service is one transaction: it validates everything
first (bad input stores nothing, every wrong field is reported at once), writes, and records the
change in the history with {field: [old, new]}.

`actor=None` means the system itself (management commands, demo data, benchmarks): no permission
check, history without a person. People always act as themselves."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accord.accounts.models import Country, Region, User
from accord.accounts.roles import is_staff_role, region_scope
from accord.core.errors import PermissionDeniedError
from accord.core.history import diff, record, snapshot
from accord.core.versioning import check_and_bump_version
from accord.partners import permissions, signals
from accord.partners.contact_services import (
    contact_archive,
    contact_create,
    contact_update,
    load_related,
    relationship_create,
    relationship_delete,
    restored_on_error,
)
from accord.partners.models import (
    Organisation,
    OrganisationName,
    OrganisationStatus,
    Resource,
    SearchToken,
)
from accord.partners.search import sort_key, tokens_for
from accord.strategy.models import Outcome, PartnerCategory
from accord.strategy.selectors import current_strategy

__all__ = [
    "contact_archive",
    "contact_create",
    "contact_update",
    "organisation_archive",
    "organisation_create",
    "organisation_restore",
    "organisation_update",
    "relationship_create",
    "relationship_delete",
]

ORG_FIELDS = [
    "name",
    "acronym",
    "category",
    "subtype",
    "country",
    "region",
    "city",
    "website",
    "email",
    "phone",
    "description",
    "iati_identifier",
    "registration_number",
    "status",
    "owner",
    "resources_offered",
    "ref",
]
EDITABLE_FIELDS = frozenset({*ORG_FIELDS, "aliases", "outcomes"} - {"region"})
_TEXT_FIELDS = [
    f
    for f in ORG_FIELDS
    if f not in {"category", "country", "region", "website", "owner", "resources_offered"}
]


def _deny_unless(allowed: bool, actor, message: str) -> None:
    if actor is not None and not allowed:
        raise PermissionDeniedError(message)


def _collect(errors: dict, func, *args, **kwargs):
    """Run a check, keeping its field errors instead of stopping at the first one."""
    try:
        return func(*args, **kwargs)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, messages)
        return None


# --- resolving what callers give (objects, or codes from the API, imports and commands) ---


def resolve_category(value) -> PartnerCategory | None:
    """A partner category of the current strategy, from the object or its code or name."""
    if value is None or value == "":
        raise ValidationError({"category": "Choose the partner category."})
    strategy = current_strategy()
    if isinstance(value, PartnerCategory):
        if strategy is not None and value.strategy_id != strategy.pk:
            raise ValidationError({"category": "Choose a category of the current strategy."})
        return value
    text = str(value).strip()
    found = (
        PartnerCategory.objects.filter(strategy=strategy, code=text).first()
        or PartnerCategory.objects.filter(strategy=strategy, name__iexact=text).first()
        or PartnerCategory.objects.filter(strategy=strategy, short_name__iexact=text).first()
    )
    if found is None:
        raise ValidationError({"category": f"Unknown partner category {text!r}."})
    return found


def resolve_country(value) -> Country | None:
    """A country from the object, its ISO 3166 alpha-2 or alpha-3 code, or its English name."""
    if value is None or value == "":
        return None
    if isinstance(value, Country):
        load_related(value, "region")
        return value
    text = str(value).strip()
    rows = Country.objects.select_related("region")
    found = (
        (len(text) == 2 and rows.filter(code=text.upper()).first())
        or (len(text) == 3 and rows.filter(iso3=text.upper()).first())
        or rows.filter(name__iexact=text).first()
    )
    if not found:
        raise ValidationError({"country": f"Unknown country {text!r}: give an ISO code or name."})
    return found


def resolve_outcomes(values: Iterable) -> list[Outcome]:
    """Outcomes of the current strategic plan, from objects or codes such as "1.2"."""
    values = list(values or ())
    objects = [v for v in values if isinstance(v, Outcome)]
    codes = [str(v).strip() for v in values if not isinstance(v, Outcome)]
    if codes:
        strategy = current_strategy()
        plan_id = strategy.plan_id if strategy else None
        by_code = {
            o.code: o for o in Outcome.objects.filter(domain__plan_id=plan_id, code__in=codes)
        }
        unknown = [c for c in codes if c not in by_code]
        if unknown:
            raise ValidationError({"outcomes": f"Unknown outcome code(s): {', '.join(unknown)}."})
        objects += [by_code[c] for c in codes]
    return list({o.pk: o for o in objects}.values())


def resolve_owner(value) -> User | None:
    if value is None or value == "":
        return None
    owner = value if isinstance(value, User) else User.objects.filter(pk=value).first()
    if owner is None or not owner.is_active or not is_staff_role(owner):
        raise ValidationError({"owner": "The relationship owner must be an active staff user."})
    return owner


def _clean_resources(values) -> list[str]:
    codes = list(dict.fromkeys(str(v).strip() for v in values or () if str(v).strip()))
    unknown = [c for c in codes if c not in Resource.values]
    if unknown:
        raise ValidationError(
            {
                "resources_offered": (
                    f"Unknown resource code(s): {', '.join(unknown)}. "
                    f"Choose from: {', '.join(Resource.values)}."
                )
            }
        )
    return codes


def clean_aliases(values, *, name: str) -> list[str]:
    seen = {name.strip().casefold()}
    aliases = []
    for alias in values or ():
        alias = " ".join(str(alias).split())
        if alias and alias.casefold() not in seen:
            seen.add(alias.casefold())
            aliases.append(alias)
    if any(len(a) > 300 for a in aliases):
        raise ValidationError({"aliases": "An alias can have at most 300 characters."})
    return aliases


def clean_website(value: str) -> str:
    value = (value or "").strip()
    if value and "://" not in value:
        value = "https://" + value  # "www.unhabitat.org" is how people write addresses
    return value


def check_region(actor, country: Country | None) -> None:
    scope = region_scope(actor) if actor is not None else None
    if scope is not None and (country is None or country.region_id not in scope):
        names = ", ".join(Region.objects.filter(pk__in=scope).values_list("name", flat=True))
        raise ValidationError(
            {
                "country": (
                    f"You can only register organisations in a country of your region(s): {names}."
                )
            }
        )


def _check_iati(actor, org: Organisation) -> None:
    if not org.iati_identifier:
        return
    other = (
        Organisation.objects.filter(iati_identifier=org.iati_identifier)
        .exclude(pk=org.pk)
        .select_related("country")
        .first()
    )
    if other is not None:
        visible = actor is None or permissions.can_view(actor, other)
        who = other.name if visible else "another organisation"
        raise ValidationError(
            {"iati_identifier": f"This IATI identifier is already used by {who}."}
        )


def _apply(actor, org: Organisation, changes: dict, errors: dict, *, aliases: list[str]):
    """Set the given fields on `org`, resolving codes; returns the (cleaned) aliases and the
    outcomes (None when not changed). Errors are collected, not raised."""
    for field in _TEXT_FIELDS:
        if field in changes:
            value = str(changes[field] or "")
            setattr(org, field, " ".join(value.split()) if field == "name" else value.strip())
    if "website" in changes:
        org.website = clean_website(changes["website"])
    if "category" in changes:
        org.category = _collect(errors, resolve_category, changes["category"])
    if "country" in changes:
        country = _collect(errors, resolve_country, changes["country"])
        if "country" not in errors and (
            org.pk is None or org.country_id != (country and country.pk)
        ):
            _collect(errors, check_region, actor, country)
        org.country, org.region = country, country.region if country else None
    if "owner" in changes:
        org.owner = _collect(errors, resolve_owner, changes["owner"])
    if "resources_offered" in changes:
        org.resources_offered = _collect(errors, _clean_resources, changes["resources_offered"])
    outcomes = None
    if "outcomes" in changes:
        outcomes = _collect(errors, resolve_outcomes, changes["outcomes"]) or []
    if "aliases" in changes or "name" in changes:
        source = changes.get("aliases", aliases)
        aliases = _collect(errors, clean_aliases, source, name=org.name) or []
    org.sort_name = sort_key(org.name)
    if not org.name:
        errors.setdefault("name", ["Enter the organisation's name."])
    if org.status not in OrganisationStatus.values:
        choices = ", ".join(OrganisationStatus.values)
        errors.setdefault("status", [f"Unknown status {org.status!r}. Choose from: {choices}."])
    if "iati_identifier" not in errors:
        _collect(errors, _check_iati, actor, org)
    exclude = [*errors, "sort_name"]
    _collect(
        errors, org.full_clean, exclude=exclude, validate_unique=False, validate_constraints=False
    )
    if errors:
        raise ValidationError(errors)
    return aliases, outcomes


def _save(org: Organisation, **kwargs) -> None:
    try:
        with transaction.atomic():
            org.save(**kwargs)
    except IntegrityError:  # a concurrent save took the same IATI identifier
        message = "This IATI identifier is already used by another organisation."
        raise ValidationError({"iati_identifier": message}) from None


def _set_aliases(org: Organisation, aliases: list[str]) -> None:
    org.names.all().delete()
    OrganisationName.objects.bulk_create(
        [OrganisationName(organisation=org, name=alias) for alias in aliases]
    )


def _reindex(org: Organisation, aliases: list[str]) -> None:
    """Keep the organisation's search tokens equal to the words of its names."""
    wanted = tokens_for(org.name, org.acronym, *aliases)
    stored = set(SearchToken.objects.filter(organisation=org).values_list("token", flat=True))
    if stored - wanted:
        SearchToken.objects.filter(organisation=org, token__in=stored - wanted).delete()
    SearchToken.objects.bulk_create(
        [SearchToken(organisation=org, token=t) for t in sorted(wanted - stored)]
    )


@transaction.atomic
def organisation_create(
    *,
    actor,
    name: str,
    category,
    acronym: str = "",
    aliases: Iterable[str] = (),
    country=None,
    city: str = "",
    website: str = "",
    email: str = "",
    phone: str = "",
    description: str = "",
    subtype: str = "",
    iati_identifier: str = "",
    registration_number: str = "",
    status: str = OrganisationStatus.PROSPECT,
    owner=None,
    outcomes: Iterable = (),
    resources_offered: Iterable[str] = (),
    ref: str = "",
    is_demo: bool = False,
    batch: str = "",
) -> Organisation:
    """Register a partner organisation in one of the strategy's partner categories; its region
    follows its country, and a regional focal point registers only in their own region(s)."""
    allowed = actor is None or permissions.can_create(actor)
    _deny_unless(allowed, actor, "You may not register organisations.")
    changes = {key: value for key, value in locals().items() if key in EDITABLE_FIELDS}
    org = Organisation(is_demo=is_demo)
    aliases, outcomes = _apply(actor, org, changes, {}, aliases=[])
    _save(org)
    _set_aliases(org, aliases)
    if outcomes:
        org.outcomes.set(outcomes)
    _reindex(org, aliases)
    after = {k: v for k, v in snapshot(org, ORG_FIELDS).items() if v not in (None, "", [])}
    if aliases:
        after["aliases"] = aliases
    if outcomes:
        after["outcomes"] = sorted(o.code for o in outcomes)
    record(obj=org, action="create", actor=actor, changes=diff({}, after), batch=batch)
    signals.announce(signals.organisations_changed, Organisation, [org.pk], created=True)
    return org


@transaction.atomic
def organisation_update(
    *,
    actor,
    organisation: Organisation,
    expected_version: int | None = None,
    batch: str = "",
    **changes,
) -> Organisation:
    """Change an organisation's profile, only the fields given. A stale edit (someone saved
    since `expected_version`) is refused; a regional focal point cannot move it out of their
    region(s); an archived organisation is restored before it is edited."""
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"organisation_update() got unknown field(s): {', '.join(sorted(unknown))}")
    org = organisation
    load_related(org, "category", "country", "region", "owner")
    allowed = (
        actor is None
        or permissions.can_edit(actor, org)
        or permissions.can_self_serve(actor, org, changes)
    )
    _deny_unless(allowed, actor, "You may not edit this organisation.")
    if org.is_archived:
        raise ValidationError("This organisation is archived: restore it before editing.")
    before = {
        **snapshot(org, ORG_FIELDS),
        "aliases": list(org.names.order_by("id").values_list("name", flat=True)),
        "outcomes": sorted(org.outcomes.values_list("code", flat=True)),
    }
    with restored_on_error(org):
        aliases, outcomes = _apply(actor, org, changes, {}, aliases=before["aliases"])
        after = {**snapshot(org, ORG_FIELDS), "aliases": aliases, "outcomes": before["outcomes"]}
        if outcomes is not None:
            after["outcomes"] = sorted(o.code for o in outcomes)
        changed = diff(before, after)
        if not changed:
            return org
        check_and_bump_version(org, expected_version)
        fields = [f for f in ORG_FIELDS if f in changed]
        _save(org, update_fields=[*fields, "sort_name", "updated_at"])
        if "aliases" in changed:
            _set_aliases(org, aliases)
        if "outcomes" in changed:
            org.outcomes.set(outcomes)
        if {"name", "acronym", "aliases"} & set(changed):
            _reindex(org, aliases)
        record(obj=org, action="update", actor=actor, changes=changed, batch=batch)
    if signals.ORGANISATION_NAME_FIELDS & set(changed):
        signals.announce(signals.organisations_changed, Organisation, [org.pk], created=False)
    return org


def _set_archived(actor, org: Organisation, *, archive: bool, expected_version) -> Organisation:
    verb = "archive" if archive else "restore"
    allowed = actor is None or permissions.can_archive(actor, org)
    _deny_unless(allowed, actor, f"You may not {verb} this organisation.")
    if org.is_archived == archive:
        state = "archived" if archive else "not archived"
        raise ValidationError(f"This organisation is already {state}.")
    before = org.archived_at
    with restored_on_error(org):
        check_and_bump_version(org, expected_version)
        org.archived_at = timezone.now() if archive else None
        org.save(update_fields=["archived_at", "updated_at"])
    changes = diff({"archived_at": before}, {"archived_at": org.archived_at})
    record(obj=org, action=verb, actor=actor, changes=changes)
    return org


@transaction.atomic
def organisation_archive(
    *, actor, organisation: Organisation, expected_version: int | None = None
) -> Organisation:
    """Partners are never deleted: archiving hides the organisation from lists and search and
    keeps its record, its links and its history."""
    return _set_archived(actor, organisation, archive=True, expected_version=expected_version)


@transaction.atomic
def organisation_restore(
    *, actor, organisation: Organisation, expected_version: int | None = None
) -> Organisation:
    """Bring an archived organisation back into lists and search. A merged organisation comes
    back only by undoing its merge, so it never points at a survivor while active."""
    if organisation.merged_into_id is not None:
        raise ValidationError(
            "This organisation was merged into another: undo the merge to bring it back."
        )
    return _set_archived(actor, organisation, archive=False, expected_version=expected_version)
