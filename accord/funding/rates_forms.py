"""Forms of the exchange-rate pages: filters of the list, one rate by hand, a CSV upload. They
validate the shape of the input; the rules (rate > 0, one per currency and month) are in
accord.funding.rate_services."""

from django import forms

from accord.engagement.forms import DATE
from accord.partners.forms import AccessibleErrorsMixin

MAX_UPLOAD = 5 * 1024 * 1024


class RateFilterForm(AccessibleErrorsMixin, forms.Form):
    currency = forms.CharField(
        required=False,
        max_length=3,
        widget=forms.TextInput(attrs={"size": 4, "autocomplete": "off"}),
    )
    year = forms.IntegerField(required=False, min_value=1990, max_value=2100)

    def values(self) -> dict:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {"currency": (data.get("currency") or "").upper(), "year": data.get("year")}


class RateForm(AccessibleErrorsMixin, forms.Form):
    currency = forms.CharField(
        max_length=3,
        help_text="The ISO 4217 code, e.g. EUR.",
        widget=forms.TextInput(attrs={"size": 4}),
    )
    month = forms.DateField(
        widget=DATE, help_text="Any day of the month: the rate applies to the whole month."
    )
    rate = forms.CharField(
        label="Rate", max_length=40, help_text="Units of the currency per 1 USD."
    )
    source = forms.CharField(
        max_length=120, required=False, help_text="e.g. UN operational rates of exchange."
    )


class RateImportForm(AccessibleErrorsMixin, forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text="Columns currency, month (YYYY-MM or a date), rate, and optionally source; "
        "any common delimiter.",
    )
    source = forms.CharField(
        max_length=120,
        required=False,
        help_text="For rows without a source of their own.",
    )
    dry_run = forms.BooleanField(label="Check only, change nothing", required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError("The file is larger than 5 MB: split it.")
        return upload
