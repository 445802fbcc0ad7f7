"""Forms of the agreement pages: they validate input and hand plain values to the services
(no form saves anything). Parties are picked with a search box (views.party_picker): the form
posts `party` ids and a `role_<id>` for each; the service checks each against the user's
scope."""

from django import forms

from accord.accounts.selectors import region_list, staff_user_list
from accord.agreements import obligation_states, states
from accord.agreements.models import AgreementStatus, AgreementType, ObligationKind, PartyRole
from accord.agreements.terms import KEY_TERMS
from accord.core.money import currency_choices
from accord.engagement.forms import DATE, region_filter_choices, strategy_line_choices
from accord.partners.forms import AccessibleErrorsMixin
from accord.strategy.models import FlagshipProgramme
from accord.strategy.selectors import current_strategy, outcome_list

EXPIRY_CHOICES = [
    ("", "Any end date"),
    ("30", "Within 30 days"),
    ("90", "Within 90 days"),
    ("180", "Within 180 days"),
    ("365", "Within a year"),
]


def _flagships():
    strategy = current_strategy()
    return FlagshipProgramme.objects.filter(plan_id=strategy.plan_id if strategy else None)


class AgreementFilterForm(AccessibleErrorsMixin, forms.Form):
    q = forms.CharField(
        label="Search titles and references",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    type = forms.ChoiceField(required=False)
    status = forms.ChoiceField(
        required=False, choices=[("", "Any status"), *AgreementStatus.choices]
    )
    region = forms.ChoiceField(required=False)
    expiring = forms.TypedChoiceField(
        label="Expiring", required=False, choices=EXPIRY_CHOICES, coerce=int, empty_value=None
    )
    partner = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", "Any type")] + [
            (t.code, t.name) for t in AgreementType.objects.all()
        ]
        self.fields["region"].choices = region_filter_choices()

    def filters(self) -> dict:
        """The valid part of the query as keyword arguments of AgreementFilters."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "q": data.get("q") or "",
            "type": data.get("type") or "",
            "status": data.get("status") or "",
            "region": data.get("region") or "",
            "expiring_within": data.get("expiring"),
            "partner": data.get("partner"),
        }


class AgreementForm(AccessibleErrorsMixin, forms.Form):
    title = forms.CharField(max_length=300)
    type = forms.ModelChoiceField(queryset=None, empty_label="Choose a type")
    summary = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))
    amount = forms.DecimalField(
        required=False,
        max_digits=18,
        decimal_places=2,
        min_value=0,
        help_text="Leave empty when the agreement carries no value (e.g. most MoUs).",
    )
    currency = forms.ChoiceField(required=False)
    value_date = forms.DateField(
        label="Value date",
        required=False,
        widget=DATE,
        help_text="Fixes the exchange rate used for the US dollar value.",
    )
    signed_on = forms.DateField(label="Signed on", required=False, widget=DATE)
    start_date = forms.DateField(label="Start date", required=False, widget=DATE)
    end_date = forms.DateField(label="End date", required=False, widget=DATE)
    owner = forms.ModelChoiceField(queryset=None, required=False, empty_label="Nobody yet")
    office = forms.CharField(label="Lead office", max_length=150, required=False)
    region = forms.ModelChoiceField(
        queryset=region_list(), required=False, empty_label="Headquarters"
    )
    flagship = forms.ModelChoiceField(
        label="Flagship programme", queryset=None, required=False, empty_label="None"
    )
    outcomes = forms.ModelMultipleChoiceField(
        queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    strategies = forms.MultipleChoiceField(
        label="Strategy lines", required=False, widget=forms.CheckboxSelectMultiple
    )
    # Holds the service's messages about the parties (the picker posts them; never rendered).
    parties = forms.CharField(required=False, widget=forms.HiddenInput)
    opportunity = forms.IntegerField(required=False, widget=forms.HiddenInput)
    pledge = forms.IntegerField(required=False, widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    FIELDSETS = [
        ("The agreement", ["title", "type", "summary"]),
        ("Value", ["amount", "currency", "value_date"]),
        ("Dates", ["signed_on", "start_date", "end_date"]),
        ("Who leads it", ["owner", "office", "region"]),
        ("The strategy it serves", ["flagship", "outcomes", "strategies"]),
    ]

    def __init__(self, *args, signed: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].queryset = AgreementType.objects.filter(is_active=True)
        self.fields["currency"].choices = [("", "—")] + currency_choices()
        self.fields["owner"].queryset = staff_user_list()
        self.fields["flagship"].queryset = _flagships()
        self.fields["outcomes"].queryset = outcome_list()
        self.fields["strategies"].choices = strategy_line_choices()
        self.signed = signed
        if signed:  # key terms change through an amendment
            for name in KEY_TERMS:
                self.fields.pop(name, None)

    def fieldsets(self) -> list[tuple[str, list]]:
        return [
            (legend, [self[n] for n in names if n in self.fields])
            for legend, names in self.FIELDSETS
            if any(n in self.fields for n in names)
        ]

    @classmethod
    def initial_for(cls, a) -> dict:
        names = [
            "title",
            "summary",
            "amount",
            "currency",
            "value_date",
            "signed_on",
            "start_date",
            "end_date",
            "office",
            "version",
        ]
        return {
            **{n: getattr(a, n) for n in names},
            "type": a.type_id,
            "owner": a.owner_id,
            "region": a.region_id,
            "flagship": a.flagship_id,
            "opportunity": a.opportunity_id,
            "pledge": a.pledge_id,
            "outcomes": [o.pk for o in a.outcomes.all()],
            "strategies": [str(s.pk) for s in a.strategies.all()],
        }

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data.pop("parties", None)
        if "outcomes" in data:
            data["outcomes"] = list(data["outcomes"])
        if self.signed:
            data.pop("opportunity", None)
            data.pop("pledge", None)
        return data


def parties_from(data) -> list[dict]:
    """The parties the picker posted: `party` ids, each with its `role_<id>`."""
    ids = list(dict.fromkeys(v for v in data.getlist("party") if str(v).strip().isdigit()))
    return [
        {"organisation": int(i), "role": data.get(f"role_{i}") or PartyRole.CO_SIGNATORY}
        for i in ids
    ]


class AmendmentForm(AccessibleErrorsMixin, forms.Form):
    signed_on = forms.DateField(label="Amendment signed on", widget=DATE)
    summary = forms.CharField(
        label="What the amendment is about", widget=forms.Textarea(attrs={"rows": 3})
    )
    title = forms.CharField(max_length=300)
    amount = forms.DecimalField(required=False, max_digits=18, decimal_places=2, min_value=0)
    currency = forms.ChoiceField(required=False)
    value_date = forms.DateField(label="Value date", required=False, widget=DATE)
    start_date = forms.DateField(label="Start date", required=False, widget=DATE)
    end_date = forms.DateField(label="End date", required=False, widget=DATE)
    parties = forms.CharField(required=False, widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["currency"].choices = [("", "—")] + currency_choices()

    @classmethod
    def initial_for(cls, a) -> dict:
        names = ["title", "amount", "currency", "value_date", "start_date", "end_date", "version"]
        return {n: getattr(a, n) for n in names}

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data.pop("parties", None)
        return data


class TransitionForm(AccessibleErrorsMixin, forms.Form):
    transition = forms.ChoiceField(choices=[(n, n) for n in states.NAMES])
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    date = forms.DateField(required=False, widget=DATE)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ObligationForm(AccessibleErrorsMixin, forms.Form):
    kind = forms.ChoiceField(choices=ObligationKind.choices)
    title = forms.CharField(max_length=300)
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    due_date = forms.DateField(label="Due date", widget=DATE)
    owner = forms.ModelChoiceField(queryset=None, required=False, empty_label="Nobody yet")
    remind_days_before = forms.IntegerField(
        label="Remind the owner (days before)", min_value=0, max_value=365, initial=14
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff_user_list()

    @classmethod
    def initial_for(cls, o) -> dict:
        names = ["kind", "title", "description", "due_date", "remind_days_before", "version"]
        return {**{n: getattr(o, n) for n in names}, "owner": o.owner_id}

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


class ObligationTransitionForm(AccessibleErrorsMixin, forms.Form):
    transition = forms.ChoiceField(choices=[(n, n) for n in obligation_states.NAMES])
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class DocumentForm(AccessibleErrorsMixin, forms.Form):
    title = forms.CharField(max_length=200, required=False, help_text="Empty: the file's name.")
    file = forms.FileField(help_text="PDF, Word (.docx), Excel (.xlsx), PNG or JPEG.")
