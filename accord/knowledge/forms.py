"""Forms of the knowledge pages: they validate input and hand plain values to the services (no
form saves anything). Partners are picked with a search box (views.picker_context); each
linked partner's role comes as `role_<id>`."""

from django import forms
from django.utils import timezone

from accord.accounts.models import Country
from accord.accounts.selectors import country_list, region_list
from accord.core.widgets import FastSelect
from accord.engagement.forms import DATE, IdListField, category_filter_choices
from accord.knowledge.models import Channel, Kind, PartnerRole, State
from accord.knowledge.selectors import ItemFilters
from accord.partners.forms import AccessibleErrorsMixin
from accord.strategy.models import FlagshipProgramme
from accord.strategy.selectors import current_strategy, outcome_list


def _flagships():
    strategy = current_strategy()
    return FlagshipProgramme.objects.filter(plan_id=getattr(strategy, "plan_id", None))


class ItemFilterForm(AccessibleErrorsMixin, forms.Form):
    """The search and filters of the item list (a GET form: every result is a URL)."""

    q = forms.CharField(
        label="Search titles and summaries",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    kind = forms.ChoiceField(required=False, choices=[("", "Any kind"), *Kind.choices])
    state = forms.ChoiceField(required=False, choices=[("", "Any state"), *State.choices])
    outcome = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    country = forms.ChoiceField(required=False, widget=FastSelect)
    flagship = forms.TypedChoiceField(
        label="Flagship programme", required=False, coerce=int, empty_value=None
    )
    partner = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, show_state: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not show_state:  # readers see published items only: nothing to choose
            del self.fields["state"]
        self.fields["outcome"].choices = [("", "Any outcome")] + [
            (o.pk, f"{o.code} {o.name}") for o in outcome_list()
        ]
        self.fields["country"].choices = [("", "Any country")] + list(
            country_list().values_list("code", "name")
        )
        self.fields["flagship"].choices = [("", "Any flagship")] + [
            (f.pk, f"{f.code}. {f.name}") for f in _flagships()
        ]

    def filters(self) -> ItemFilters:
        """The valid part of the query; an invalid value is shown as an error and ignored."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return ItemFilters(
            q=data.get("q") or "",
            kind=data.get("kind") or "",
            state=data.get("state") or "",
            outcome=data.get("outcome"),
            country=data.get("country") or "",
            flagship=data.get("flagship"),
            partner=data.get("partner"),
        )


class ItemForm(AccessibleErrorsMixin, forms.Form):
    kind = forms.ChoiceField(choices=Kind.choices)
    title = forms.CharField(max_length=300)
    summary = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Two or three sentences: shown in lists and in the Executive Board report.",
    )
    body = forms.CharField(
        label="Story",
        required=False,
        max_length=100_000,
        widget=forms.Textarea(attrs={"rows": 14, "data-editor": "knowledge"}),
        help_text="Bold, italic, headings, lists and links are kept; anything else is removed "
        "when saved.",
    )
    date = forms.DateField(widget=DATE, help_text="When it happened or was published.")
    url = forms.URLField(
        label="Address (URL)",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="For a publication or data set: where it can be read or downloaded.",
    )
    outcomes = forms.ModelMultipleChoiceField(
        queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    countries = forms.ModelMultipleChoiceField(
        queryset=Country.objects.order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text="Hold Ctrl (or ⌘) to choose several.",
    )
    flagships = forms.ModelMultipleChoiceField(
        label="Flagship programmes",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    partners = IdListField(label="Partners", required=False)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcomes"].queryset = outcome_list()
        self.fields["outcomes"].label_from_instance = lambda o: f"{o.code} {o.name}"
        self.fields["flagships"].queryset = _flagships().order_by("code")
        self.fields["flagships"].label_from_instance = lambda f: f"{f.code}. {f.name}"

    def clean(self):
        data = super().clean()
        links = []
        for pk in data.get("partners") or []:
            role = self.data.get(f"role_{pk}", "")
            if role not in PartnerRole.values:
                self.add_error("partners", "Choose how each partner is named in the item.")
                break
            links.append((pk, role))
        data["partner_links"] = links
        return data

    def values(self) -> dict:
        """What the services take."""
        data = dict(self.cleaned_data)
        data["partners"] = data.pop("partner_links")
        data.pop("version", None)
        return data


class DisseminationForm(AccessibleErrorsMixin, forms.Form):
    channel = forms.ChoiceField(choices=Channel.choices)
    sent_on = forms.DateField(label="Sent on", widget=DATE)
    note = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="e.g. the newsletter issue, the event, what was asked of the partners.",
    )
    organisations = IdListField(label="Partners", required=False)
    contacts = IdListField(required=False)
    audience_category = forms.ChoiceField(label="Partner category", required=False)
    audience_region = forms.ChoiceField(label="Region", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sent_on"].initial = timezone.localdate()
        self.fields["audience_category"].choices = category_filter_choices()
        self.fields["audience_region"].choices = [("", "Any region")] + [
            (r.code, r.name) for r in region_list()
        ]
