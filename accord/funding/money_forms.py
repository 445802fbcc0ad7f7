"""Forms of the pledge, contribution, target and funding-view pages. They validate input and
hand plain values to the services (no form saves anything); sums, schedules and allocations
are checked by the services, whose errors come back onto the fields."""

from django import forms
from django.utils import timezone

from accord.core.money import currency_choices
from accord.funding.gap_selectors import BY_CHOICES
from accord.funding.models import PaymentStatus, PledgeStatus, ResourceKind
from accord.funding.pledge_selectors import MoneyFilters, year_choices
from accord.partners.forms import AccessibleErrorsMixin
from accord.strategy.models import FlagshipProgramme
from accord.strategy.selectors import category_list, current_strategy, outcome_list

DATE = forms.DateInput(attrs={"type": "date"})
AMOUNT = {"max_digits": 18, "decimal_places": 2, "min_value": 0}


def flagship_choices(empty: str) -> list:
    strategy = current_strategy()
    items = FlagshipProgramme.objects.filter(plan_id=getattr(strategy, "plan_id", None))
    return [("", empty)] + [(f.code, f"{f.code}. {f.name}") for f in items.order_by("code")]


def outcome_choices(empty: str | None) -> list:
    items = [(o.code, f"{o.code} {o.name}") for o in outcome_list()]
    return ([("", empty)] if empty is not None else []) + items


def _years() -> list:
    return [("", "Any year")] + [(y, y) for y in year_choices(timezone.localdate())]


class PledgeForm(AccessibleErrorsMixin, forms.Form):
    organisation = forms.IntegerField(label="Partner", required=False, widget=forms.HiddenInput)
    opportunity = forms.IntegerField(required=False, widget=forms.HiddenInput)
    title = forms.CharField(max_length=300)
    kind = forms.ChoiceField(choices=ResourceKind.choices, initial=ResourceKind.FINANCIAL)
    in_kind_description = forms.CharField(
        label="What is given in kind", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    amount = forms.DecimalField(**AMOUNT)
    currency = forms.ChoiceField(initial="USD")
    value_date = forms.DateField(label="Date of the pledge", widget=DATE)
    status = forms.ChoiceField(
        choices=PledgeStatus.choices,
        initial=PledgeStatus.PLEDGED,
        help_text="Confirmed: the partner confirmed it in writing.",
    )
    cancelled_reason = forms.CharField(
        label="Why it was cancelled", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    flagship = forms.ChoiceField(label="Flagship programme", required=False)
    outcomes = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple, help_text="Outcomes it funds."
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["currency"].choices = currency_choices()
        self.fields["flagship"].choices = flagship_choices("No flagship programme")
        self.fields["outcomes"].choices = outcome_choices(None)
        if not editing:
            del self.fields["cancelled_reason"]
            self.fields["status"].choices = PledgeStatus.choices[:2]

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        for key in ("organisation", "opportunity"):
            if not data.get(key):
                data.pop(key, None)
        data["flagship"] = data.get("flagship") or None
        return data


class InstalmentForm(forms.Form):
    due_date = forms.DateField(label="Due on", widget=DATE)
    amount = forms.DecimalField(**AMOUNT)


InstalmentFormSet = forms.formset_factory(InstalmentForm, extra=0, min_num=1, max_num=120)


class SplitForm(forms.Form):
    """The helper that proposes N equal instalments (the odd cents on the first ones)."""

    count = forms.IntegerField(label="Split into", min_value=1, max_value=120, initial=2)
    first_due = forms.DateField(label="First due on", widget=DATE)
    months_apart = forms.IntegerField(min_value=1, max_value=60, required=False)


def schedule_of(formset) -> list:
    return [
        (f.cleaned_data["due_date"], f.cleaned_data["amount"])
        for f in formset.forms
        if f.cleaned_data and not f.cleaned_data.get("DELETE")
    ]


class ContributionForm(AccessibleErrorsMixin, forms.Form):
    organisation = forms.IntegerField(label="Partner", required=False, widget=forms.HiddenInput)
    amount = forms.DecimalField(**AMOUNT)
    currency = forms.ChoiceField(initial="USD")
    value_date = forms.DateField(label="Date received", widget=DATE)
    kind = forms.ChoiceField(choices=ResourceKind.choices, initial=ResourceKind.FINANCIAL)
    in_kind_description = forms.CharField(
        label="What was given in kind", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    reference = forms.CharField(label="Bank or receipt reference", max_length=120, required=False)
    instalment = forms.ChoiceField(
        label="Pays instalment",
        required=False,
        help_text="Leave empty to pay the oldest instalments first.",
    )
    soft_credits = forms.CharField(
        label="Soft credits",
        required=False,
        max_length=500,
        help_text="Partners that brokered it: their ids (the number in the partner page's "
        "address), separated by commas; “id:role” to name the role (default broker).",
    )
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, pledge=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["currency"].choices = currency_choices()
        if pledge is None:
            del self.fields["instalment"]
        else:
            self.fields["instalment"].choices = [("", "The oldest unpaid first")] + [
                (i.pk, f"#{i.number} due {i.due_date:%d %b %Y}: {i.amount:,} {pledge.currency}")
                for i in pledge.instalments.all()
            ]

    def clean_soft_credits(self) -> list:
        credits = []
        for item in filter(None, (p.strip() for p in self.cleaned_data["soft_credits"].split(","))):
            pk, _, role = item.partition(":")
            if not pk.strip().isdigit():
                raise forms.ValidationError(f"“{item}” is not a partner id.")
            credits.append((int(pk), role.strip() or "broker"))
        return credits

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        if not data.get("organisation"):
            data.pop("organisation", None)
        if "instalment" in data:
            data["instalment"] = data["instalment"] or None
        return data


class AllocationForm(forms.Form):
    flagship = forms.ChoiceField(label="Flagship programme", required=False)
    outcome = forms.ChoiceField(required=False)
    amount = forms.DecimalField(**AMOUNT)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["flagship"].choices = flagship_choices("Unassigned")
        self.fields["outcome"].choices = outcome_choices("No outcome")


AllocationFormSet = forms.formset_factory(AllocationForm, extra=1, max_num=20)


def allocations_of(formset) -> list | None:
    """The allocations filled in, or None (one allocation to the pledge's programme)."""
    rows = [
        (
            f.cleaned_data.get("flagship") or None,
            f.cleaned_data.get("outcome") or None,
            f.cleaned_data["amount"],
        )
        for f in formset.forms
        if f.cleaned_data and f.cleaned_data.get("amount") is not None
    ]
    return rows or None


class TargetForm(AccessibleErrorsMixin, forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100)
    subject = forms.ChoiceField(label="Programme or outcome")
    amount_usd = forms.DecimalField(label="Target (USD)", **AMOUNT)
    note = forms.CharField(max_length=300, required=False)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        flagships = [(f"f:{c}", label) for c, label in flagship_choices("")[1:]]
        outcomes = [(f"o:{c}", label) for c, label in outcome_choices(None)]
        self.fields["subject"].choices = [
            ("Flagship programmes", flagships),
            ("Outcomes", outcomes),
        ]
        if editing:
            self.fields["subject"].disabled = True

    def values(self) -> dict:
        kind, _, code = self.cleaned_data["subject"].partition(":")
        return {
            "year": self.cleaned_data["year"],
            "amount_usd": self.cleaned_data["amount_usd"],
            "note": self.cleaned_data["note"],
            "flagship": code if kind == "f" else None,
            "outcome": code if kind == "o" else None,
        }


class GapForm(forms.Form):
    year = forms.TypedChoiceField(coerce=int, required=False)
    by = forms.ChoiceField(label="Show by", choices=list(BY_CHOICES.items()), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, y) for y in year_choices(timezone.localdate())]
        # Unbound (no choice made yet): the form shows what the page shows.
        self.initial.setdefault("year", timezone.localdate().year)
        self.initial.setdefault("by", "flagship")

    def choice(self) -> tuple[int, str]:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return data.get("year") or timezone.localdate().year, data.get("by") or "flagship"


class MoneyFilterForm(AccessibleErrorsMixin, forms.Form):
    """The filters of the pledge and contribution lists (a GET form: every result is a URL)."""

    year = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)
    flagship = forms.ChoiceField(label="Flagship programme", required=False)
    outcome = forms.ChoiceField(required=False)
    category = forms.ChoiceField(label="Partner category", required=False)
    status = forms.ChoiceField(required=False)
    payment_status = forms.ChoiceField(
        label="Payment", required=False, choices=[("", "Any"), *PaymentStatus.choices]
    )
    region = forms.CharField(required=False, widget=forms.HiddenInput)
    partner = forms.IntegerField(required=False, widget=forms.HiddenInput)
    due_year = forms.IntegerField(required=False, widget=forms.HiddenInput)
    pledge = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, pledges: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = _years()
        self.fields["year"].label = "Year pledged" if pledges else "Year received"
        none = [("none", "Unassigned")]
        self.fields["flagship"].choices = flagship_choices("Any programme") + none
        self.fields["outcome"].choices = outcome_choices("Any outcome") + none
        self.fields["category"].choices = [("", "Any category")] + [
            (c.code, c.short_name) for c in category_list()
        ]
        self.fields["status"].choices = [("", "Any status"), *PledgeStatus.choices]
        if not pledges:
            for name in ("status", "payment_status", "due_year"):
                del self.fields[name]

    def filters(self) -> MoneyFilters:
        """The valid part of the query; an invalid value is shown as an error and ignored."""
        self.is_valid()
        data = {k: v for k, v in getattr(self, "cleaned_data", {}).items() if v not in (None, "")}
        return MoneyFilters(**data)
