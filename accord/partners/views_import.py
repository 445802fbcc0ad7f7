"""The import wizard: upload -> column mapping -> preview of every row -> import -> the stored
import with its report (and its rollback). Staff who may register partners use it; each view
checks that first, then finds the import through the one door (another user's import is 404)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_POST

from accord.core.errors import PermissionDeniedError, errors_of
from accord.core.htmx import render_page
from accord.partners import permissions
from accord.partners.importing import progress, service
from accord.partners.importing.forms import MappingForm, UploadForm
from accord.partners.importing.mapping import apply_saved, columns
from accord.partners.importing.reading import ImportFileError
from accord.partners.importing.selectors import (
    can_import,
    column_mapping_list,
    import_batch_for,
    import_batch_list,
    import_row_list,
)
from accord.partners.models import ImportBatch, ImportRow

SAMPLE_ROWS = 3
EDITABLE = (ImportBatch.Status.UPLOADED, ImportBatch.Status.PREVIEWED)


def _require_import(request) -> None:
    if not can_import(request.user):
        raise PermissionDenied


def import_list(request):
    _require_import(request)
    page = Paginator(import_batch_list(user=request.user), settings.ACCORD_PAGE_SIZE)
    return render(
        request, "partners/import_list.html", {"page": page.get_page(request.GET.get("page"))}
    )


def import_new(request):
    _require_import(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = service.import_create(
                actor=request.user,
                file_name=form.cleaned_data["file"].name,
                data=form.data_bytes,
                kind=form.cleaned_data["kind"],
            )
        except ImportFileError as exc:
            form.add_error("file", str(exc))
        except ValidationError as exc:
            form.apply_errors(exc)
        else:
            return redirect("partners:import_mapping", pk=batch.pk)
    return render(
        request,
        "partners/import_upload.html",
        {
            "form": form,
            "organisation_columns": columns("organisations"),
            "contact_columns": columns("contacts"),
        },
    )


def import_mapping(request, pk: int):
    _require_import(request)
    batch = import_batch_for(request.user, pk)
    if batch.status not in EDITABLE:
        return redirect("partners:import_detail", pk=batch.pk)
    try:
        table = service.read_batch_file(batch, head=SAMPLE_ROWS)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("partners:import_list")
    samples = {h: [row[i] for _, row in table.rows] for i, h in enumerate(table.headers)}
    saved_list = list(column_mapping_list(kind=batch.kind))
    current = batch.mapping  # a JSON object: the file's header gives the order of columns
    saved = next((m for m in saved_list if str(m.pk) == request.GET.get("saved")), None)
    if saved is not None:
        current = apply_saved(table.headers, saved.mapping, batch.mapping)
    form = MappingForm(
        request.POST or None,
        headers=table.headers,
        kind=batch.kind,
        samples=samples,
        initial=MappingForm.initial_for(batch, current, table.headers),
    )
    if request.method == "POST" and form.is_valid():
        try:
            service.import_set_mapping(
                actor=request.user,
                batch=batch,
                mapping=form.mapping(),
                on_match=form.cleaned_data["on_match"],
                match_duplicates=form.cleaned_data.get("match_duplicates", False),
                save_as=form.cleaned_data["save_as"],
            )
            service.import_start_preview(actor=request.user, batch=batch)
        except ValidationError as exc:
            for message in (m for ms in errors_of(exc).values() for m in ms):
                form.add_error(None, message)
        else:
            return redirect("partners:import_preview", pk=batch.pk)
    return render(
        request,
        "partners/import_mapping.html",
        {
            "batch": batch,
            "form": form,
            "saved_list": saved_list,
            "saved": saved,
            "failure": _failure(batch),
        },
    )


def _failure(batch: ImportBatch) -> str:
    """Why the last background preview or import of this batch stopped, if it did."""
    progress = batch.progress or {}
    return progress.get("error", "") if progress.get("step") == "failed" else ""


def _next_page(batch: ImportBatch) -> str:
    """Where the user goes once the background work on the batch is over."""
    name = {
        ImportBatch.Status.UPLOADED: "partners:import_mapping",
        ImportBatch.Status.PREVIEWED: "partners:import_preview",
    }.get(batch.status, "partners:import_detail")
    return reverse(name, args=[batch.pk])


def _progress_page(request, batch: ImportBatch):
    return render_page(
        request,
        "partners/import_progress.html",
        {
            "batch": batch,
            "progress_text": progress.describe(batch.progress or {}),
            "percent": progress.percent(batch.progress or {}),
        },
        partial="progress",
    )


def import_progress(request, pk: int):
    """The progress panel, polled by the page while a background task works on the import;
    once the work is over, HTMX is sent on to the page that shows the result."""
    _require_import(request)
    batch = import_batch_for(request.user, pk)
    if not batch.is_working:
        if getattr(request, "htmx", None):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = _next_page(batch)
            return response
        return redirect(_next_page(batch))
    return _progress_page(request, batch)


def _rows_context(request, batch: ImportBatch) -> dict:
    outcome = request.GET.get("outcome", "")
    rows = import_row_list(batch=batch, outcome=outcome)
    page = Paginator(rows, settings.ACCORD_PAGE_SIZE).get_page(request.GET.get("page"))
    ids = {row.organisation_id for row in page if row.organisation_id}
    visible = (
        set(
            permissions.visible_organisations(request.user)
            .filter(pk__in=ids)
            .values_list("id", flat=True)
        )
        if ids
        else set()
    )
    present = set(batch.rows.values_list("outcome", flat=True).distinct())
    return {
        "batch": batch,
        "page": page,
        "outcome": outcome,
        "visible": visible,
        "outcomes": [(code, label) for code, label in ImportRow.Outcome.choices if code in present],
    }


def _rows_page(request, batch: ImportBatch, template: str, extra: dict | None = None):
    context = {**_rows_context(request, batch), **(extra or {})}
    htmx = getattr(request, "htmx", None)
    partial = None if htmx and htmx.history_restore_request else "rows"
    response = render_page(request, template, context, partial=partial)
    patch_vary_headers(response, ["HX-Request"])
    return response


def import_preview(request, pk: int):
    _require_import(request)
    batch = import_batch_for(request.user, pk)
    if batch.status == ImportBatch.Status.PREVIEWING:
        return _progress_page(request, batch)
    if batch.status == ImportBatch.Status.UPLOADED:
        return redirect("partners:import_mapping", pk=batch.pk)
    if batch.status != ImportBatch.Status.PREVIEWED:
        return redirect("partners:import_detail", pk=batch.pk)
    return _rows_page(request, batch, "partners/import_preview.html", {"failure": _failure(batch)})


@require_POST
def import_run(request, pk: int):
    _require_import(request)
    batch = import_batch_for(request.user, pk)
    try:
        batch = service.import_start_run(actor=request.user, batch=batch)
    except (ValidationError, PermissionDeniedError) as exc:
        text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        messages.error(request, text)
        return redirect("partners:import_preview", pk=batch.pk)
    if batch.status == ImportBatch.Status.IMPORTED:  # the task already ran (no queue between)
        counts = batch.counts
        messages.success(
            request,
            f"Imported: {counts['created']} created, {counts['updated']} "
            f"updated, {counts['skipped']} skipped, {counts['invalid']} "
            "rejected.",
        )
    return redirect(_next_page(batch))


def import_detail(request, pk: int):
    _require_import(request)
    batch = import_batch_for(request.user, pk)
    if batch.is_working:
        return _progress_page(request, batch)
    if batch.status in EDITABLE:
        return redirect(_next_page(batch))
    return _rows_page(
        request,
        batch,
        "partners/import_detail.html",
        {"can_roll_back": batch.status == ImportBatch.Status.IMPORTED},
    )


def import_rollback(request, pk: int):
    _require_import(request)
    batch = import_batch_for(request.user, pk)
    error = ""
    if batch.status != ImportBatch.Status.IMPORTED:
        return redirect("partners:import_detail", pk=batch.pk)
    if request.method == "POST":
        try:
            service.import_rollback(actor=request.user, batch=batch)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        except PermissionDeniedError as exc:
            error = str(exc)
        else:
            messages.success(request, f"Import #{batch.pk} rolled back.")
            return redirect("partners:import_detail", pk=batch.pk)
    return render(
        request,
        "partners/import_rollback.html",
        {"batch": batch, "error": error},
        status=409 if error else 200,
    )
