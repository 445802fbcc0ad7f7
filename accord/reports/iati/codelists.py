"""The official IATI codelists Accord's exports use, read from the copies in data/codelists/.
Every code an export writes goes through `require`, so a code that is not on its list fails
loudly instead of producing a file that validates against the schema but breaks the standard."""

import csv
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"


@cache
def _rows(name: str) -> tuple[dict, ...]:
    with (DATA / "codelists" / f"{name}.csv").open(encoding="utf-8") as handle:
        return tuple(csv.DictReader(handle))


@cache
def codes(name: str) -> frozenset[str]:
    """The active codes of codelist `name` (e.g. "OrganisationType")."""
    return frozenset(row["code"] for row in _rows(name) if row.get("status", "active") == "active")


@cache
def names(name: str) -> dict[str, str]:
    return {row["code"]: row["name"] for row in _rows(name)}


def require(name: str, code: str) -> str:
    """`code` when it is an active code of codelist `name`; a ValueError saying which list
    otherwise."""
    if code not in codes(name):
        raise ValueError(f"{code!r} is not an active code of the IATI {name} codelist.")
    return code


@cache
def outcome_sectors() -> dict[str, str]:
    """Outcome code of the strategic plan ("1.2") -> OECD-DAC purpose code
    (data/outcome_sectors.csv, Accord's own mapping)."""
    with (DATA / "outcome_sectors.csv").open(encoding="utf-8") as handle:
        return {row["outcome"]: row["sector"] for row in csv.DictReader(handle)}
