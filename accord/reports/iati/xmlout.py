"""Small lxml helpers shared by the activity and organisation writers, and the streaming of a
file element by element (lxml's incremental `xmlfile`), so a large export never sits in memory
whole."""

from collections.abc import Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal

from lxml import etree

from accord.reports.iati import codelists
from accord.reports.iati.records import Org, Value

IATI_VERSION = codelists.require("Version", "2.03")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def sub(parent, tag: str, text: str | None = None, **attrs) -> etree._Element:
    """A child element; attribute names use "_" for "-" and None values are left out."""
    element = etree.SubElement(
        parent, tag, {k.replace("_", "-"): str(v) for k, v in attrs.items() if v is not None}
    )
    if text is not None:
        element.text = text
    return element


def narrative(parent, tag: str | None, text: str, **attrs) -> etree._Element:
    """`<tag><narrative>text</narrative></tag>` (or the narrative straight in `parent`)."""
    holder = sub(parent, tag, **attrs) if tag else parent
    sub(holder, "narrative", _clean(text) or "-")
    return holder


def _clean(text: str) -> str:
    """Text XML 1.0 may hold (control characters other than tab and newlines are dropped)."""
    return "".join(c for c in (text or "") if c in "\t\n\r" or ord(c) >= 32).strip()


def iso(day: date) -> str:
    return day.isoformat()


def amount(value: Decimal) -> str:
    return format(Decimal(value).quantize(Decimal("0.01")), "f")


def value(parent, tag: str, v: Value) -> etree._Element:
    return sub(
        parent,
        tag,
        amount(v.amount),
        currency=codelists.require("Currency", v.currency),
        value_date=iso(v.value_date),
    )


def org(parent, tag: str, o: Org, **attrs) -> etree._Element:
    """An organisation element: `ref` only when the partner has an identifier."""
    return narrative(
        parent,
        tag,
        o.name,
        ref=o.ref or None,
        type=codelists.require("OrganisationType", o.type),
        **attrs,
    )


def timestamp(moment: datetime) -> str:
    return moment.replace(microsecond=0).isoformat()


class _Sink:
    """A file-like object lxml writes into, emptied after each element."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def write(self, data: bytes) -> None:
        self.parts.append(bytes(data))

    def drain(self) -> bytes:
        data = b"".join(self.parts)
        self.parts.clear()
        return data


def stream(root: str, attrs: dict, elements: Iterable[etree._Element]) -> Iterator[bytes]:
    """The bytes of `<root attrs>` + each element + `</root>`, yielded element by element."""
    sink = _Sink()
    with etree.xmlfile(sink, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element(root, attrs):
            xf.write("\n")
            for element in elements:
                xf.write(element, pretty_print=True)
                xf.flush()
                yield sink.drain()
    yield sink.drain() + b"\n"
