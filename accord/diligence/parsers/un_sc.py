"""The UN Security Council consolidated list in its official XML format
(`CONSOLIDATED_LIST@dateGenerated` with `INDIVIDUALS/INDIVIDUAL` and `ENTITIES/ENTITY`).

Parsed leniently: the real file does not validate against the published XSD (elements out of
order, NOTE where the schema has none), so fields are read by name wherever they are, unknown
ones are ignored, and a record without an identifier or a name is skipped with a note. The
parser never resolves entities or reaches the network (no XXE)."""

from datetime import date, datetime

from lxml import etree

from accord.diligence.parsers.base import ListFileError, ParsedEntry, ParsedList, ParsedName

QUALITIES = {"good": "good", "low": "low", "a.k.a.": "aka", "f.k.a.": "fka"}
NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")


def _text(element, tag: str) -> str:
    found = element.find(tag)
    return " ".join((found.text or "").split()) if found is not None else ""


def _values(element, tag: str) -> list[str]:
    holder = element.find(tag)
    if holder is None:
        return []
    return [v for v in (" ".join((x.text or "").split()) for x in holder.findall("VALUE")) if v]


def _fields(element) -> dict:
    """A repeated group (address, date of birth…) as {lower-case tag: text}, empty ones left out."""
    return {
        child.tag.lower(): " ".join(child.text.split())
        for child in element
        if isinstance(child.tag, str) and child.text and child.text.strip()
    }


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def _generated_at(root) -> datetime | None:
    value = root.get("dateGenerated", "")
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")) if value else None
    except ValueError:
        return None


def _names(record, prefix: str, name: str, original: str) -> list[ParsedName]:
    names = [ParsedName(name, "primary")]
    if original:
        names.append(ParsedName(original, "original"))
    seen = {name.casefold(), original.casefold()}
    for alias in record.findall(f"{prefix}_ALIAS"):
        text = _text(alias, "ALIAS_NAME")
        if not text or text.casefold() in seen:
            continue
        seen.add(text.casefold())
        quality = QUALITIES.get(_text(alias, "QUALITY").lower(), "")
        names.append(ParsedName(text, "alias", quality, _text(alias, "NOTE")[:300]))
    return names


def _entry(record, kind: str) -> ParsedEntry | None:
    prefix = "INDIVIDUAL" if kind == "individual" else "ENTITY"
    data_id = _text(record, "DATAID")
    name = " ".join(p for p in (_text(record, t) for t in NAME_PARTS) if p)
    if not data_id or not name:
        return None
    original = _text(record, "NAME_ORIGINAL_SCRIPT")
    return ParsedEntry(
        data_id=data_id,
        kind=kind,
        name=name,
        reference_number=_text(record, "REFERENCE_NUMBER"),
        original_script_name=original,
        list_type=_text(record, "UN_LIST_TYPE"),
        listed_on=_date(_text(record, "LISTED_ON")),
        gender=_text(record, "GENDER"),
        nationalities=_values(record, "NATIONALITY"),
        dates_of_birth=[
            f for f in map(_fields, record.findall(f"{prefix}_DATE_OF_BIRTH")) if f
        ],
        places_of_birth=[
            f for f in map(_fields, record.findall(f"{prefix}_PLACE_OF_BIRTH")) if f
        ],
        addresses=[f for f in map(_fields, record.findall(f"{prefix}_ADDRESS")) if f],
        documents=[f for f in map(_fields, record.findall(f"{prefix}_DOCUMENT")) if f],
        titles=_values(record, "TITLE"),
        designations=_values(record, "DESIGNATION"),
        comments=_text(record, "COMMENTS1"),
        names=_names(record, prefix, name, original),
    )


def parse_un_sc(data: bytes) -> ParsedList:
    parser = etree.XMLParser(
        recover=True, resolve_entities=False, no_network=True, huge_tree=False,
        remove_comments=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ListFileError(f"The file is not XML: {exc}.") from None
    if root is None or root.tag != "CONSOLIDATED_LIST":
        found = getattr(root, "tag", "nothing readable")
        raise ListFileError(
            f"This is not a UN Security Council consolidated list: the file starts with "
            f"<{found}>, not <CONSOLIDATED_LIST>."
        )
    entries, notes = [], []
    for kind, path in (("individual", "INDIVIDUALS/INDIVIDUAL"), ("entity", "ENTITIES/ENTITY")):
        for number, record in enumerate(root.iterfind(path), start=1):
            entry = _entry(record, kind)
            if entry is None:
                notes.append(f"{kind} record {number} skipped: no DATAID or no name.")
            else:
                entries.append(entry)
    if not entries:
        raise ListFileError("The list holds no individual or entity that could be read.")
    return ParsedList(generated_at=_generated_at(root), entries=entries, notes=notes)
