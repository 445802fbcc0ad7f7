"""Forms of the scorecard, "needs attention" and coordination pages: they validate the query
string and hand plain values to the selectors."""

from django import forms

from accord.accounts.models import Region
from accord.engagement.forms import DATE, check_period, region_filter_choices
from accord.partners.forms import AccessibleErrorsMixin

MAX_WINDOW_DAYS = 365


class PeriodForm(AccessibleErrorsMixin, forms.Form):
    date_from = forms.DateField(label="From", required=False, widget=DATE)
    date_to = forms.DateField(label="To", required=False, widget=DATE)

    def clean(self):
        return check_period(self, super().clean())

    def period(self) -> tuple:
        """(date_from, date_to) of the valid part of the query (None: the default)."""
        if not self.is_valid():
            return None, None
        return self.cleaned_data.get("date_from"), self.cleaned_data.get("date_to")


class AttentionForm(AccessibleErrorsMixin, forms.Form):
    who = forms.ChoiceField(
        label="Partners",
        required=False,
        choices=[("me", "My partners"), ("all", "Everyone's partners")],
    )
    region = forms.ChoiceField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = region_filter_choices()

    def values(self) -> dict:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        code = data.get("region") or ""
        region = Region.objects.filter(code=code).first() if code else None
        return {"mine": data.get("who", "me") != "all", "region": region}


class CoordinationForm(AccessibleErrorsMixin, forms.Form):
    date_from = forms.DateField(
        label="Engagements from",
        required=False,
        widget=DATE,
        help_text="Default: the last six months.",
    )
    window = forms.IntegerField(
        label="Within (days)",
        required=False,
        min_value=1,
        max_value=MAX_WINDOW_DAYS,
        help_text="How close in time two engagements overlap.",
    )

    def values(self) -> dict:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {"date_from": data.get("date_from"), "window": data.get("window")}
