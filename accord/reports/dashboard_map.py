"""The world map's data: partners per country keyed by the ISO 3166-1 numeric code that the
Natural Earth geometry (world-atlas countries-110m.json, served from accord/core's vendor
folder) uses as feature id. accounts.Country has no numeric code, so the mapping is a file of
this package, data/dashboard_iso_numeric.csv, taken from the M49 column of the OCHA taxonomy
that accounts loads its countries from (accord/accounts/data/countries.csv)."""

import csv
from functools import cache
from pathlib import Path

MAPPING = Path(__file__).resolve().parent / "data" / "dashboard_iso_numeric.csv"


@cache
def numeric_codes() -> dict[str, str]:
    """{ISO alpha-2: ISO numeric as three digits}."""
    with MAPPING.open(encoding="utf-8", newline="") as f:
        return {row["alpha2"]: row["numeric"] for row in csv.DictReader(f)}


def map_data(by_country: list[dict]) -> list[dict]:
    """The countries with partners, each {"id": numeric code, "code", "name", "count",
    "href"}, for the map script (countries without a numeric code are in the table only)."""
    codes = numeric_codes()
    return [
        {"id": codes[row["code"]], **{k: row[k] for k in ("code", "name", "count", "href")}}
        for row in by_country
        if row["code"] in codes
    ]
