"""A score's bar, breakdown and trend as HTML, built in Python: a ranking page shows 25 of
them, and template includes per criterion cost more than the page's queries. Every value is
escaped by format_html."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

ARROWS = {"up": "▲", "down": "▼", "new": "✦", "same": "="}


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") or "0"


def bar(score) -> SafeString:
    """The stacked bar (100 units = 100 points) with the text alternative `score.summary`."""
    segments = format_html_join(
        "",
        '<rect class="seg seg-{}" x="{}" y="0" width="{}" height="6"><title>{}</title></rect>',
        ((s["code"], _num(s["x"]), _num(s["width"]), s["label"]) for s in score.segments),
    )
    return format_html(
        '<svg class="score-bar" viewBox="0 0 100 6" preserveAspectRatio="none" role="img"'
        ' aria-label="{}" focusable="false"><rect class="track" x="0" y="0" width="100"'
        ' height="6"></rect>{}</svg>',
        score.summary,
        segments,
    )


def _points(part) -> str:
    if part.is_penalty:
        return f"−{abs(part.points):.1f}" if part.points else "0.0"
    return f"+{part.points:.1f}"


def _detail(part) -> SafeString:
    if part.weight is None:
        return format_html("")
    return format_html(
        ' <span class="muted">(value {} × weight {})</span>', f"{part.value:.2f}", part.weight
    )


def breakdown(score) -> SafeString:
    """What each criterion contributed, in words, with a bar per criterion (decorative: the
    words say the same)."""
    items = format_html_join(
        "",
        '<li class="part part-{}"><span class="part-points">{}<span class="visually-hidden">'
        ' points</span></span><svg class="part-bar" viewBox="0 0 100 4"'
        ' preserveAspectRatio="none" aria-hidden="true" focusable="false"><rect class="track"'
        ' x="0" y="0" width="100" height="4"></rect><rect class="seg seg-{}" x="0" y="0"'
        ' width="{}" height="4"></rect></svg><span class="part-words">{}{}</span></li>',
        (
            (p.code, _points(p), p.code, _num(p.value * 100), p.words, _detail(p))
            for p in score.parts
        ),
    )
    return format_html('<ul class="breakdown">{}</ul>', items)


def trend(score) -> SafeString:
    t = score.trend
    return format_html(
        '<span class="trend trend-{}"><span aria-hidden="true">{}</span> {}</span>',
        t["direction"],
        ARROWS[t["direction"]],
        t["words"],
    )
