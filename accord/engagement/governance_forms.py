"""Forms of the governance pages (validation only; the services decide)."""

from django import forms

from accord.engagement.forms import DATE
from accord.engagement.models import BodyKind, ParticipationRole
from accord.partners.forms import AccessibleErrorsMixin


class BodyForm(AccessibleErrorsMixin, forms.Form):
    name = forms.CharField(max_length=200)
    kind = forms.ChoiceField(choices=BodyKind.choices, initial=BodyKind.OTHER)
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class SessionForm(AccessibleErrorsMixin, forms.Form):
    title = forms.CharField(max_length=200, help_text="E.g. “First session of 2024”.")
    start_date = forms.DateField(label="Start date", widget=DATE)
    end_date = forms.DateField(label="End date", required=False, widget=DATE)
    place = forms.CharField(max_length=150, required=False)


class _PartnerPickForm(AccessibleErrorsMixin, forms.Form):
    organisation = forms.IntegerField(
        label="Partner",
        widget=forms.HiddenInput,
        error_messages={"required": "Choose the partner from the search results."},
    )


class MembershipForm(_PartnerPickForm):
    role = forms.CharField(max_length=100, initial="Member")
    term_start = forms.DateField(label="Term starts", required=False, widget=DATE)
    term_end = forms.DateField(label="Term ends", required=False, widget=DATE)


class ParticipationForm(_PartnerPickForm):
    role = forms.ChoiceField(choices=ParticipationRole.choices, initial=ParticipationRole.MEMBER)


class TermEndForm(forms.Form):
    term_end = forms.DateField(label="Term ended on", widget=DATE)
