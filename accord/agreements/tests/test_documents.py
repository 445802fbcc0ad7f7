"""Documents: checked by content (not name) and size, hashed, stored privately under
agreements/, and downloaded only through the permission-checked view."""

import hashlib
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accord.accounts.models import Role
from accord.agreements.documents import document_upload
from accord.agreements.models import Document
from accord.agreements.tests.factories import AgreementFactory
from accord.agreements.tests.helpers import history_of

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64
HTML = b"<!doctype html><script>alert(1)</script>"


def office(main_part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            f'<Types><Override PartName="/main.xml" ContentType="{main_part}"/></Types>',
        )
        archive.writestr("main.xml", "<x/>")
    return buffer.getvalue()


DOCX = office("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")
XLSX = office("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def upload(agreement, name: str, content: bytes, **kwargs):
    return document_upload(
        actor=None, agreement=agreement, file=SimpleUploadedFile(name, content), **kwargs
    )


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("signed.pdf", PDF, "application/pdf"),
        ("scan.png", PNG, "image/png"),
        ("photo.jpeg", JPEG, "image/jpeg"),
        (
            "draft.docx",
            DOCX,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("budget.xlsx", XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("no-extension", PDF, "application/pdf"),
    ],
)
def test_accepted_files_are_stored_with_their_hash(private_storage, name, content, content_type):
    a = AgreementFactory()
    d = upload(a, name, content, title="Signed copy")
    assert (d.content_type, d.size, d.original_name) == (content_type, len(content), name)
    assert d.sha256 == hashlib.sha256(content).hexdigest()
    assert d.file.name.startswith("agreements/") and name not in d.file.name
    assert (private_storage / d.file.name).read_bytes() == content
    assert "Document added: Signed copy" in history_of(a)[-1].note


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("setup.pdf", EXE),
        ("page.pdf", HTML),
        ("fake.docx", b"PK\x03\x04not really a zip"),
        ("archive.docx", office("application/zip")),
        ("notes.txt", b"plain text"),
    ],
)
def test_files_are_refused_by_content_whatever_their_name(private_storage, name, content):
    with pytest.raises(ValidationError) as excinfo:
        upload(AgreementFactory(), name, content)
    assert "checked by its content" in excinfo.value.message_dict["file"][0]
    assert not Document.objects.exists()
    assert not list(private_storage.rglob("*.*"))


def test_files_over_the_size_limit_are_refused(settings):
    settings.ACCORD_DOCUMENT_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as excinfo:
        upload(AgreementFactory(), "big.pdf", PDF + b"0" * 2048)
    assert "the limit is" in excinfo.value.message_dict["file"][0]
    assert upload(AgreementFactory(), "small.pdf", PDF).size == len(PDF)


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError):
        upload(AgreementFactory(), "empty.pdf", b"")


@pytest.fixture
def stored(kenyan):
    return upload(AgreementFactory(parties=[kenyan]), "signed copy.pdf", PDF)


@pytest.mark.parametrize(
    ("kind", "status"),
    [
        ("anonymous", 302),
        (Role.REVIEWER, 403),
        ("partner", 403),
        (Role.MANAGEMENT, 200),
        (Role.PROGRAMME, 200),
        (Role.OFFICER, 200),
        ("regional", 200),
    ],
)
def test_download_goes_through_the_permission_check(client, user_of, stored, kind, status):
    if kind != "anonymous":
        client.force_login(user_of(kind))
    response = client.get(reverse("agreements:document_download", args=[stored.pk]))
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        assert b"".join(response.streaming_content) == PDF


def test_a_regional_focal_point_outside_the_region_gets_404(
    client, make_user, other_region, stored
):
    client.force_login(make_user(Role.REGIONAL, regions=[other_region]))
    response = client.get(reverse("agreements:document_download", args=[stored.pk]))
    assert response.status_code == 404


def test_the_upload_page_refuses_a_renamed_file_with_a_message(officer_client):
    a = AgreementFactory()
    response = officer_client.post(
        reverse("agreements:document_upload", args=[a.pk]),
        {"title": "Bad", "file": SimpleUploadedFile("x.pdf", EXE)},
    )
    assert response.status_code == 400
    assert "checked by its content" in response.content.decode()
    ok = officer_client.post(
        reverse("agreements:document_upload", args=[a.pk]),
        {"title": "Good", "file": SimpleUploadedFile("x.pdf", PDF)},
    )
    assert ok.status_code == 302 and a.documents.count() == 1
