"""Small filters of the due-diligence pages: a list entry's facts (a date of birth, an address,
a document) as the list gives them, in one readable line."""

from django import template

register = template.Library()
_QUALIFIERS = ("type_of_date", "note")


@register.filter
def fact_text(fact) -> str:
    """{"type_of_date": "EXACT", "date": "1937-04-28"} → "1937-04-28 (exact)"."""
    if not isinstance(fact, dict):
        return str(fact)
    text = ", ".join(str(v) for k, v in fact.items() if k not in _QUALIFIERS and v)
    qualifiers = [str(fact[k]).lower() if k == "type_of_date" else str(fact[k])
                  for k in _QUALIFIERS if fact.get(k)]
    return f"{text} ({'; '.join(qualifiers)})" if qualifiers else text


@register.filter
def percent(score) -> str:
    """A score between 0 and 1 as a whole percentage."""
    try:
        return f"{float(score) * 100:.0f}%"
    except (TypeError, ValueError):
        return ""
