"""PDF documents from the same templates as the pages, with WeasyPrint.

The document's HTML is rendered by Django, styled by the reports' print style sheet
(static/reports/documents.css, the one the pages link to), and laid out for A4. Nothing is
fetched while rendering: only `data:` URIs may load, so a link or image in user-written text
(a story, a description) can neither reach the network nor read a local file."""

from functools import cache
from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

STYLESHEET = "reports/documents.css"


@cache
def _stylesheet() -> CSS:
    path = finders.find(STYLESHEET)
    return CSS(string=Path(path).read_text(encoding="utf-8"))


def _fetcher() -> URLFetcher:
    return URLFetcher(allowed_protocols={"data"}, allow_redirects=False)


def html_to_pdf(html: str) -> bytes:
    document = HTML(string=html, base_url="about:blank", url_fetcher=_fetcher())
    return document.write_pdf(stylesheets=[_stylesheet()])


def render_pdf(template: str, context: dict, *, request=None) -> bytes:
    """The PDF of `template` rendered with `context` (`pdf=True` is added, so the template can
    leave out what belongs on screen only)."""
    return html_to_pdf(render_to_string(template, {**context, "pdf": True}, request=request))
