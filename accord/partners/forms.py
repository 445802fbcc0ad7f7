"""Forms of the partner pages: they validate input and hand plain values to the services.

No form saves anything: views pass `cleaned_data` to one service, and turn the service's
`ValidationError` back into field errors with `apply_errors`."""

from django import forms
from django.core.exceptions import ValidationError

from accord.accounts.selectors import country_list, region_list, staff_user_list
from accord.core.errors import errors_of
from accord.core.widgets import FastSelect
from accord.partners.models import (
    LawfulBasis,
    OrganisationStatus,
    RelationshipKind,
    Resource,
)
from accord.partners.selectors import OrganisationFilters
from accord.strategy.selectors import category_list, outcome_list

SORT_CHOICES = [
    ("name", "Name (A–Z)"),
    ("-name", "Name (Z–A)"),
    ("country", "Country"),
    ("category", "Category"),
    ("-updated", "Recently updated"),
]


class AccessibleErrorsMixin:
    """Ties each field's error messages to its input (aria-describedby) so screen readers read
    them with the field; ids match the ones partners/_field.html gives the messages."""

    def __init__(self, *args, versioned: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        # An edit form must say which version it was opened on, or it could overwrite blindly.
        if versioned and "version" in self.fields:
            self.fields["version"].required = True
            self.fields["version"].error_messages["required"] = (
                "This form is missing the version of the record it was opened on: "
                "reload the page and make your edit again."
            )

    def add_error(self, field, error):
        super().add_error(field, error)
        for name in self.errors:
            if name in self.fields:
                bound = self[name]
                ids = [f"{bound.auto_id}_error"]
                if self.fields[name].help_text:
                    ids.append(f"{bound.auto_id}_helptext")
                self.fields[name].widget.attrs["aria-describedby"] = " ".join(ids)

    def errored_fields(self) -> list:
        return [bound for bound in self if bound.errors]

    def apply_errors(self, exc: ValidationError, *, rename: dict | None = None) -> None:
        """Put a service's ValidationError on the fields it names (the rest on the form);
        `rename` maps a service argument to the form field that carries it."""
        for field, messages in errors_of(exc).items():
            field = (rename or {}).get(field, field)
            target = field if field in self.fields else None
            for message in messages:
                self.add_error(target, message)


class PartnerFilterForm(AccessibleErrorsMixin, forms.Form):
    """The search and filters of the partner list (a GET form: every result is a shareable URL)."""

    q = forms.CharField(
        label="Search",
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": "Name, acronym or alias", "autocomplete": "off"}
        ),
    )
    category = forms.ChoiceField(required=False, widget=FastSelect)
    subtype = forms.CharField(label="Sub-type", required=False, max_length=100)
    country = forms.ChoiceField(required=False, widget=FastSelect)
    region = forms.ChoiceField(required=False, widget=FastSelect)
    status = forms.ChoiceField(
        required=False, choices=[("", "Any status"), *OrganisationStatus.choices]
    )
    outcome = forms.ChoiceField(label="Outcome of interest", required=False, widget=FastSelect)
    owner = forms.ChoiceField(label="Relationship owner", required=False, widget=FastSelect)
    archived = forms.BooleanField(label="Show archived partners", required=False)
    sort = forms.ChoiceField(label="Sort by", required=False, choices=SORT_CHOICES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", "Any category")] + [
            (c.code, c.short_name) for c in category_list()
        ]
        self.fields["country"].choices = [("", "Any country")] + list(
            country_list().values_list("code", "name")
        )
        self.fields["region"].choices = [("", "Any region")] + [
            (r.code, r.name) for r in region_list()
        ]
        self.fields["outcome"].choices = [("", "Any outcome")] + [
            (o.code, f"{o.code} {o.name}") for o in outcome_list()
        ]
        self.fields["owner"].choices = [("", "Anyone")] + [
            (str(u.pk), str(u)) for u in staff_user_list()
        ]

    def filters(self) -> OrganisationFilters:
        """The valid part of the query; an invalid value is shown as an error and ignored."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        owner = data.get("owner")
        return OrganisationFilters(
            q=data.get("q") or "",
            category=data.get("category") or "",
            subtype=data.get("subtype") or "",
            country=data.get("country") or "",
            region=data.get("region") or "",
            status=data.get("status") or "",
            outcome=data.get("outcome") or "",
            owner=int(owner) if owner else None,
            archived=bool(data.get("archived")),
            sort=data.get("sort") or "name",
        )


class AliasesField(forms.CharField):
    """Other names, one per line; blank lines and repeats are dropped."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(value)
        return value

    def to_python(self, value) -> list[str]:
        text = super().to_python(value) or ""
        seen: list[str] = []
        for line in text.splitlines():
            name = " ".join(line.split())
            if name and name not in seen:
                seen.append(name)
        return seen


class OrganisationForm(AccessibleErrorsMixin, forms.Form):
    name = forms.CharField(max_length=300)
    acronym = forms.CharField(max_length=40, required=False)
    aliases = AliasesField(
        label="Other names",
        required=False,
        help_text="Aliases, former names and translations, one per line.",
    )
    category = forms.ModelChoiceField(
        label="Partner category",
        queryset=None,
        empty_label="Choose a category",
    )
    subtype = forms.CharField(
        label="Sub-type",
        max_length=100,
        required=False,
        help_text="Within the category, e.g. “Ministry”, “Municipality”, “University”.",
    )
    status = forms.ChoiceField(
        choices=OrganisationStatus.choices, initial=OrganisationStatus.PROSPECT
    )
    country = forms.ModelChoiceField(
        queryset=country_list(),
        required=False,
        empty_label="No country",
        help_text="The region follows the country.",
    )
    city = forms.CharField(max_length=120, required=False)
    website = forms.URLField(max_length=300, required=False, assume_scheme="https")
    email = forms.EmailField(required=False)
    phone = forms.CharField(max_length=40, required=False)
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))
    iati_identifier = forms.CharField(
        label="IATI organisation identifier",
        max_length=100,
        required=False,
        help_text="As in the IATI Organisation Registry, e.g. “GB-GOV-1”.",
    )
    registration_number = forms.CharField(max_length=100, required=False)
    owner = forms.ModelChoiceField(
        label="Relationship owner",
        queryset=None,
        required=False,
        empty_label="Nobody yet",
    )
    outcomes = forms.ModelMultipleChoiceField(
        label="Outcomes of interest",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Outcomes of the strategic plan this partner works on.",
    )
    resources_offered = forms.MultipleChoiceField(
        label="Resources offered",
        choices=Resource.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    FIELDSETS = [
        ("Who they are", ["name", "acronym", "aliases", "category", "subtype", "status"]),
        ("Where and how to reach them", ["country", "city", "website", "email", "phone"]),
        ("Identifiers", ["iati_identifier", "registration_number"]),
        ("Work with UN-Habitat", ["owner", "outcomes", "resources_offered", "description"]),
    ]

    def fieldsets(self) -> list[tuple[str, list]]:
        return [(legend, [self[name] for name in names]) for legend, names in self.FIELDSETS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = category_list()
        self.fields["owner"].queryset = staff_user_list()
        self.fields["outcomes"].queryset = outcome_list()

    @classmethod
    def initial_for(cls, organisation) -> dict:
        return {
            "name": organisation.name,
            "acronym": organisation.acronym,
            # In the order they were given, as the service compares them.
            "aliases": list(organisation.names.order_by("id").values_list("name", flat=True)),
            "category": organisation.category_id,
            "subtype": organisation.subtype,
            "status": organisation.status,
            "country": organisation.country_id,
            "city": organisation.city,
            "website": organisation.website,
            "email": organisation.email,
            "phone": organisation.phone,
            "description": organisation.description,
            "iati_identifier": organisation.iati_identifier,
            "registration_number": organisation.registration_number,
            "owner": organisation.owner_id,
            "outcomes": [o.pk for o in organisation.outcomes.all()],
            "resources_offered": list(organisation.resources_offered),
            "version": organisation.version,
        }

    def values(self) -> dict:
        """Keyword arguments for organisation_create / organisation_update."""
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data["outcomes"] = list(data["outcomes"])
        return data


class ContactForm(AccessibleErrorsMixin, forms.Form):
    first_name = forms.CharField(max_length=100)
    last_name = forms.CharField(max_length=100)
    job_title = forms.CharField(max_length=150, required=False)
    email = forms.EmailField(required=False)
    phone = forms.CharField(max_length=40, required=False)
    languages = forms.CharField(
        max_length=100,
        required=False,
        help_text="Two-letter codes separated by commas, e.g. “en, fr, ar”.",
    )
    is_primary = forms.BooleanField(label="Primary contact of the organisation", required=False)
    lawful_basis = forms.ChoiceField(
        label="Lawful basis",
        help_text="Why we may hold this person's data.",
        choices=LawfulBasis.choices,
        initial=LawfulBasis.LEGITIMATE_INTEREST,
    )
    consent_given_at = forms.DateField(
        label="Consent given on",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Required when the lawful basis is consent.",
    )
    source = forms.CharField(max_length=150, required=False, help_text="Where the data came from.")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean_languages(self) -> list[str]:
        # Only parsing here: which codes are valid is the service's rule.
        return [c.strip() for c in self.cleaned_data["languages"].split(",") if c.strip()]

    @classmethod
    def initial_for(cls, contact) -> dict:
        return {
            "first_name": contact.first_name,
            "last_name": contact.last_name,
            "job_title": contact.job_title,
            "email": contact.email,
            "phone": contact.phone,
            "languages": ", ".join(contact.languages),
            "is_primary": contact.is_primary,
            "lawful_basis": contact.lawful_basis,
            "consent_given_at": contact.consent_given_at.date()
            if contact.consent_given_at
            else None,
            "source": contact.source,
            "version": contact.version,
        }

    def values(self) -> dict:
        from datetime import datetime, time

        from django.utils import timezone

        data = dict(self.cleaned_data)
        data.pop("version", None)
        day = data["consent_given_at"]
        data["consent_given_at"] = (
            timezone.make_aware(datetime.combine(day, time(12))) if day else None
        )
        return data


class RelationshipSearchForm(forms.Form):
    q = forms.CharField(
        label="Find the other organisation",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class RelationshipForm(AccessibleErrorsMixin, forms.Form):
    """One typed link, read as a sentence: "<this organisation> is a member of <the other>" or
    "<the other> is a member of <this organisation>"."""

    link = forms.ChoiceField(label="Relationship")
    other = forms.IntegerField(
        label="Other organisation",
        widget=forms.HiddenInput,
        error_messages={"required": "Choose the other organisation from the search results."},
    )
    since = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(max_length=300, required=False)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        name = organisation.acronym or organisation.name
        self.fields["link"].choices = [
            (f"out:{kind}", f"{name} {label} …") for kind, label in RelationshipKind.choices
        ] + [(f"in:{kind}", f"… {label} {name}") for kind, label in RelationshipKind.choices]

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", "The end date is before the start date.")
        return data

    @property
    def direction(self) -> str:
        return self.cleaned_data["link"].split(":", 1)[0]

    @property
    def kind(self) -> str:
        return self.cleaned_data["link"].split(":", 1)[1]
