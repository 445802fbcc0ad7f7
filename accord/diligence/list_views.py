"""Pages of the sanctions lists: the versions loaded (with their counts and which is current),
uploading a new version (administrators), and the entries, searchable, with their details."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accord.core.htmx import render_page
from accord.diligence import permissions, review_selectors
from accord.diligence.forms import EntryFilterForm, ListUploadForm
from accord.diligence.loading import load_list
from accord.diligence.models import SanctionsList
from accord.engagement.views import fragment, paginate, varies


def _lists_page(request, *, upload_form=None, status=200):
    return render(
        request,
        "diligence/lists.html",
        {
            "lists": SanctionsList.objects.annotate(entry_count=Count("entries")),
            "page": paginate(request, review_selectors.version_list(), size=20),
            "upload_form": upload_form or ListUploadForm(),
            "can_upload": permissions.can_manage_lists(request.user),
        },
        status=status,
    )


def list_page(request):
    if not permissions.can_view(request.user):
        raise PermissionDenied
    return _lists_page(request)


@require_POST
def list_upload(request):
    if not permissions.can_manage_lists(request.user):
        raise PermissionDenied
    form = ListUploadForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        sanctions_list = SanctionsList.objects.get(code=form.cleaned_data["sanctions_list"])
        try:
            version = load_list(
                actor=request.user, sanctions_list=sanctions_list, file_name=upload.name,
                data=upload.read(),
            )
        except ValidationError as exc:
            form.apply_errors(exc)
        else:
            c = version.counts
            messages.success(
                request,
                f"Loaded {version}: {c['added']} added, {c['changed']} changed, "
                f"{c['delisted']} delisted. Everyone is being screened again.",
            )
            return redirect("diligence:lists")
    return _lists_page(request, upload_form=form, status=400)


def entry_list(request):
    if not permissions.can_view(request.user):
        raise PermissionDenied
    form = EntryFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    qs = review_selectors.entry_list(
        q=data.get("q", ""), listed=data.get("listed", ""), kind=data.get("kind", "")
    )
    return varies(
        render_page(
            request,
            "diligence/entries.html",
            {"form": form, "page": paginate(request, qs, size=50)},
            partial=fragment(request, "results"),
        )
    )


def entry_detail(request, pk: int):
    entry = permissions.entry_for(request.user, pk)
    return render(
        request,
        "diligence/entry_detail.html",
        {"entry": entry, "names": list(entry.names.all())},
    )
