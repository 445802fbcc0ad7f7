"""Forms of the matchmaking pages: filters (GET forms: every result is a URL) and the decision
on one suggested pair. No form saves anything."""

from django import forms

from accord.accounts.selectors import country_list, region_list
from accord.partners.forms import AccessibleErrorsMixin
from accord.prioritization.matchmaking.network_selectors import NetworkFilters
from accord.prioritization.matchmaking.profiles import FUNDER, IMPLEMENTER, SIDES
from accord.prioritization.matchmaking.suggestions import MatchFilters
from accord.strategy.selectors import category_list, outcome_list

SIDE_CHOICES = [
    ("", "Either side"),
    (FUNDER, "Partners who fund or invest"),
    (IMPLEMENTER, "Partners who implement"),
]


def _outcome_choices() -> list:
    return [("", "Any outcome")] + [(o.code, f"{o.code} {o.name}") for o in outcome_list()]


def _matched_categories() -> list:
    return [("", "Any category")] + [
        (c.code, c.short_name) for c in category_list() if c.code in SIDES
    ]


class _Filters(AccessibleErrorsMixin, forms.Form):
    def cleaned(self) -> dict:
        """The valid part of the query; an invalid value is shown as an error and ignored."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data.get(name) or "" for name in self.fields}


class MatchFilterForm(_Filters):
    """Filters of the suggestions. On the overview they choose the partners listed (side,
    category, country) and narrow their suggestions to an outcome; on one partner's page they
    narrow its suggestions (`with_side=False`)."""

    side = forms.ChoiceField(required=False, choices=SIDE_CHOICES)
    category = forms.ChoiceField(label="Partner category", required=False)
    outcome = forms.ChoiceField(label="Shared outcome", required=False)
    country = forms.ChoiceField(required=False)

    def __init__(self, *args, with_side: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_side:
            del self.fields["side"]
        self.fields["category"].choices = _matched_categories()
        self.fields["outcome"].choices = _outcome_choices()
        self.fields["country"].choices = [("", "Any country")] + list(
            country_list().values_list("code", "name")
        )

    def filters(self) -> MatchFilters:
        data = self.cleaned()
        return MatchFilters(
            outcome=data["outcome"], country=data["country"], category=data["category"]
        )

    def chosen_side(self) -> str:
        return self.cleaned().get("side", "")


class NetworkFilterForm(_Filters):
    category = forms.ChoiceField(label="Partner category", required=False)
    region = forms.ChoiceField(required=False)
    outcome = forms.ChoiceField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", "Any category")] + [
            (c.code, c.short_name) for c in category_list()
        ]
        self.fields["region"].choices = [("", "Any region")] + [
            (r.code, r.name) for r in region_list()
        ]
        self.fields["outcome"].choices = _outcome_choices()

    def filters(self) -> NetworkFilters:
        return NetworkFilters(**self.cleaned())


class PairForm(AccessibleErrorsMixin, forms.Form):
    """Two partners (ids): `partner`, whose suggestion it is, and `other`, the one suggested."""

    partner = forms.IntegerField(widget=forms.HiddenInput)
    other = forms.IntegerField(widget=forms.HiddenInput)


class DecisionForm(PairForm):
    """Accept or dismiss the suggestion to connect `partner` with `other`."""

    decision = forms.ChoiceField(
        choices=[("accept", "Accept"), ("dismiss", "Dismiss")], widget=forms.HiddenInput
    )
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    @property
    def accepting(self) -> bool:
        return self.data.get("decision") == "accept"
