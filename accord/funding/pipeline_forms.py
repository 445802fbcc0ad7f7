"""Forms of the pipeline pages: they validate input and hand plain values to the services (no
form saves anything). The partner and co-funders are picked with a search box; the service
checks each id against the user's scope."""

from django import forms

from accord.accounts.selectors import country_list, staff_user_list
from accord.core.money import currency_choices
from accord.engagement.forms import (
    DATE,
    IdListField,
    _flagships,
    category_filter_choices,
    region_filter_choices,
    strategy_line_choices,
)
from accord.funding.models import ResourceKind, Stage
from accord.funding.pipeline_selectors import SORTS, OpportunityFilters
from accord.funding.pipeline_services import SCALAR_FIELDS
from accord.partners.forms import AccessibleErrorsMixin
from accord.strategy.selectors import outcome_list

SORT_LABELS = {
    "updated": "Recently changed",
    "decision": "Decision date, soonest first",
    "-decision": "Decision date, latest first",
    "-amount": "Amount (USD), largest first",
    "amount": "Amount (USD), smallest first",
    "-probability": "Probability, highest first",
    "probability": "Probability, lowest first",
    "title": "Title",
    "stage": "Stage",
}
STATUS_CHOICES = [
    ("", "Any status"),
    ("open", "Open"),
    ("closed", "Closed"),
    ("won", "Won"),
    ("lost", "Lost"),
    ("withdrawn", "Withdrawn"),
]


class PipelineFilterForm(AccessibleErrorsMixin, forms.Form):
    """The filters of the board (a GET form: every result is a URL); the list adds search,
    stage, status, year and sort (`with_list=True`)."""

    q = forms.CharField(
        label="Search titles and partners",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    owner = forms.ChoiceField(required=False)
    flagship = forms.ChoiceField(label="Flagship programme", required=False)
    region = forms.ChoiceField(required=False)
    category = forms.ChoiceField(label="Partner category", required=False)
    kind = forms.ChoiceField(required=False, choices=[("", "Any kind"), *ResourceKind.choices])
    stage = forms.ChoiceField(required=False)
    status = forms.ChoiceField(required=False, choices=STATUS_CHOICES)
    year = forms.IntegerField(label="Decision year", required=False, min_value=1990, max_value=2100)
    sort = forms.ChoiceField(required=False, choices=list(SORT_LABELS.items()))
    partner = forms.IntegerField(required=False, widget=forms.HiddenInput)

    LIST_ONLY = ("q", "stage", "status", "year", "sort", "partner")

    def __init__(self, *args, with_list: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_list:
            for name in self.LIST_ONLY:
                del self.fields[name]
        else:
            self.fields["stage"].choices = [("", "Any stage")] + list(
                Stage.objects.order_by("order").values_list("code", "name")
            )
        self.fields["owner"].choices = [("", "Any owner")] + [
            (str(u.pk), u.get_full_name() or u.username) for u in staff_user_list()
        ]
        self.fields["flagship"].choices = [("", "Any flagship")] + [
            (f.code, f"{f.code}. {f.name}") for f in _flagships()
        ]
        self.fields["region"].choices = region_filter_choices()
        self.fields["category"].choices = category_filter_choices()

    def filters(self) -> OpportunityFilters:
        """The valid part of the query; an invalid value is shown as an error and ignored."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        owner = data.get("owner")
        return OpportunityFilters(
            **{
                name: data.get(name) or ""
                for name in ("q", "flagship", "region", "category", "kind", "stage", "status")
            },
            owner=int(owner) if owner else None,
            partner=data.get("partner"),
            year=data.get("year"),
            sort=data.get("sort") if data.get("sort") in SORTS else "updated",
        )


class OpportunityForm(AccessibleErrorsMixin, forms.Form):
    organisation = IdListField(label="Partner", error_messages={"required": "Choose the partner."})
    co_funders = IdListField(label="Co-funders", required=False)
    title = forms.CharField(max_length=300)
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    kind = forms.ChoiceField(
        choices=ResourceKind.choices, initial=ResourceKind.FINANCIAL, widget=forms.RadioSelect
    )
    in_kind_description = forms.CharField(
        label="What would be given in kind",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="For in-kind resources; the amount is then their declared value.",
    )
    amount = forms.DecimalField(
        label="Expected amount",
        min_value=0,
        max_digits=16,
        decimal_places=2,
        initial=0,
        help_text="Zero while not known; needed from the proposal stage on.",
    )
    currency = forms.ChoiceField(initial="USD")
    value_date = forms.DateField(
        label="Value date",
        widget=DATE,
        required=False,
        help_text="The date of the estimate: its month's exchange rate gives the USD value. "
        "Today when empty.",
    )
    stage = forms.ModelChoiceField(queryset=None, empty_label=None, to_field_name="code")
    probability = forms.IntegerField(
        label="Probability (%)",
        min_value=0,
        max_value=100,
        required=False,
        help_text="Empty: the stage's default.",
    )
    expected_decision_date = forms.DateField(
        label="Expected decision date", widget=DATE, required=False
    )
    flagship = forms.ModelChoiceField(
        label="Flagship programme", queryset=None, required=False, empty_label="None"
    )
    outcomes = forms.ModelMultipleChoiceField(
        queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    countries = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        to_field_name="code",
        help_text="Hold Ctrl (or ⌘) to choose several.",
    )
    strategies = forms.MultipleChoiceField(
        label="Strategy lines", required=False, widget=forms.CheckboxSelectMultiple
    )
    owner = forms.ModelChoiceField(queryset=None, required=False, empty_label="Nobody yet")
    office = forms.CharField(max_length=150, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    FIELDSETS = [
        ("What", ["title", "description", "kind", "in_kind_description"]),
        (
            "How much and how likely",
            ["amount", "currency", "value_date", "stage", "probability", "expected_decision_date"],
        ),
        ("What it would fund", ["flagship", "outcomes", "countries", "strategies"]),
        ("Who follows it", ["owner", "office"]),
    ]

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["currency"].choices = currency_choices()
        self.fields["stage"].queryset = Stage.objects.filter(is_active=True, kind="open")
        self.fields["flagship"].queryset = _flagships()
        self.fields["outcomes"].queryset = outcome_list()
        self.fields["countries"].queryset = country_list()
        self.fields["strategies"].choices = strategy_line_choices()
        self.fields["owner"].queryset = staff_user_list()
        if editing:  # the stage changes only through moves
            del self.fields["stage"]

    def fieldsets(self) -> list[tuple[str, list]]:
        return [
            (legend, [self[n] for n in names if n in self.fields])
            for legend, names in self.FIELDSETS
        ]

    @classmethod
    def initial_for(cls, o) -> dict:
        linked = {"organisation", "flagship", "owner"}  # given as ids below
        names = [f for f in SCALAR_FIELDS if f not in linked] + ["version"]
        return {
            **{name: getattr(o, name) for name in names},
            "organisation": [o.organisation_id],
            "co_funders": [c.pk for c in o.co_funders.all()],
            "flagship": o.flagship_id,
            "owner": o.owner_id,
            "outcomes": [x.pk for x in o.outcomes.all()],
            "countries": [c.code for c in o.countries.all()],
            "strategies": [str(s.pk) for s in o.strategies.all()],
        }

    def values(self) -> dict:
        """Keyword arguments for opportunity_create / opportunity_update."""
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data["organisation"] = (data["organisation"] or [None])[0]
        for name in ("outcomes", "countries"):
            data[name] = list(data[name])
        if "stage" in data:
            data["stage"] = data["stage"].code
        return data


class MoveForm(AccessibleErrorsMixin, forms.Form):
    stage = forms.CharField(max_length=32)
    note = forms.CharField(
        required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={"required": "Reload the page: the form has no version."},
    )
