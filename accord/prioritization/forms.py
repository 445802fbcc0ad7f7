"""Forms of the prioritisation pages: they validate input and hand plain values to the
selectors and services (no form saves anything)."""

from django import forms

from accord.accounts.selectors import country_list
from accord.core.widgets import FastSelect
from accord.engagement.forms import _flagships, category_filter_choices, region_filter_choices
from accord.partners.forms import AccessibleErrorsMixin
from accord.partners.models import Resource
from accord.prioritization.criteria import CRITERIA, MAX_WEIGHT, default_weights
from accord.prioritization.selectors import RankingFilters
from accord.strategy.selectors import outcome_list


class RankingFilterForm(AccessibleErrorsMixin, forms.Form):
    """The ranking's filters (a GET form: every ranking is a shareable URL)."""

    category = forms.ChoiceField(label="Partner category", required=False, widget=FastSelect)
    region = forms.ChoiceField(required=False, widget=FastSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = category_filter_choices()
        self.fields["region"].choices = region_filter_choices()

    def filters(self) -> RankingFilters:
        if not self.is_bound or not self.is_valid():
            return RankingFilters()
        return RankingFilters(**self.cleaned_data)


def _weight_field(criterion) -> forms.IntegerField:
    return forms.IntegerField(
        label=criterion.label + (" (penalty)" if criterion.is_penalty else ""),
        min_value=0,
        max_value=MAX_WEIGHT,
        widget=forms.NumberInput(attrs={"step": 1, "min": 0, "max": MAX_WEIGHT}),
    )


class WhatIfForm(AccessibleErrorsMixin, forms.Form):
    """Weights to try on the current ranking; nothing is saved."""

    def __init__(self, *args, initial_weights: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        start = initial_weights or default_weights()
        for c in CRITERIA:
            self.fields[c.code] = _weight_field(c)
            self.fields[c.code].initial = start.get(c.code, c.default_weight)

    def weights(self) -> dict[str, int]:
        return {c.code: self.cleaned_data[c.code] for c in CRITERIA}


class ModelVersionForm(AccessibleErrorsMixin, forms.Form):
    """A draft version's name, weights and priorities."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    name = forms.CharField(max_length=150)
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    outcomes = forms.MultipleChoiceField(
        label="Priority outcomes", required=False, widget=forms.CheckboxSelectMultiple
    )
    flagships = forms.MultipleChoiceField(
        label="Priority flagship programmes", required=False, widget=forms.CheckboxSelectMultiple
    )
    countries = forms.MultipleChoiceField(
        label="Priority countries",
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text="Hold Ctrl (or Cmd) to choose several.",
    )
    resources = forms.MultipleChoiceField(
        label="Resources sought",
        required=False,
        choices=Resource.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcomes"].choices = [(o.code, f"{o.code} {o.name}") for o in outcome_list()]
        self.fields["flagships"].choices = [(f.code, f.name) for f in _flagships()]
        self.fields["countries"].choices = list(country_list().values_list("code", "name"))
        for c in CRITERIA:
            self.fields[f"weight_{c.code}"] = _weight_field(c)

    def weight_fields(self):
        return [self[f"weight_{c.code}"] for c in CRITERIA]

    def priority_fields(self):
        return [self[name] for name in ("outcomes", "flagships", "countries", "resources")]

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "description": data["description"],
            "weights": {c.code: data[f"weight_{c.code}"] for c in CRITERIA},
            "outcomes": data["outcomes"],
            "flagships": data["flagships"],
            "countries": data["countries"],
            "resources": data["resources"],
        }

    @classmethod
    def initial_for(cls, model, detail: dict) -> dict:
        return {
            "version": model.version,
            "name": model.name,
            "description": model.description,
            "outcomes": [o.code for o in detail["outcomes"]],
            "flagships": [f.code for f in detail["flagships"]],
            "countries": [c.code for c in detail["countries"]],
            "resources": list(model.priority_resources or []),
            **{f"weight_{c.code}": w for c, w in detail["weights"]},
        }
