"""Pages of merges: choose the other record, compare both side by side and choose field by field
what to keep, merge; the log of merges, one merge with its undo. Both organisations come
through the registry's door (outside the user's scope: 404; without the right to edit: 403)."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accord.accounts.roles import can
from accord.core.errors import ConflictError, errors_of
from accord.partners import merge_selectors, permissions, selectors
from accord.partners.merge import (
    CHOICES,
    LABELS,
    merge_preview,
    merge_undo,
    moved_counts,
    organisation_merge,
)

EMPTY = "(empty)"


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Name, acronym or other name of the duplicate", max_length=200, required=False
    )


class MergeForm(forms.Form):
    """Versions of both records as the page showed them, and one choice per differing field."""

    survivor_version = forms.IntegerField(widget=forms.HiddenInput)
    merged_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        for row in rows:
            if row["differs"]:
                self.fields[row["key"]] = forms.ChoiceField(
                    label=row["label"],
                    required=False,  # unset: the service's default for the field
                    widget=forms.RadioSelect,
                    initial=row["default"],
                    choices=[
                        ("survivor", row["survivor"] or EMPTY),
                        ("merged", row["merged"] or EMPTY),
                    ],
                )
                row["field"] = self[row["key"]]

    def choices(self) -> dict[str, str]:
        return {key: self.cleaned_data[key] for key in CHOICES if self.cleaned_data.get(key)}

    def versions(self) -> dict[str, int]:
        return {side: self.cleaned_data[f"{side}_version"] for side in ("survivor", "merged")}

    @property
    def errored_fields(self) -> list:
        return [self[name] for name in self.errors if name in self.fields]

    def apply_errors(self, exc: ValidationError) -> None:
        for field, messages_ in errors_of(exc).items():
            self.add_error(field if field in self.fields else None, messages_)


def _page_url(survivor_id, merged_id=None) -> str:
    url = f"{reverse('partners:merge')}?survivor={survivor_id}"
    return f"{url}&merged={merged_id}" if merged_id else url


def merge_page(request):
    """GET ?survivor=<id>: find the other record; ?survivor=<id>&merged=<id>: compare them and
    choose; POST: merge."""
    survivor = permissions.organisation_for(
        request.user, request.GET.get("survivor"), action="edit"
    )
    merged_id = request.GET.get("merged")
    if not merged_id or str(merged_id) == str(survivor.pk):
        return _pick(request, survivor)
    merged = permissions.organisation_for(request.user, merged_id, action="edit")
    preview = merge_preview(survivor=survivor, merged=merged)
    initial = {"survivor_version": survivor.version, "merged_version": merged.version}
    form = MergeForm(request.POST or None, rows=preview["rows"], initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            merge = organisation_merge(
                actor=request.user,
                survivor=survivor,
                merged=merged,
                field_choices=form.choices(),
                expected_versions=form.versions(),
            )
        except ConflictError as exc:
            messages.error(
                request, f"{exc} Nothing was merged; the page shows them as they are now."
            )
            return redirect(_page_url(survivor.pk, merged.pk))
        except ValidationError as exc:
            form.apply_errors(exc)
        else:
            messages.success(request, f"“{merged.name}” merged into “{survivor.name}”.")
            return redirect("partners:merge_detail", pk=merge.pk)
    context = {
        "survivor": survivor,
        "merged": merged,
        "preview": preview,
        "form": form,
        "swap_url": _page_url(merged.pk, survivor.pk),
    }
    return render(request, "partners/merge.html", context)


def _pick(request, survivor):
    search = SearchForm(request.GET or None)
    q = search.cleaned_data["q"] if search.is_valid() else ""
    candidates = (
        [
            c
            for c in selectors.organisation_search(user=request.user, q=q, limit=10)
            if c.pk != survivor.pk and permissions.can_edit(request.user, c)
        ]
        if q
        else []
    )
    return render(
        request,
        "partners/merge_pick.html",
        {
            "survivor": survivor,
            "search": search,
            "q": q,
            "candidates": [(c, _page_url(survivor.pk, c.pk)) for c in candidates],
        },
    )


def merge_list(request):
    if not can(request.user, "partners.view"):
        raise PermissionDenied
    merges = merge_selectors.merge_list(user=request.user)
    page = Paginator(merges, settings.ACCORD_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "partners/merge_list.html", {"page": page})


def merge_detail(request, pk: int):
    merge = merge_selectors.merge_for(request.user, pk)
    shown = {side: merge.before.get(side, {}).get("shown", {}) for side in ("survivor", "merged")}
    rows = [
        {
            "label": LABELS[key],
            "survivor": shown["survivor"].get(key, ""),
            "merged": shown["merged"].get(key, ""),
            "kept": merge.field_choices.get(key, "survivor"),
        }
        for key in CHOICES
    ]
    return render(
        request,
        "partners/merge_detail.html",
        {
            "merge": merge,
            "rows": rows,
            "moves": moved_counts(merge.moved),
            "can_undo": merge_selectors.can_undo(request.user, merge),
        },
    )


@require_POST
def merge_undo_view(request, pk: int):
    merge = merge_selectors.merge_for(request.user, pk, action="undo")
    try:
        merge_undo(actor=request.user, merge=merge)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, f"Merge undone: “{merge.merged.name}” is a partner of its own again."
        )
    return redirect("partners:merge_detail", pk=merge.pk)
