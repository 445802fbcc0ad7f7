"""The Executive Board report's period: from and to (both included), the current year to date
by default, at most ten years, every mistake named on its field."""

from datetime import date

from django import forms
from django.utils import timezone

MAX_YEARS = 10


class DateInput(forms.DateInput):
    input_type = "date"


class PeriodForm(forms.Form):
    date_from = forms.DateField(label="From", widget=DateInput, help_text="First day included.")
    date_to = forms.DateField(label="To", widget=DateInput, help_text="Last day included.")

    def __init__(self, data=None, *, today: date | None = None):
        today = today or timezone.localdate()
        self.defaults = {"date_from": today.replace(month=1, day=1), "date_to": today}
        given = data if data and any(data.get(k) for k in self.defaults) else None
        super().__init__(given, initial=self.defaults)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end:
            if end < start:
                self.add_error("date_to", "The end of the period is before its start.")
            elif (end - start).days > 366 * MAX_YEARS:
                self.add_error("date_to", f"Choose a period of at most {MAX_YEARS} years.")
        return cleaned

    def period(self) -> tuple[date, date] | None:
        """The period asked, the default one when nothing was asked, None when invalid."""
        if not self.is_bound:
            return self.defaults["date_from"], self.defaults["date_to"]
        if not self.is_valid():
            return None
        return self.cleaned_data["date_from"], self.cleaned_data["date_to"]
