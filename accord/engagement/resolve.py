"""Turning what callers give (objects, ids, or codes from the API and commands) into records,
each with a clear message on its own field when something is unknown. Used by the services."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError

from accord.accounts.models import Region, User
from accord.accounts.roles import is_staff_role
from accord.engagement import permissions
from accord.engagement.models import Engagement
from accord.partners import permissions as partner_permissions
from accord.partners.models import Contact, Organisation
from accord.partners.services import resolve_country, resolve_outcomes
from accord.strategy.models import (
    EngagementStrategy,
    FlagshipProgramme,
    PartnerCategory,
    SdgGoal,
)
from accord.strategy.selectors import current_strategy

__all__ = [
    "Collector",
    "resolve_category",
    "resolve_contacts",
    "resolve_country",
    "resolve_engagements",
    "resolve_flagship",
    "resolve_organisations",
    "resolve_outcomes",
    "resolve_region",
    "resolve_sdgs",
    "resolve_staff",
    "resolve_strategies",
    "resolve_user",
]


class Collector:
    """Runs checks and keeps every field's errors, so one response reports them all."""

    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}

    def run(self, func, *args, **kwargs):
        try:
            return func(*args, **kwargs)
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                self.errors.setdefault(field, messages)
            return None

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, [message])

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


def _listed(values) -> list:
    if values is None:
        return []
    if isinstance(values, str | int):
        return [values]
    return list(values)


def _ids(values: Iterable, model, field: str, what: str) -> tuple[list, list[int]]:
    """Split `values` into objects of `model` and integer ids; a value that is neither is an
    error on `field`."""
    objects, ids, bad = [], [], []
    for value in _listed(values):
        if isinstance(value, model):
            objects.append(value)
        elif str(value).strip().isdigit():
            ids.append(int(str(value).strip()))
        else:
            bad.append(str(value))
    if bad:
        raise ValidationError({field: f"Unknown {what}: {', '.join(bad)}."})
    return objects, ids


def _visible(values, model, rows, *, field: str, what: str, missing: str) -> tuple[list, dict]:
    """The ids in `values` (objects or ids) in order, and the rows of `rows` among them; an id
    that is not there is an error on `field` saying `missing`."""
    objects, ids = _ids(values, model, field, what)
    ids = list(dict.fromkeys([*ids, *(o.pk for o in objects)]))
    found = rows.filter(pk__in=ids).in_bulk()
    absent = [str(i) for i in ids if i not in found]
    if absent:
        raise ValidationError({field: f"{missing}: {', '.join(absent)}."})
    return ids, found


def resolve_organisations(actor, values, *, keep: Iterable[int] = ()) -> list[Organisation]:
    """Partner organisations the actor may see (the system sees all), by object or id; archived
    partners cannot be added (those in `keep`, already linked, stay)."""
    rows = Organisation.objects.all()
    if actor is not None:
        rows = partner_permissions.visible_organisations(actor, rows)
    ids, found = _visible(
        values,
        Organisation,
        rows,
        field="organisations",
        what="partner id(s)",
        missing="Unknown partner(s), or outside your scope",
    )
    keep = set(keep)
    archived = [o.name for o in found.values() if o.is_archived and o.pk not in keep]
    if archived:
        raise ValidationError(
            {"organisations": f"Archived partners cannot be added: {', '.join(archived)}."}
        )
    return [found[i] for i in ids]


def resolve_engagements(actor, values) -> list[Engagement]:
    """Engagements the actor may see (the system sees all), by object or id."""
    rows = Engagement.objects.all()
    if actor is not None:
        rows = permissions.visible_engagements(actor, rows)
    ids, found = _visible(
        values,
        Engagement,
        rows,
        field="engagements",
        what="engagement id(s)",
        missing="Unknown engagement(s)",
    )
    return [found[i] for i in ids]


def resolve_contacts(values, *, organisation_ids: Iterable[int]) -> list[Contact]:
    """Contacts who work at one of the engagement's partners, by object or id."""
    objects, ids = _ids(values, Contact, "contacts", "contact id(s)")
    ids += [c.pk for c in objects]
    found = Contact.objects.filter(pk__in=ids, archived_at__isnull=True).in_bulk()
    allowed = set(organisation_ids)
    wrong = [str(i) for i in ids if i not in found or found[i].organisation_id not in allowed]
    if wrong:
        raise ValidationError(
            {"contacts": f"Contacts must work at one of the partners involved: {', '.join(wrong)}."}
        )
    return [found[i] for i in dict.fromkeys(ids)]


def resolve_user(value, *, field: str = "owner", what: str = "The owner") -> User | None:
    if value is None or value == "":
        return None
    user = value if isinstance(value, User) else None
    if user is None and str(value).strip().isdigit():
        user = User.objects.filter(pk=int(str(value).strip())).first()
    if user is None or not user.is_active or not is_staff_role(user):
        raise ValidationError({field: f"{what} must be an active staff user."})
    return user


def resolve_staff(values) -> list[User]:
    objects, ids = _ids(values, User, "staff", "user id(s)")
    users = objects + list(User.objects.filter(pk__in=ids))
    found = {u.pk: u for u in users}
    bad = [str(i) for i in ids if i not in found]
    bad += [str(u) for u in users if not u.is_active or not is_staff_role(u)]
    if bad:
        raise ValidationError({"staff": f"Staff must be active staff users: {', '.join(bad)}."})
    return list(found.values())


def resolve_region(value, *, field: str = "lead_region") -> Region | None:
    if value is None or value == "":
        return None
    if isinstance(value, Region):
        return value
    text = str(value).strip()
    found = Region.objects.filter(code=text.upper()).first()
    if found is None and text.isdigit():
        found = Region.objects.filter(pk=int(text)).first()
    if found is None:
        codes = ", ".join(Region.objects.order_by("code").values_list("code", flat=True))
        raise ValidationError({field: f"Unknown region {text!r}. Choose from: {codes}."})
    return found


def resolve_category(value) -> PartnerCategory:
    """A partner category of the current strategy, from the object, its code or its id."""
    if value is None or value == "":
        raise ValidationError({"category": "Choose the partner category."})
    strategy = current_strategy()
    rows = PartnerCategory.objects.filter(strategy=strategy)
    if isinstance(value, PartnerCategory):
        found = value if value.strategy_id == getattr(strategy, "pk", None) else None
    else:
        text = str(value).strip()
        found = rows.filter(code=text).first() or (
            rows.filter(pk=int(text)).first() if text.isdigit() else None
        )
    if found is None:
        raise ValidationError({"category": f"Unknown partner category {value!s}."})
    return found


def resolve_strategies(values) -> list[EngagementStrategy]:
    """Lines of the current strategy's table, by object, id, or code such as "2.3" (category
    number, line number)."""
    values = _listed(values)
    objects = [v for v in values if isinstance(v, EngagementStrategy)]
    texts = [str(v).strip() for v in values if not isinstance(v, EngagementStrategy)]
    lines = EngagementStrategy.objects.filter(category__strategy=current_strategy())
    found: dict[str, EngagementStrategy] = {}
    codes = [t for t in texts if "." in t]
    ids = [int(t) for t in texts if t.isdigit()]
    for line in lines.filter(pk__in=[*ids, *(o.pk for o in objects)]).select_related("category"):
        found[str(line.pk)] = line
    if codes:
        for line in lines.select_related("category"):
            if line.code in codes:
                found[line.code] = line
    unknown = [t for t in texts if t not in found]
    unknown += [str(o.pk) for o in objects if str(o.pk) not in found]
    if unknown:
        raise ValidationError(
            {"strategies": f"Unknown strategy line(s): {', '.join(unknown)} (use codes like 2.3)."}
        )
    lines_out = [found[t] for t in texts] + [found[str(o.pk)] for o in objects]
    return list({line.pk: line for line in lines_out}.values())


def resolve_flagship(value) -> FlagshipProgramme | None:
    if value is None or value == "":
        return None
    if isinstance(value, FlagshipProgramme):
        return value
    strategy = current_strategy()
    text = str(value).strip()
    plan_id = getattr(strategy, "plan_id", None)
    found = FlagshipProgramme.objects.filter(plan_id=plan_id, code=text).first()
    if found is None:
        raise ValidationError({"flagship": f"Unknown flagship programme {text!r} (codes 1 to 5)."})
    return found


def resolve_sdgs(values) -> list[SdgGoal]:
    objects, numbers = _ids(values, SdgGoal, "sdgs", "SDG number(s)")
    found = SdgGoal.objects.in_bulk(numbers)
    missing = [str(n) for n in numbers if n not in found]
    if missing:
        raise ValidationError({"sdgs": f"Unknown SDG number(s): {', '.join(missing)} (1 to 17)."})
    return list({g.pk: g for g in [*objects, *(found[n] for n in numbers)]}.values())
