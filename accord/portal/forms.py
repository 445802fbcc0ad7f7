"""Forms of the portal's pages: they validate input and hand plain values to one service;
the service's ValidationError comes back on the fields with `apply_errors` (the registry's
accessible error mixin, so every message is tied to its field)."""

from django import forms

from accord.accounts.selectors import country_list
from accord.core.widgets import FastSelect
from accord.engagement.models import EngagementKind
from accord.partners.forms import AccessibleErrorsMixin
from accord.partners.models import Resource
from accord.strategy.models import FlagshipProgramme
from accord.strategy.selectors import category_list, current_strategy, outcome_list


class PortalForm(AccessibleErrorsMixin, forms.Form):
    pass


def _countries():
    rows = country_list().select_related(None).only("code", "name")
    return [("", "—")] + [(c.code, c.name) for c in rows]


def _categories():
    return [("", "—")] + [(c.code, c.name) for c in category_list().only("code", "name")]


def _outcomes():
    return [(o.code, f"{o.code} {o.name}") for o in outcome_list().only("code", "name")]


def _flagships():
    strategy = current_strategy()
    rows = FlagshipProgramme.objects.filter(plan_id=getattr(strategy, "plan_id", None))
    return [(f.code, f.name) for f in rows.order_by("code").only("code", "name")]


class PersonFields(PortalForm):
    """The focal point, and a field people never see (bots fill it in)."""

    first_name = forms.CharField(max_length=100)
    last_name = forms.CharField(max_length=100)
    job_title = forms.CharField(max_length=150, required=False)
    email = forms.EmailField(
        label="Your e-mail address",
        max_length=254,
        help_text="We send a link to it to confirm it is yours.",
    )
    password = forms.CharField(
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 12 characters, not only digits.",
    )
    password_again = forms.CharField(
        label="Password again", widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    message = forms.CharField(
        label="Anything the reviewers should know",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    nickname = forms.CharField(
        required=False,
        label="Leave this field empty",
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", "The two passwords differ: type the same twice.")
        return data

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("nickname"))


class RegistrationForm(PersonFields):
    org_name = forms.CharField(label="Organisation name", max_length=300)
    acronym = forms.CharField(max_length=40, required=False)
    category = forms.ChoiceField(label="Kind of partner", widget=FastSelect)
    country = forms.ChoiceField(label="Country of the seat", widget=FastSelect)
    website = forms.CharField(max_length=300, required=False)
    org_email = forms.EmailField(label="Organisation e-mail", required=False)
    iati_identifier = forms.CharField(label="IATI identifier", max_length=100, required=False)
    registration_number = forms.CharField(max_length=100, required=False)

    field_order = [
        "org_name",
        "acronym",
        "category",
        "country",
        "website",
        "org_email",
        "iati_identifier",
        "registration_number",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = _categories()
        self.fields["country"].choices = _countries()


class JoinForm(PersonFields):
    org_name = forms.CharField(
        label="Organisation name",
        max_length=300,
        help_text="As the organisation is registered with UN-Habitat.",
    )
    country = forms.ChoiceField(label="Country of the seat", widget=FastSelect, required=False)
    website = forms.CharField(max_length=300, required=False)

    field_order = ["org_name", "country", "website"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = _countries()


class ProfileForm(PortalForm):
    name = forms.CharField(max_length=300, help_text="A change waits for UN-Habitat's approval.")
    category = forms.ChoiceField(
        label="Kind of partner",
        widget=FastSelect,
        help_text="A change waits for UN-Habitat's approval.",
    )
    iati_identifier = forms.CharField(
        label="IATI identifier",
        max_length=100,
        required=False,
        help_text="A change waits for UN-Habitat's approval.",
    )
    registration_number = forms.CharField(
        max_length=100, required=False, help_text="A change waits for UN-Habitat's approval."
    )
    note = forms.CharField(
        label="Why the key details change",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    acronym = forms.CharField(max_length=40, required=False)
    country = forms.ChoiceField(widget=FastSelect, required=False)
    city = forms.CharField(max_length=120, required=False)
    website = forms.CharField(max_length=300, required=False)
    email = forms.EmailField(required=False)
    phone = forms.CharField(max_length=40, required=False)
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))
    outcomes = forms.MultipleChoiceField(
        label="Outcomes you work on", required=False, widget=forms.CheckboxSelectMultiple
    )
    resources_offered = forms.MultipleChoiceField(
        label="Resources you offer",
        required=False,
        choices=Resource.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, versioned=True, **kwargs)
        self.fields["category"].choices = _categories()
        self.fields["country"].choices = _countries()
        self.fields["outcomes"].choices = _outcomes()


class ContactForm(PortalForm):
    first_name = forms.CharField(max_length=100)
    last_name = forms.CharField(max_length=100)
    job_title = forms.CharField(max_length=150, required=False)
    email = forms.EmailField(required=False)
    phone = forms.CharField(max_length=40, required=False)


class InterestForm(PortalForm):
    title = forms.CharField(max_length=200)
    offers = forms.CharField(
        label="What you offer",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Knowledge, expertise and resources you bring.",
    )
    seeks = forms.CharField(
        label="What you seek", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    resources = forms.MultipleChoiceField(
        label="Kinds of resources",
        required=False,
        choices=Resource.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    outcomes = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)
    flagships = forms.MultipleChoiceField(
        label="Flagship programmes", required=False, widget=forms.CheckboxSelectMultiple
    )
    countries = forms.MultipleChoiceField(
        required=False, widget=forms.SelectMultiple(attrs={"size": 6})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcomes"].choices = _outcomes()
        self.fields["flagships"].choices = _flagships()
        self.fields["countries"].choices = _countries()[1:]


class InterestFilterForm(PortalForm):
    outcome = forms.ChoiceField(required=False, widget=FastSelect)
    flagship = forms.ChoiceField(label="Flagship programme", required=False, widget=FastSelect)
    status = forms.ChoiceField(
        required=False,
        widget=FastSelect,
        choices=[
            ("", "Any"),
            ("submitted", "Submitted"),
            ("answered", "Answered"),
            ("withdrawn", "Withdrawn"),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [("", "Any")] + _outcomes()
        self.fields["flagship"].choices = [("", "Any")] + _flagships()


class DecisionForm(PortalForm):
    decision = forms.ChoiceField(
        choices=[("approve", "Approve"), ("reject", "Reject")], widget=forms.RadioSelect
    )
    note = forms.CharField(
        label="Reason or note",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required to reject (the person receives it), and to "
        "approve despite screening matches.",
    )
    organisation = forms.TypedChoiceField(
        label="Organisation",
        required=False,
        coerce=int,
        empty_value=None,
        help_text="Join this registered organisation instead of creating a new one.",
    )

    def __init__(self, *args, matches=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [("", "— create or keep as proposed —")] + [
            (m["organisation"].pk, f"{m['organisation']} ({m['score']:.0%})") for m in matches
        ]


class AnswerForm(PortalForm):
    answer = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)


class EngagementFromInterestForm(PortalForm):
    kind = forms.ChoiceField(choices=EngagementKind.choices, initial=EngagementKind.INTRODUCTION)
    start_date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    title = forms.CharField(max_length=200, required=False)


class OpportunityFromInterestForm(PortalForm):
    title = forms.CharField(max_length=200, required=False)
    amount = forms.DecimalField(min_value=0, max_digits=16, decimal_places=2, initial=0)
    currency = forms.CharField(max_length=3, initial="USD")
