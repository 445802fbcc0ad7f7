"""Forms of the engagement pages: they validate input and hand plain values to the services
(no form saves anything). Partners are picked with a search box, not a list of every partner:
the picker posts their ids (`IdListField`) and the service checks each one against the user's
scope."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from accord.accounts.selectors import country_list, region_list, staff_user_list
from accord.engagement.models import EngagementKind, EngagementStatus
from accord.engagement.selectors import EngagementFilters
from accord.partners.forms import AccessibleErrorsMixin
from accord.strategy.models import EngagementStrategy, FlagshipProgramme, SdgGoal
from accord.strategy.selectors import category_list, current_strategy, outcome_list

DATE = forms.DateInput(attrs={"type": "date"})


class IdListField(forms.Field):
    """A list of record ids (the checked boxes of a picker)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value) -> list[int]:
        values = value if isinstance(value, list | tuple) else [value] if value else []
        ids = []
        for item in values:
            text = str(item).strip()
            if not text.isdigit():
                raise ValidationError(f"“{text}” is not a record id.")
            ids.append(int(text))
        return list(dict.fromkeys(ids))


def check_period(form, data: dict) -> dict:
    """A period's end may not come before its start (the error goes on `date_to`)."""
    start, end = data.get("date_from"), data.get("date_to")
    if start and end and end < start:
        form.add_error("date_to", "The end of the period is before its start.")
    return data


def strategy_line_choices(*, category=None, value: str = "id") -> list:
    """Lines of the strategy table grouped by partner category (or of one category), labelled
    "2.3 Strengthen the engagement…"; the value is the line's id or its code."""
    lines = EngagementStrategy.objects.filter(category__strategy=current_strategy())
    if category is not None:
        lines = lines.filter(category=category)
    groups: dict[str, list] = {}
    for line in lines.select_related("category").order_by("category__number", "number"):
        text = line.text if len(line.text) <= 110 else line.text[:107] + "…"
        key = str(line.pk) if value == "id" else line.code
        groups.setdefault(line.category.short_name, []).append((key, f"{line.code} {text}"))
    if category is not None:
        return next(iter(groups.values()), [])
    return list(groups.items())


def category_filter_choices() -> list:
    return [("", "Any category")] + [(c.code, c.short_name) for c in category_list()]


def line_filter_choices() -> list:
    return [("", "Any strategy line")] + strategy_line_choices(value="code")


def region_filter_choices() -> list:
    return [("", "Any region")] + [(r.code, r.name) for r in region_list()]


def _flagships():
    strategy = current_strategy()
    return FlagshipProgramme.objects.filter(plan_id=strategy.plan_id if strategy else None)


class EngagementFilterForm(AccessibleErrorsMixin, forms.Form):
    """The search and filters of the engagement list (a GET form: every result is a URL)."""

    q = forms.CharField(
        label="Search titles",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    kind = forms.ChoiceField(required=False, choices=[("", "Any kind"), *EngagementKind.choices])
    status = forms.ChoiceField(
        required=False, choices=[("", "Any status"), *EngagementStatus.choices]
    )
    date_from = forms.DateField(label="From", required=False, widget=DATE)
    date_to = forms.DateField(label="To", required=False, widget=DATE)
    category = forms.ChoiceField(label="Partner category", required=False)
    strategy = forms.ChoiceField(label="Strategy line", required=False)
    outcome = forms.ChoiceField(required=False)
    region = forms.ChoiceField(label="Lead region", required=False)
    country = forms.ChoiceField(required=False)
    flagship = forms.ChoiceField(label="Flagship programme", required=False)
    partner = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = category_filter_choices()
        self.fields["strategy"].choices = line_filter_choices()
        self.fields["outcome"].choices = [("", "Any outcome")] + [
            (o.code, f"{o.code} {o.name}") for o in outcome_list()
        ]
        self.fields["region"].choices = region_filter_choices()
        self.fields["country"].choices = [("", "Any country")] + list(
            country_list().values_list("code", "name")
        )
        self.fields["flagship"].choices = [("", "Any flagship")] + [
            (f.code, f"{f.code}. {f.name}") for f in _flagships()
        ]

    def clean(self):
        return check_period(self, super().clean())

    def filters(self) -> EngagementFilters:
        """The valid part of the query; an invalid value is shown as an error and ignored."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return EngagementFilters(
            **{
                name: data.get(name) or ""
                for name in (
                    "q",
                    "kind",
                    "status",
                    "category",
                    "strategy",
                    "outcome",
                    "region",
                    "country",
                    "flagship",
                )
            },
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            partner=data.get("partner"),
        )


class EngagementForm(AccessibleErrorsMixin, forms.Form):
    kind = forms.ChoiceField(choices=EngagementKind.choices)
    status = forms.ChoiceField(
        choices=EngagementStatus.choices,
        initial=EngagementStatus.HELD,
        help_text="Planned until it has taken place.",
    )
    title = forms.CharField(max_length=300)
    start_date = forms.DateField(label="Date", widget=DATE)
    end_date = forms.DateField(
        label="End date", required=False, widget=DATE, help_text="For events over several days."
    )
    summary = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))
    organisations = IdListField(
        label="Partners", error_messages={"required": "Choose at least one partner."}
    )
    contacts = IdListField(label="Contacts", required=False)
    staff = forms.ModelMultipleChoiceField(
        label="UN-Habitat staff involved",
        queryset=None,
        required=False,
        help_text="Hold Ctrl (or ⌘) to choose several.",
    )
    lead_region = forms.ModelChoiceField(
        label="Lead region",
        queryset=region_list(),
        required=False,
        empty_label="Headquarters",
        help_text="The region whose office led it.",
    )
    office = forms.CharField(label="Lead office", max_length=150, required=False)
    country = forms.ModelChoiceField(
        queryset=country_list(), required=False, empty_label="No country"
    )
    strategies = forms.MultipleChoiceField(
        label="Strategy lines",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The lines of the strategy table this engagement serves.",
    )
    outcomes = forms.ModelMultipleChoiceField(
        queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    flagship = forms.ModelChoiceField(
        label="Flagship programme", queryset=None, required=False, empty_label="None"
    )
    sdgs = forms.ModelMultipleChoiceField(
        label="SDGs",
        queryset=SdgGoal.objects.order_by("number"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    FIELDSETS = [
        ("What", ["kind", "status", "title", "start_date", "end_date", "summary"]),
        ("Where and who led it", ["lead_region", "office", "country", "staff"]),
        ("The strategy it serves", ["strategies", "outcomes", "flagship", "sdgs"]),
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = staff_user_list()
        self.fields["outcomes"].queryset = outcome_list()
        self.fields["flagship"].queryset = _flagships()
        self.fields["strategies"].choices = strategy_line_choices()

    def fieldsets(self) -> list[tuple[str, list]]:
        return [(legend, [self[name] for name in names]) for legend, names in self.FIELDSETS]

    @classmethod
    def initial_for(cls, engagement) -> dict:
        return {
            **{
                name: getattr(engagement, name)
                for name in (
                    "kind",
                    "status",
                    "title",
                    "start_date",
                    "end_date",
                    "summary",
                    "office",
                    "version",
                )
            },
            "lead_region": engagement.lead_region_id,
            "country": engagement.country_id,
            "flagship": engagement.flagship_id,
            "organisations": [o.pk for o in engagement.organisations.all()],
            "contacts": [c.pk for c in engagement.contacts.all()],
            "staff": [u.pk for u in engagement.staff.all()],
            "strategies": [str(s.pk) for s in engagement.strategies.all()],
            "outcomes": [o.pk for o in engagement.outcomes.all()],
            "sdgs": [g.pk for g in engagement.sdgs.all()],
        }

    def values(self) -> dict:
        """Keyword arguments for engagement_create / engagement_update."""
        data = dict(self.cleaned_data)
        data.pop("version", None)
        for name in ("staff", "outcomes", "sdgs"):
            data[name] = list(data[name])
        return data


class QuickEngagementForm(AccessibleErrorsMixin, forms.Form):
    """Logging an engagement from a partner's page: what, when, and which of this partner's
    strategy lines and contacts; the rest is on the full form."""

    kind = forms.ChoiceField(choices=EngagementKind.choices)
    title = forms.CharField(max_length=300)
    start_date = forms.DateField(label="Date", widget=DATE)
    status = forms.ChoiceField(choices=EngagementStatus.choices, initial=EngagementStatus.HELD)
    summary = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    strategies = forms.MultipleChoiceField(
        label="Strategy lines", required=False, widget=forms.CheckboxSelectMultiple
    )
    contacts = forms.MultipleChoiceField(
        label="Contacts involved", required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, organisation, contacts=(), **kwargs):
        kwargs.setdefault("initial", {"start_date": timezone.localdate()})
        kwargs.setdefault("auto_id", "log_%s")
        super().__init__(*args, **kwargs)
        self.fields["strategies"].choices = strategy_line_choices(category=organisation.category)
        self.fields["contacts"].choices = [(str(c.pk), c.full_name) for c in contacts]
        if not contacts:
            del self.fields["contacts"]

    def values(self) -> dict:
        return dict(self.cleaned_data)


class FollowUpForm(AccessibleErrorsMixin, forms.Form):
    description = forms.CharField(label="What needs to be done", max_length=500)
    owner = forms.ModelChoiceField(label="Who", queryset=None, empty_label="Choose a person")
    due_date = forms.DateField(label="By when", widget=DATE)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "followup_%s")
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff_user_list()
