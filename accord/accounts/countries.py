"""Recognising a country written by people: ISO 3166 codes, the United Nations' names in the
six languages (accord/accounts/data/countries.csv) and common English variants."""

from accord.accounts.models import Country
from accord.core.text import fold

# Common English names that are not the United Nations' short names of the countries.
COUNTRY_ALIASES = {
    "uk": "GB",
    "great britain": "GB",
    "britain": "GB",
    "england": "GB",
    "usa": "US",
    "u s a": "US",
    "us": "US",
    "u s": "US",
    "united states": "US",
    "america": "US",
    "russia": "RU",
    "south korea": "KR",
    "korea": "KR",
    "north korea": "KP",
    "dprk": "KP",
    "iran": "IR",
    "syria": "SY",
    "vietnam": "VN",
    "laos": "LA",
    "bolivia": "BO",
    "venezuela": "VE",
    "tanzania": "TZ",
    "moldova": "MD",
    "ivory coast": "CI",
    "cote d ivoire": "CI",
    "czech republic": "CZ",
    "turkey": "TR",
    "drc": "CD",
    "dr congo": "CD",
    "palestine": "PS",
    "the netherlands": "NL",
    "holland": "NL",
    "micronesia": "FM",
    "cape verde": "CV",
    "swaziland": "SZ",
    "macedonia": "MK",
    "burma": "MM",
}


def country_index() -> dict[str, Country]:
    """{key: Country} for every way of writing a country Accord recognises: ISO2 and ISO3 codes
    in lower case, and names folded with accord.core.text.fold (regions loaded)."""
    index: dict[str, Country] = {}
    countries = list(Country.objects.select_related("region"))
    for country in countries:
        for text in (country.name, *(country.names or {}).values()):
            index.setdefault(fold(text), country)
    by_code = {c.code: c for c in countries}
    for country in countries:
        index[country.code.lower()] = country
        index[country.iso3.lower()] = country
    for alias, code in COUNTRY_ALIASES.items():
        if code in by_code:
            index.setdefault(alias, by_code[code])
    return index
