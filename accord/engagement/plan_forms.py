"""Forms of the implementation-plan pages (validation only; the services decide)."""

from django import forms

from accord.accounts.selectors import region_list, staff_user_list
from accord.engagement.forms import (
    DATE,
    category_filter_choices,
    line_filter_choices,
    region_filter_choices,
    strategy_line_choices,
)
from accord.engagement.models import ActionStatus
from accord.engagement.plan_selectors import OPEN, PlanFilters
from accord.engagement.plan_states import NAMES
from accord.partners.forms import AccessibleErrorsMixin
from accord.strategy.selectors import category_list


class PlanFilterForm(AccessibleErrorsMixin, forms.Form):
    q = forms.CharField(
        label="Search titles",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    category = forms.ChoiceField(label="Partner category", required=False)
    strategy = forms.ChoiceField(label="Strategy line", required=False)
    status = forms.ChoiceField(
        required=False,
        choices=[
            ("", "Any status"),
            (OPEN, "Open (planned or in progress)"),
            *ActionStatus.choices,
        ],
    )
    owner = forms.ChoiceField(required=False)
    region = forms.ChoiceField(required=False)
    overdue = forms.BooleanField(label="Only overdue actions", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = category_filter_choices()
        self.fields["strategy"].choices = line_filter_choices()
        self.fields["owner"].choices = [("", "Anyone")] + [
            (str(u.pk), str(u)) for u in staff_user_list()
        ]
        self.fields["region"].choices = region_filter_choices()

    def filters(self) -> PlanFilters:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        owner = data.get("owner")
        return PlanFilters(
            **{
                name: data.get(name) or ""
                for name in ("q", "category", "strategy", "status", "region")
            },
            owner=int(owner) if owner else None,
            overdue=bool(data.get("overdue")),
        )


class PlanActionForm(AccessibleErrorsMixin, forms.Form):
    title = forms.CharField(max_length=300)
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))
    category = forms.ModelChoiceField(
        label="Partner category", queryset=None, empty_label="Choose a category"
    )
    strategies = forms.MultipleChoiceField(
        label="Strategy lines",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Lines of the chosen category's strategy that this action carries out.",
    )
    owner = forms.ModelChoiceField(queryset=None, required=False, empty_label="Nobody yet")
    office = forms.CharField(max_length=150, required=False)
    region = forms.ModelChoiceField(
        queryset=region_list(), required=False, empty_label="Headquarters or global"
    )
    due_date = forms.DateField(label="Due date", required=False, widget=DATE)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = category_list()
        self.fields["owner"].queryset = staff_user_list()
        self.fields["strategies"].choices = strategy_line_choices()

    @classmethod
    def initial_for(cls, action) -> dict:
        return {
            "title": action.title,
            "description": action.description,
            "category": action.category_id,
            "owner": action.owner_id,
            "office": action.office,
            "region": action.region_id,
            "due_date": action.due_date,
            "version": action.version,
            "strategies": [str(s.pk) for s in action.strategies.all()],
        }

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


class TransitionForm(AccessibleErrorsMixin, forms.Form):
    transition = forms.ChoiceField(choices=[(name, name) for name in NAMES])
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ProgressNoteForm(AccessibleErrorsMixin, forms.Form):
    text = forms.CharField(label="Progress note", widget=forms.Textarea(attrs={"rows": 3}))


class EngagementLinkForm(forms.Form):
    engagement = forms.IntegerField(widget=forms.HiddenInput)
