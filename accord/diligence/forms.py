"""Forms of the due-diligence pages: they validate input and hand plain values to services and
selectors; a service's ValidationError goes back onto the fields with `apply_errors`."""

from django import forms

from accord.accounts.selectors import region_list
from accord.diligence import checklist
from accord.diligence.models import HitStatus, ReviewStatus, RiskRating, SanctionsList
from accord.diligence.review_selectors import ReviewFilters
from accord.diligence.selectors import HitFilters
from accord.partners.forms import AccessibleErrorsMixin
from accord.strategy.selectors import category_list

ALL = "all"
MAX_UPLOAD = 50 * 1024 * 1024


class HitFilterForm(AccessibleErrorsMixin, forms.Form):
    status = forms.ChoiceField(
        required=False, choices=[*HitStatus.choices, (ALL, "Any status")]
    )
    sanctions_list = forms.ChoiceField(label="List", required=False)
    region = forms.ChoiceField(required=False)
    min_score = forms.DecimalField(
        label="Score at least", required=False, min_value=0, max_value=1, decimal_places=3,
        widget=forms.NumberInput(attrs={"step": "0.01"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sanctions_list"].choices = [("", "Any list")] + list(
            SanctionsList.objects.values_list("code", "name")
        )
        self.fields["region"].choices = [("", "Any region")] + [
            (r.code, r.name) for r in region_list()
        ]

    def filters(self) -> HitFilters:
        """The valid part of the query (open hits unless another status is asked for)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        status = data.get("status") or HitStatus.OPEN
        score = data.get("min_score")
        return HitFilters(
            status="" if status == ALL else status,
            sanctions_list=data.get("sanctions_list") or "",
            region=data.get("region") or "",
            min_score=float(score) if score is not None else None,
        )


class HitDecisionForm(AccessibleErrorsMixin, forms.Form):
    status = forms.ChoiceField(
        label="Decision",
        choices=[
            (HitStatus.CONFIRMED, "Confirmed match: the partner is the listed one"),
            (HitStatus.FALSE_POSITIVE, "False positive: a different person or entity"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose confirmed match or false positive."},
    )
    reason = forms.CharField(
        label="Reason", max_length=5000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What you compared (dates of birth, nationality, address, registration).",
        error_messages={"required": "Write the reason for this decision."},
    )

    def __init__(self, *args, hit_id: int | None = None, **kwargs):
        # Several hits on one page: each form's ids must be unique.
        super().__init__(*args, auto_id=f"hit{hit_id}_%s" if hit_id else "id_%s", **kwargs)


class ReopenForm(AccessibleErrorsMixin, forms.Form):
    reason = forms.CharField(
        label="Why reopen it", max_length=5000, widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Write why the decision is taken back."},
    )


class ReviewFilterForm(AccessibleErrorsMixin, forms.Form):
    status = forms.ChoiceField(required=False, choices=[("", "Any status"),
                                                        *ReviewStatus.choices])
    due = forms.BooleanField(label="Due for renewal within 60 days", required=False)
    expired = forms.BooleanField(label="Expired", required=False)

    def filters(self) -> ReviewFilters:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return ReviewFilters(
            status=data.get("status") or "", due=bool(data.get("due")),
            expired=bool(data.get("expired")),
        )


class ReviewForm(AccessibleErrorsMixin, forms.Form):
    """The checklist (a clear / concern / unknown answer and a note per criterion; sanctions
    is filled from screening), Global Compact participation, evidence, notes, risk."""

    global_compact = forms.ChoiceField(
        label="UN Global Compact", required=False,
        choices=[("", "Not answered yet"), *checklist.GLOBAL_COMPACT],
    )
    risk_rating = forms.ChoiceField(
        label="Risk rating", required=False, choices=[("", "Not rated yet"), *RiskRating.choices]
    )
    evidence = forms.CharField(
        required=False, max_length=20_000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Sources consulted: registers, media searches, reports, links, documents.",
    )
    notes = forms.CharField(required=False, max_length=20_000,
                            widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for c in checklist.MANUAL:
            self.fields[f"answer_{c.code}"] = forms.ChoiceField(
                label=c.label, required=False, choices=checklist.ANSWERS,
                widget=forms.RadioSelect, help_text=c.question,
            )
            self.fields[f"note_{c.code}"] = forms.CharField(
                label=f"Note on {c.label.lower()}", required=False, max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def criteria(self) -> list[tuple]:
        """(criterion, answer field, note field) for the template, in order."""
        return [(c, self[f"answer_{c.code}"], self[f"note_{c.code}"]) for c in checklist.MANUAL]

    @classmethod
    def initial_for(cls, review) -> dict:
        initial = {f: getattr(review, f) for f in ("global_compact", "risk_rating", "evidence",
                                                   "notes", "version")}
        for c in checklist.MANUAL:
            given = review.checklist.get(c.code) or {}
            initial[f"answer_{c.code}"] = given.get("answer", "")
            initial[f"note_{c.code}"] = given.get("note", "")
        return initial

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "checklist": {
                c.code: {"answer": data[f"answer_{c.code}"], "note": data[f"note_{c.code}"]}
                for c in checklist.MANUAL
            },
            **{f: data[f] for f in ("global_compact", "risk_rating", "evidence", "notes")},
        }

    def apply_errors(self, exc, *, rename=None) -> None:
        super().apply_errors(exc, rename={"checklist": None, **(rename or {})})


class ReviewTransitionForm(AccessibleErrorsMixin, forms.Form):
    transition = forms.CharField(max_length=40, widget=forms.HiddenInput)
    reason = forms.CharField(required=False, max_length=5000,
                             widget=forms.Textarea(attrs={"rows": 2}))
    conditions = forms.CharField(required=False, max_length=5000,
                                 widget=forms.Textarea(attrs={"rows": 2}))
    valid_until = forms.DateField(
        label="Valid until", required=False, widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Leave empty for the policy's validity from today.",
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class PolicyForm(AccessibleErrorsMixin, forms.Form):
    categories = forms.ModelMultipleChoiceField(
        label="Partner categories that need a due-diligence review", required=False,
        queryset=None, widget=forms.CheckboxSelectMultiple,
    )
    validity_months = forms.IntegerField(
        label="A review is valid for (months)", min_value=1, max_value=120
    )
    remind_days_before = forms.IntegerField(
        label="Remind this many days before a review expires", min_value=1, max_value=365
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].queryset = category_list()
        self.fields["categories"].label_from_instance = lambda c: c.short_name


class ListUploadForm(AccessibleErrorsMixin, forms.Form):
    sanctions_list = forms.ChoiceField(label="List")
    file = forms.FileField(
        label="List file", help_text="The list in its official format (XML for the UN list)."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sanctions_list"].choices = list(
            SanctionsList.objects.values_list("code", "name")
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError("The file is larger than 50 MB: is it the right file?")
        return upload


class EntryFilterForm(forms.Form):
    q = forms.CharField(
        label="Search", required=False, max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Name or reference"}),
    )
    listed = forms.ChoiceField(
        label="Listed", required=False,
        choices=[("", "Listed and delisted"), ("listed", "Listed now"),
                 ("delisted", "Delisted")],
    )
    kind = forms.ChoiceField(
        required=False,
        choices=[("", "Individuals and entities"), ("individual", "Individuals"),
                 ("entity", "Entities")],
    )
