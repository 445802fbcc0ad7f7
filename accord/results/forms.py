"""Forms of the results pages: they validate the shape of the input and hand plain values to
the services (which check the numbers and name the field of any refusal)."""

from django import forms

from accord.core.widgets import FastSelect
from accord.partners.forms import AccessibleErrorsMixin
from accord.results.dimensions import DIMENSIONS, parts
from accord.results.models import Aggregation, Direction, MeasurementStatus, Source, Unit
from accord.results.rules import STATUS_LABELS
from accord.strategy.selectors import category_list, outcome_list

NUMBER = forms.CharField  # numbers arrive as text; the service turns them into Decimals


def _choices(blank: str, pairs) -> list:
    return [("", blank), *pairs]


class CatalogueFilterForm(AccessibleErrorsMixin, forms.Form):
    period = forms.CharField(
        required=False,
        max_length=16,
        label="Period",
        help_text="A year (2025) or a quarter (2025-Q2).",
    )
    outcome = forms.ChoiceField(required=False, widget=FastSelect)
    category = forms.ChoiceField(required=False, label="Partner category", widget=FastSelect)
    status = forms.ChoiceField(
        required=False, widget=FastSelect, choices=_choices("Any status", STATUS_LABELS.items())
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = _choices(
            "Any outcome", [(o.code, f"{o.code} {o.name}") for o in outcome_list()]
        )
        self.fields["category"].choices = _choices(
            "Any category", [(c.code, c.short_name) for c in category_list()]
        )


class MeasurementFilterForm(AccessibleErrorsMixin, forms.Form):
    status = forms.ChoiceField(
        required=False, widget=FastSelect, choices=_choices("Any status", MeasurementStatus.choices)
    )
    indicator = forms.CharField(required=False, max_length=32)
    period = forms.CharField(required=False, max_length=16)


class MeasurementForm(AccessibleErrorsMixin, forms.Form):
    period = forms.CharField(max_length=16, help_text="A year (2025) or a quarter (2025-Q2).")
    dimension = forms.ChoiceField(required=False, label="Disaggregation", widget=FastSelect)
    dimension_value = forms.ChoiceField(required=False, label="Part", widget=FastSelect)
    value = NUMBER(
        required=False,
        max_length=40,
        label="Value",
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    numerator = NUMBER(
        required=False, max_length=40, widget=forms.TextInput(attrs={"inputmode": "decimal"})
    )
    denominator = NUMBER(
        required=False, max_length=40, widget=forms.TextInput(attrs={"inputmode": "decimal"})
    )
    note = forms.CharField(
        required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, indicator, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        dims = indicator.disaggregations or []
        self.fields["dimension"].choices = _choices(
            "None: the total", [(d, DIMENSIONS[d]) for d in dims if d in DIMENSIONS]
        )
        self.fields["dimension_value"].choices = _choices(
            "—",
            [(f"{code}", f"{DIMENSIONS[d]}: {label}") for d in dims for code, label in parts(d)],
        )
        if indicator.aggregation == Aggregation.RATIO:
            del self.fields["value"]
            self.fields["numerator"].required = self.fields["denominator"].required = True
        else:
            del self.fields["numerator"], self.fields["denominator"]
            self.fields["value"].required = True
            if indicator.unit == Unit.YES_NO:
                self.fields["value"].help_text = "1 for yes, 0 for no."
            elif indicator.unit == Unit.PERCENTAGE:
                self.fields["value"].help_text = "Between 0 and 100."
            elif indicator.unit == Unit.CURRENCY:
                self.fields["value"].help_text = "In US dollars."
        if editing:
            for name in ("period", "dimension", "dimension_value"):
                del self.fields[name]

    def values(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class TransitionForm(AccessibleErrorsMixin, forms.Form):
    transition = forms.CharField(max_length=40, widget=forms.HiddenInput)
    reason = forms.CharField(
        required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class TargetForm(AccessibleErrorsMixin, forms.Form):
    period = forms.CharField(max_length=16, help_text="A year (2025) or a quarter (2025-Q2).")
    value = NUMBER(
        max_length=40, label="Target", widget=forms.TextInput(attrs={"inputmode": "decimal"})
    )
    note = forms.CharField(required=False, max_length=300)


class IndicatorForm(AccessibleErrorsMixin, forms.Form):
    code = forms.CharField(max_length=32)
    name = forms.CharField(max_length=300)
    definition = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}))
    unit = forms.ChoiceField(choices=Unit.choices, widget=FastSelect)
    direction = forms.ChoiceField(choices=Direction.choices, widget=FastSelect)
    aggregation = forms.ChoiceField(choices=Aggregation.choices, widget=FastSelect)
    source = forms.ChoiceField(choices=Source.choices, widget=FastSelect)
    compute_function = forms.CharField(
        required=False, max_length=64, help_text="For a computed indicator: its function."
    )
    outcome = forms.ChoiceField(required=False, widget=FastSelect)
    expected_result = forms.CharField(
        required=False, max_length=4, help_text="The strategy's expected result: a to e."
    )
    category = forms.ChoiceField(required=False, label="Partner category", widget=FastSelect)
    disaggregations = forms.MultipleChoiceField(
        required=False, choices=list(DIMENSIONS.items()), widget=forms.CheckboxSelectMultiple
    )
    baseline = NUMBER(required=False, max_length=40)
    baseline_year = forms.CharField(required=False, max_length=4)
    order = forms.CharField(required=False, max_length=5)
    is_active = forms.BooleanField(required=False, initial=True, label="In use")
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = _choices(
            "None", [(o.code, f"{o.code} {o.name}") for o in outcome_list()]
        )
        self.fields["category"].choices = _choices(
            "None", [(c.code, c.short_name) for c in category_list()]
        )

    @staticmethod
    def initial_for(indicator) -> dict:
        initial = {
            name: getattr(indicator, name)
            for name in (
                "code",
                "name",
                "definition",
                "unit",
                "direction",
                "aggregation",
                "source",
                "compute_function",
                "disaggregations",
                "baseline",
                "baseline_year",
                "order",
                "is_active",
                "version",
            )
        }
        initial["outcome"] = indicator.outcome.code if indicator.outcome else ""
        initial["category"] = indicator.category.code if indicator.category else ""
        initial["expected_result"] = (
            indicator.expected_result.code if indicator.expected_result else ""
        )
        return initial

    def values(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}
