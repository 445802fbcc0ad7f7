"""The Executive Board report page and its PDF: the period chooser, the PDF produced from the
same template (pages, expected text), permissions for every role, and bounded queries."""

import re
import shutil
import subprocess
import zlib
from io import BytesIO

import pytest
from django.urls import reverse

from accord.accounts.models import Role
from accord.reports.tests.test_board_report_data import build_board_world
from accord.reports.tests.test_iati_views import login  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db
PERIOD = {"date_from": "2025-01-01", "date_to": "2025-12-31"}
PAGE, PDF = "reports:board_report", "reports:board_report_pdf"


def pdf_pages(data: bytes) -> int:
    """The PDF's page objects, counted in the file and inside its compressed object streams."""
    parts = [data]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, flags=re.S):
        try:
            parts.append(zlib.decompress(stream))
        except zlib.error:
            continue
    return sum(len(re.findall(rb"/Type\s*/Page(?![s\w])", part)) for part in parts)


def pdf_text(data: bytes) -> str | None:
    """The PDF's text, with pypdf or poppler's pdftotext when one is there (else None)."""
    try:
        import pypdf  # optional
    except ImportError:
        pypdf = None
    if pypdf is not None:
        return "\n".join(p.extract_text() for p in pypdf.PdfReader(BytesIO(data)).pages)
    tool = shutil.which("pdftotext")
    if tool is None:
        return None
    done = subprocess.run([tool, "-", "-"], input=data, capture_output=True, check=True)  # noqa: S603
    return done.stdout.decode("utf-8")


@pytest.mark.parametrize(
    ("kind", "page", "pdf"),
    [
        (Role.ADMIN, 200, 200),
        (Role.OFFICER, 200, 200),
        (Role.PROGRAMME, 200, 200),
        (Role.MANAGEMENT, 200, 200),
        ("regional", 200, 200),
        (Role.REVIEWER, 403, 403),
        ("partner", 403, 403),
    ],
)
def test_permission_matrix(login, kind, page, pdf):  # noqa: F811
    client = login(kind)
    assert client.get(reverse(PAGE), PERIOD).status_code == page
    assert client.get(reverse(PDF), PERIOD).status_code == pdf


def test_anonymous_is_sent_to_log_in(client):
    for name in (PAGE, PDF):
        response = client.get(reverse(name), PERIOD)
        assert response.status_code == 302 and "login" in response["Location"]


def test_the_page_shows_the_report_for_the_period_chosen(login):  # noqa: F811
    world = build_board_world()
    response = login(Role.MANAGEMENT).get(reverse(PAGE), PERIOD)
    page = response.content.decode()
    assert "1 January 2025 – 31 December 2025" in page
    assert world.contribution_agreement.title in page
    assert "Kenya&#x27;s housing scheme reaches informal settlements" in page
    assert "No activity in the period" in page  # quiet strategy lines are flagged
    assert f"{reverse(PDF)}?date_from=2025-01-01&amp;date_to=2025-12-31" in page


def test_without_a_period_the_page_shows_this_year_so_far(login):  # noqa: F811
    response = login(Role.OFFICER).get(reverse(PAGE))
    assert response.status_code == 200
    assert "Progress report to the Executive Board" in response.content.decode()


def test_a_period_ending_before_it_starts_is_refused_on_its_field(login):  # noqa: F811
    client = login(Role.OFFICER)
    bad = {"date_from": "2025-12-31", "date_to": "2025-01-01"}
    for name in (PAGE, PDF):
        response = client.get(reverse(name), bad)
        assert response.status_code == 400
        assert "The end of the period is before its start." in response.content.decode()
    response = client.get(reverse(PAGE), {"date_from": "yesterday", "date_to": "2025-01-01"})
    assert response.status_code == 400 and "Enter a valid date." in response.content.decode()


def test_htmx_asks_for_the_report_only(login):  # noqa: F811
    response = login(Role.OFFICER).get(reverse(PAGE), PERIOD, headers={"HX-Request": "true"})
    text = response.content.decode()
    assert "Progress report to the Executive Board" in text and "<html" not in text


def test_the_pdf_is_made_from_the_same_report(login):  # noqa: F811
    world = build_board_world()
    response = login(Role.MANAGEMENT).get(reverse(PDF), PERIOD)
    assert response["Content-Type"] == "application/pdf"
    assert "executive-board-report-2025-01-01-2025-12-31.pdf" in response["Content-Disposition"]
    data = response.content
    assert data.startswith(b"%PDF")
    assert pdf_pages(data) >= 10  # cover, contents, summary, a page per category, ...
    text = pdf_text(data)
    if text is None:
        pytest.skip("neither pypdf nor pdftotext to read the PDF's text")
    flat = " ".join(text.split())
    assert "Progress report to the Executive Board" in flat
    assert world.contribution_agreement.reference in flat
    assert "Page 2 of" in flat
    assert "Contents" in flat and "Partner categories" in flat


def test_a_regional_focal_points_report_is_their_regions(login):  # noqa: F811
    world = build_board_world()
    page = login("regional").get(reverse(PAGE), PERIOD).content.decode()
    assert "Africa only" in page
    assert world.contribution_agreement.title in page
    assert world.lac_agreement.title not in page


def test_the_page_runs_a_bounded_number_of_queries(login, django_assert_max_num_queries):  # noqa: F811
    build_board_world()
    client = login(Role.MANAGEMENT)
    with django_assert_max_num_queries(50):
        assert client.get(reverse(PAGE), PERIOD).status_code == 200


def test_htmx_shows_a_bad_period_in_the_report_area(login):  # noqa: F811
    bad = {"date_from": "2025-12-31", "date_to": "2025-01-01"}
    response = login(Role.OFFICER).get(reverse(PAGE), bad, headers={"HX-Request": "true"})
    assert response.status_code == 200  # htmx swaps successful answers only
    assert "To: The end of the period is before its start." in response.content.decode()
