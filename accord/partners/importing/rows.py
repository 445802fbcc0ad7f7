"""One row of a file -> the arguments of organisation_create / contact_create, or the errors of
each column. The rules are the services' own (same validators, same cleaning of aliases and web
addresses), run on plain values with the reference data held in memory, so that a file of
100,000 rows costs no query per row; the services stay the final judge when they write."""

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from functools import cache

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator

from accord.accounts.countries import country_index
from accord.accounts.models import Country
from accord.accounts.roles import region_scope
from accord.core.errors import errors_of
from accord.partners.models import Contact, LawfulBasis, Organisation
from accord.partners.search import normalise
from accord.partners.services import check_region, clean_aliases, clean_website
from accord.strategy.models import Outcome, PartnerCategory
from accord.strategy.selectors import current_strategy

LIST_SEPARATOR = re.compile(r"[;\n]")
OUTCOME_SEPARATOR = re.compile(r"[;,\s]+")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
ORGANISATION_TEXT = (
    "name",
    "acronym",
    "city",
    "website",
    "email",
    "phone",
    "description",
    "subtype",
    "iati_identifier",
    "registration_number",
    "ref",
)
CONTACT_TEXT = ("first_name", "last_name", "job_title", "email", "phone", "source")
YES = {"yes", "y", "true", "1", "x", "oui", "si", "sim", "primary"}
NO = {"no", "n", "false", "0", "non", "nao", ""}


def clean_text(value, *, multiline: bool = False) -> str:
    """A cell as stored: control characters removed (a database refuses some of them), spaces
    collapsed (kept line breaks in long texts), trimmed."""
    text = value if isinstance(value, str) else str(value or "")
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text  # the common case, already clean
    text = _CONTROLS.sub("", text)
    if multiline:
        return "\n".join(" ".join(line.split()) for line in text.strip().splitlines()).strip()
    return " ".join(text.split())


def split_list(value: str, pattern=LIST_SEPARATOR) -> list[str]:
    return [part for part in (clean_text(p) for p in pattern.split(value or "")) if part]


@dataclass
class Lookups:
    """The reference data of one import, read once: partner categories of the current strategy,
    countries, outcomes of the plan, and the acting user's region scope."""

    actor: object = None
    categories: dict[str, PartnerCategory] = field(default_factory=dict)
    ambiguous_categories: dict[str, list[str]] = field(default_factory=dict)
    countries: dict[str, Country] = field(default_factory=dict)
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    scope: set[int] | None = None
    memo: dict[tuple, object] = field(default_factory=dict)

    def remembered(self, kind: str, text: str, resolve):
        """`resolve(text)`, computed once per distinct cell (a file repeats its categories
        and countries on every row); a refusal is remembered too."""
        key = (kind, text)
        if key not in self.memo:
            try:
                self.memo[key] = resolve(text)
            except ValidationError as exc:
                self.memo[key] = exc
        found = self.memo[key]
        if isinstance(found, ValidationError):
            raise found
        return found

    @classmethod
    def load(cls, actor=None) -> "Lookups":
        lookups = cls(actor=actor, scope=region_scope(actor) if actor is not None else None)
        strategy = current_strategy()
        by_iati: dict[str, list[PartnerCategory]] = {}
        for category in PartnerCategory.objects.filter(strategy=strategy).order_by("number"):
            for text in (category.code, category.name, category.short_name):
                key = normalise(text)
                lookups.categories.setdefault(key, category)
                lookups.categories.setdefault(key.removesuffix("s"), category)
            for code in category.iati_organisation_types:
                by_iati.setdefault(code, []).append(category)
        for code, found in by_iati.items():
            if len(found) == 1:
                lookups.categories.setdefault(code, found[0])
            else:
                lookups.ambiguous_categories[code] = [c.short_name for c in found]
        lookups.countries = country_index()
        plan_id = strategy.plan_id if strategy else None
        lookups.outcomes = {o.code: o for o in Outcome.objects.filter(domain__plan_id=plan_id)}
        return lookups

    def category(self, text: str) -> PartnerCategory:
        if not text:
            raise ValidationError("Give the partner category (its code or name).")
        key = normalise(text)
        if key in self.ambiguous_categories:
            names = " or ".join(self.ambiguous_categories[key])
            raise ValidationError(f"IATI type {text} could be {names}: give the category.")
        found = self.categories.get(key) or self.categories.get(key.removesuffix("s"))
        if found is None:
            codes = ", ".join(sorted({c.code for c in self.categories.values()}))
            raise ValidationError(f"Unknown partner category {text!r}. Use one of: {codes}.")
        return found

    def country(self, text: str) -> Country | None:
        if not text:
            return None
        stripped = text.strip()
        found = (
            self.countries.get(stripped.lower()) if len(stripped) in (2, 3) else None
        ) or self.countries.get(normalise(text))
        if found is None:
            raise ValidationError(f"Unknown country {text!r}: give an ISO code or name.")
        return found

    def outcome_list(self, text: str) -> list[Outcome]:
        codes = [c for c in OUTCOME_SEPARATOR.split(text or "") if c]
        unknown = [c for c in codes if c not in self.outcomes]
        if unknown:
            raise ValidationError(
                f"Unknown outcome code(s): {', '.join(unknown)}. "
                f"Use codes such as {', '.join(sorted(self.outcomes)[:3])}."
            )
        return list({c: self.outcomes[c] for c in codes}.values())


# Web and e-mail addresses of the plainest shape, which Django's URLValidator and EmailValidator
# always accept (a test checks it): those skip the validators' slower checks.
_PLAIN_HOST = r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,8}[a-z]{2,24}"
_PLAIN = {
    "website": re.compile(rf"https?://{_PLAIN_HOST}(?:/[A-Za-z0-9._~%/+-]*)?"),
    "email": re.compile(rf"[a-z0-9_+-]{{1,64}}(?:\.[a-z0-9_+-]{{1,64}}){{0,4}}@{_PLAIN_HOST}"),
}
_PLAIN_MAX = 200


@cache
def _validators(model) -> dict[str, tuple[int | None, list]]:
    """Each field's maximum length and its other validators (e-mail, web address); a value
    cleaned here never holds the null character that the last validator of text fields looks
    for."""
    skip = (MaxLengthValidator, ProhibitNullCharactersValidator)
    return {
        f.name: (f.max_length, [v for v in f.validators if not isinstance(v, skip)])
        for f in model._meta.concrete_fields
    }


def _run_validators(model, name: str, value, errors: dict) -> None:
    """The model field's own validators (length, e-mail, URL), as the services' full_clean."""
    if not value:
        return
    limit, validators = _validators(model)[name]
    if limit is not None and len(value) > limit:
        validators = [MaxLengthValidator(limit)]
    elif name in _PLAIN and len(value) <= _PLAIN_MAX and _PLAIN[name].fullmatch(value):
        return
    for validator in validators:
        try:
            validator(value)
        except ValidationError as exc:
            errors.setdefault(name, " ".join(exc.messages))
            return


def _attempt(errors: dict, column: str, func, *args, **kwargs):
    try:
        return func(*args, **kwargs)
    except ValidationError as exc:
        messages = errors_of(exc)
        errors.setdefault(
            column,
            " ".join(
                messages.get(column)
                or messages.get("__all__")
                or [m for ms in messages.values() for m in ms]
            ),
        )
        return None


def organisation_row(values: dict[str, str], lookups: Lookups) -> tuple[dict, dict[str, str]]:
    """The keyword arguments of organisation_create for the row, and {column: message}."""
    errors: dict[str, str] = {}
    kwargs = {
        name: clean_text(values.get(name, ""), multiline=name == "description")
        for name in ORGANISATION_TEXT
    }
    kwargs["website"] = clean_website(kwargs["website"])
    if not kwargs["name"]:
        errors["name"] = "Enter the organisation's name."
    for name in ORGANISATION_TEXT:
        _run_validators(Organisation, name, kwargs[name], errors)
    kwargs["category"] = _attempt(
        errors,
        "category",
        lookups.remembered,
        "category",
        clean_text(values.get("category")),
        lookups.category,
    )
    country = _attempt(
        errors,
        "country",
        lookups.remembered,
        "country",
        clean_text(values.get("country")),
        lookups.country,
    )
    if "country" not in errors and lookups.scope is not None:
        _attempt(errors, "country", check_region, lookups.actor, country)
    kwargs["country"] = country
    kwargs["outcomes"] = (
        _attempt(
            errors,
            "outcomes",
            lookups.remembered,
            "outcomes",
            values.get("outcomes", ""),
            lookups.outcome_list,
        )
        or []
    )
    kwargs["aliases"] = (
        _attempt(
            errors,
            "aliases",
            clean_aliases,
            split_list(values.get("aliases", "")),
            name=kwargs["name"],
        )
        or []
    )
    return kwargs, errors


def _parse_moment(text: str) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        moment = None
    if moment is None:
        try:
            moment = datetime.combine(date.fromisoformat(text), time(0))
        except ValueError:
            raise ValidationError(f"{text!r} is not a date: write it as YYYY-MM-DD.") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _lawful_basis(text: str) -> str:
    if not text:
        return LawfulBasis.LEGITIMATE_INTEREST
    key = normalise(text)
    for code, label in LawfulBasis.choices:
        if key in (normalise(code), normalise(label)):
            return code
    raise ValidationError(
        f"Unknown lawful basis {text!r}. Use one of: {', '.join(LawfulBasis.values)}."
    )


def _yes_no(text: str) -> bool:
    key = normalise(text)
    if key in YES:
        return True
    if key in NO:
        return False
    raise ValidationError(f"Write yes or no, not {text!r}.")


def contact_row(values: dict[str, str]) -> tuple[dict, dict[str, str]]:
    """The keyword arguments of contact_create for the row (without its organisation), and
    {column: message}. A full name is split at its last space when there are no name columns."""
    errors: dict[str, str] = {}
    kwargs = {name: clean_text(values.get(name, "")) for name in CONTACT_TEXT}
    full = clean_text(values.get("full_name", ""))
    if full and not (kwargs["first_name"] or kwargs["last_name"]):
        first, _, last = full.rpartition(" ")
        kwargs["first_name"], kwargs["last_name"] = (first, last) if first else ("", last)
    by_full_name = "full_name" in values and not {"first_name", "last_name"} & set(values)
    for name, label in (("first_name", "first name"), ("last_name", "last name")):
        if not kwargs[name]:
            errors.setdefault(
                "full_name" if by_full_name else name, f"Enter the contact's {label}."
            )
    for name in CONTACT_TEXT:
        _run_validators(Contact, name, kwargs[name], errors)
    languages = [
        code.lower() for code in split_list(values.get("languages", ""), OUTCOME_SEPARATOR)
    ]
    bad = [c for c in languages if len(c) != 2 or not c.isalpha()]
    if bad:
        errors["languages"] = (
            f"Use two-letter ISO 639-1 language codes (such as en, fr, ar): {', '.join(bad)}."
        )
    kwargs["languages"] = list(dict.fromkeys(languages))
    kwargs["is_primary"] = bool(
        _attempt(errors, "is_primary", _yes_no, clean_text(values.get("is_primary")))
    )
    kwargs["lawful_basis"] = _attempt(
        errors, "lawful_basis", _lawful_basis, clean_text(values.get("lawful_basis"))
    )
    consent = _attempt(
        errors, "consent_given_at", _parse_moment, clean_text(values.get("consent_given_at"))
    )
    if consent and consent > datetime.now(UTC):
        errors.setdefault("consent_given_at", "Consent cannot be given in the future.")
    if kwargs["lawful_basis"] == LawfulBasis.CONSENT and consent is None:
        errors.setdefault("consent_given_at", "Record when the person gave their consent.")
    kwargs["consent_given_at"] = consent
    return kwargs, errors
