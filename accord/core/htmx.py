"""HTMX helpers: one view and one template per page; a fragment is a named partial."""

from django.shortcuts import render


def render_page(request, template: str, context: dict, *, partial: str | None = None, status=200):
    """Render the page, or only the partial `partial` when HTMX asks for a fragment
    (unless it is a boosted navigation, which wants the whole page)."""
    htmx = getattr(request, "htmx", None)
    if partial and htmx and not htmx.boosted:
        template = f"{template}#{partial}"
    return render(request, template, context, status=status)
