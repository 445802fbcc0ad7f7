"""Forms of the calls pages. They check the shape of what is typed; the rules (weights adding
up to 100, deadlines, eligibility, conflicts) are the services'."""

from django import forms
from django.db.models import Q

from accord.accounts.models import Country, Role, User
from accord.accounts.roles import ACTIONS
from accord.partners.forms import AccessibleErrorsMixin
from accord.portal.calls.models import CallKind, DiligenceRequirement
from accord.portal.calls.models.reviews import SCORE_MAX
from accord.strategy.models import Outcome, PartnerCategory
from accord.strategy.selectors import current_strategy

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]
CRITERIA_ROWS = 5  # at least this many rows in the call form (existing ones and blanks)


def reviewer_choices():
    """Active users whose role may review calls."""
    roles = [r for r in Role.values if r in ACTIONS["calls.review"]]
    return User.objects.filter(Q(role__in=roles) | Q(is_superuser=True), is_active=True).order_by(
        "last_name", "first_name", "username"
    )


class CallForm(AccessibleErrorsMixin, forms.Form):
    title = forms.CharField(max_length=200)
    kind = forms.ChoiceField(choices=CallKind.choices)
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 6}))
    deadline = forms.DateTimeField(
        label="Deadline for applications",
        widget=DATETIME,
        input_formats=DATETIME_FORMATS,
        help_text="Date and time (UTC).",
    )
    clarification_deadline = forms.DateTimeField(
        label="Deadline for clarification questions",
        required=False,
        widget=DATETIME,
        input_formats=DATETIME_FORMATS,
        help_text="Leave empty to accept questions until the deadline for applications.",
    )
    categories = forms.ModelMultipleChoiceField(
        label="Eligible partner categories",
        queryset=PartnerCategory.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="None ticked: every category may apply.",
    )
    diligence = forms.ChoiceField(
        label="Due-diligence condition", choices=DiligenceRequirement.choices
    )
    outcomes = forms.ModelMultipleChoiceField(
        queryset=Outcome.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    countries = forms.ModelMultipleChoiceField(
        queryset=Country.objects.order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    reviewers = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    questions = forms.CharField(
        label="Questions applicants answer",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One question per line.",
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        strategy = current_strategy()
        self.fields["categories"].queryset = PartnerCategory.objects.filter(strategy=strategy)
        plan_id = getattr(strategy, "plan_id", None)
        self.fields["outcomes"].queryset = Outcome.objects.filter(domain__plan_id=plan_id).order_by(
            "code"
        )
        self.fields["reviewers"].queryset = reviewer_choices()

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data["questions"] = [line for line in data["questions"].splitlines() if line.strip()]
        return data


def criteria_rows(data) -> list[dict]:
    """The criteria rows typed in the call form (criterion_name_N, criterion_weight_N,
    criterion_description_N), blank rows left out."""
    rows = []
    for n in range(100):
        name = data.get(f"criterion_name_{n}")
        if name is None:
            break
        weight = (data.get(f"criterion_weight_{n}") or "").strip()
        description = data.get(f"criterion_description_{n}") or ""
        if name.strip() or weight:
            rows.append({"name": name, "weight": weight, "description": description})
    return rows


def weights_total(data) -> int | None:
    """The sum of the weights typed so far, or None when one is not a whole number."""
    total = 0
    for row in criteria_rows(data):
        if not row["weight"].isdigit():
            return None
        total += int(row["weight"])
    return total


class AnswerForm(AccessibleErrorsMixin, forms.Form):
    """An application: a summary and one field per question of the call."""

    summary = forms.CharField(
        label="Summary of your application",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        for q in questions:
            self.fields[f"answer_{q.pk}"] = forms.CharField(
                label=q.text,
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text="Required before you submit." if q.required else "Optional.",
            )

    def answers(self) -> dict:
        return {
            name.removeprefix("answer_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("answer_")
        }


class DocumentForm(AccessibleErrorsMixin, forms.Form):
    file = forms.FileField(
        label="Document",
        help_text="PDF, Word (.docx), Excel (.xlsx), PNG or JPEG; checked by content.",
    )
    title = forms.CharField(max_length=200, required=False)


class ClarificationForm(AccessibleErrorsMixin, forms.Form):
    question = forms.CharField(
        label="Your question", max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ClarificationAnswerForm(AccessibleErrorsMixin, forms.Form):
    answer = forms.CharField(max_length=10000, widget=forms.Textarea(attrs={"rows": 3}))


class DeclarationForm(AccessibleErrorsMixin, forms.Form):
    has_conflict = forms.TypedChoiceField(
        label="Do you have a conflict of interest with this applicant?",
        choices=[
            ("no", "No, I have no conflict of interest"),
            ("yes", "Yes, I have a conflict of interest"),
        ],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="What is the conflict? (needed when you declare one)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ScoreForm(AccessibleErrorsMixin, forms.Form):
    """One score (0–10) and comment per criterion, and an overall comment."""

    comment = forms.CharField(
        label="Overall comment", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        choices = [("", "—")] + [(str(n), str(n)) for n in range(SCORE_MAX + 1)]
        for c in self.criteria:
            self.fields[f"score_{c.pk}"] = forms.ChoiceField(
                label=f"{c.name} ({c.weight}%) — score 0 to {SCORE_MAX}",
                choices=choices,
                required=False,
            )
            self.fields[f"comment_{c.pk}"] = forms.CharField(
                label=f"Comment on {c.name}",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def rows(self):
        return [(self[f"score_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria]

    def scores(self) -> dict:
        return {
            c.pk: {
                "score": self.cleaned_data[f"score_{c.pk}"],
                "comment": self.cleaned_data[f"comment_{c.pk}"],
            }
            for c in self.criteria
        }


class ConvertForm(forms.Form):
    into = forms.ChoiceField(choices=[("opportunity", "Opportunity"), ("agreement", "Agreement")])
    type = forms.CharField(required=False, max_length=40)
