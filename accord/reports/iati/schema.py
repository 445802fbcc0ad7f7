"""The official IATI 2.03 XML schemas (data/schemas-2.03/), loaded once, and validation of a
file against them."""

from functools import cache
from pathlib import Path

from lxml import etree

SCHEMAS = Path(__file__).parent / "data" / "schemas-2.03"
FILES = {
    "activities": "iati-activities-schema.xsd",
    "organisation": "iati-organisations-schema.xsd",
}


@cache
def schema(kind: str) -> etree.XMLSchema:
    """The schema of an "activities" or "organisation" file (it includes iati-common.xsd and
    imports xml.xsd from the same folder; nothing is fetched from the network)."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.parse(str(SCHEMAS / FILES[kind]), parser))


def validation_errors(kind: str, source) -> list[str]:
    """The schema's complaints about `source` (a path, a file or bytes), as "line N: message";
    empty when the file is valid."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False, huge_tree=True)
    if isinstance(source, bytes):
        document = etree.fromstring(source, parser).getroottree()
    else:
        document = etree.parse(source if not isinstance(source, Path) else str(source), parser)
    checker = schema(kind)
    if checker.validate(document):
        return []
    return [f"line {e.line}: {e.message}" for e in checker.error_log]
