"""The safe HTML of a knowledge item's body.

Whatever the editor (or an API client) sends is cleaned by nh3 (the Ammonia sanitiser) to a
short allow-list before it is stored, and again when it is shown: paragraphs, line breaks,
bold, italic, headings (h2-h4), lists, block quotes and links. Links keep only an absolute
http(s) or mailto address (a relative one is dropped) and a title, and always get
rel="noopener noreferrer". Scripts and styles go with their content; every other tag is
dropped (its text kept), and so is every attribute not listed — event handlers, style, class,
id."""

import nh3

TAGS = frozenset(
    {"p", "br", "strong", "b", "em", "i", "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "a"}
)
ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Removed with everything inside them (not only the tags): code, styles and embedded content.
DROPPED_WITH_CONTENT = frozenset(
    {"script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "math"}
)


def _absolute_links_only(tag: str, attribute: str, value: str) -> str | None:
    """A link goes somewhere named in full: a relative or empty address is dropped."""
    if attribute == "href" and not value.strip().lower().startswith(_ABSOLUTE):
        return None
    return value


_ABSOLUTE = tuple(f"{scheme}:" for scheme in URL_SCHEMES)
_cleaner = nh3.Cleaner(
    tags=set(TAGS),
    clean_content_tags=set(DROPPED_WITH_CONTENT),
    attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
    url_schemes=set(URL_SCHEMES),
    link_rel="noopener noreferrer",
    attribute_filter=_absolute_links_only,
    strip_comments=True,
)


def clean_html(value: str | None) -> str:
    """`value` reduced to the allowed markup (an empty string for nothing but whitespace)."""
    cleaned = _cleaner.clean(str(value or "")).strip()
    return cleaned if plain_text(cleaned) else ""


def plain_text(value: str | None) -> str:
    """The words of `value` without markup (for search snippets and length checks)."""
    return " ".join(nh3.clean(str(value or ""), tags=set()).split())
