"""Documents of an agreement (the signed copy, drafts, annexes): checked by what the file
contains, not by its name — PDF, Word (DOCX), Excel (XLSX), PNG or JPEG only — and by size
(settings.ACCORD_DOCUMENT_MAX_BYTES, 20 MB by default), hashed (SHA-256), and kept in the
default storage under agreements/ with a generated name. Nothing serves that folder: a file
is downloaded only through the permission-checked view."""

import hashlib
import io
import re
import uuid
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from accord.agreements import permissions
from accord.agreements.models import Agreement, Amendment, Document
from accord.agreements.services import deny_unless
from accord.core.history import diff, record, snapshot

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
ZIP_PART_LIMIT = 1024 * 1024  # [Content_Types].xml is a few kilobytes; refuse zip bombs


@dataclass(frozen=True)
class Kind:
    label: str
    extension: str
    content_type: str


PDF = Kind("PDF", "pdf", "application/pdf")
PNG = Kind("PNG image", "png", "image/png")
JPEG = Kind("JPEG image", "jpg", "image/jpeg")
DOCX = Kind(
    "Word document",
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
)
XLSX = Kind(
    "Excel workbook", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)
# The main part's content type that tells a Word document from a workbook inside the zip.
OFFICE_MAIN_PARTS = {
    DOCX: b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    XLSX: b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
}
ACCEPTED = "PDF, Word (.docx), Excel (.xlsx), PNG or JPEG"


def max_bytes() -> int:
    return int(getattr(settings, "ACCORD_DOCUMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def _office_kind(read_all) -> Kind | None:
    try:
        with zipfile.ZipFile(io.BytesIO(read_all())) as archive:
            info = archive.getinfo("[Content_Types].xml")
            if info.file_size > ZIP_PART_LIMIT:
                return None
            types = archive.read(info)
    except (zipfile.BadZipFile, KeyError, RuntimeError, ValueError, OSError):
        return None
    return next((kind for kind, part in OFFICE_MAIN_PARTS.items() if part in types), None)


def sniff(upload) -> Kind | None:
    """What the file is, from its first bytes (and, for a zip, its [Content_Types].xml)."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):

        def read_all() -> bytes:
            upload.seek(0)
            data = upload.read()
            upload.seek(0)
            return data

        return _office_kind(read_all)
    return None


def _sha256(upload) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in iter(lambda: upload.read(64 * 1024), b""):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def clean_name(name: str) -> str:
    """The file's own name, for the download: no folders, no control characters."""
    base = re.split(r"[\\/]", str(name or ""))[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip()
    return base[:255] or "document"


@transaction.atomic
def document_upload(
    *,
    actor,
    agreement: Agreement,
    file,
    title: str = "",
    amendment: Amendment | None = None,
) -> Document:
    """Keep a file with the agreement once its content and size are checked."""
    deny_unless(permissions.can_edit(actor, agreement), actor, "You may not add documents here.")
    limit = max_bytes()
    if file is None:
        raise ValidationError({"file": "Choose a file to upload."})
    size = file.size
    if size == 0:
        raise ValidationError({"file": "The file is empty."})
    if size > limit:
        raise ValidationError(
            {
                "file": f"The file is {size / 1_048_576:.1f} MB; the limit is "
                f"{limit / 1_048_576:.0f} MB."
            }
        )
    kind = sniff(file)
    if kind is None:
        raise ValidationError(
            {
                "file": f"This file is not a {ACCEPTED} file (checked by its content, whatever "
                "its name says)."
            }
        )
    if amendment is not None and amendment.agreement_id != agreement.pk:
        raise ValidationError({"amendment": "That amendment belongs to another agreement."})
    original = clean_name(getattr(file, "name", ""))
    document = Document(
        agreement=agreement,
        amendment=amendment,
        title=" ".join(str(title or "").split())[:200] or original[:200],
        original_name=original,
        content_type=kind.content_type,
        size=size,
        sha256=_sha256(file),
        uploaded_by=actor,
    )
    document.file.save(f"{uuid.uuid4().hex}.{kind.extension}", file, save=False)
    try:
        with transaction.atomic():
            document.save()
            fields = ["title", "original_name", "content_type", "size", "sha256"]
            record(
                obj=document,
                action="create",
                actor=actor,
                changes=diff({}, snapshot(document, fields)),
            )
            record(
                obj=agreement,
                action="update",
                actor=actor,
                note=f"Document added: {document.title} ({kind.label}, {size:,} bytes).",
            )
    except Exception:
        document.file.storage.delete(document.file.name)  # no row: the file must not linger
        raise
    return document
