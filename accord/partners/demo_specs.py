"""The organisations of the demonstration data set, as plain `Spec`s, read from the public
reference data under data/demo/ (the strategy's named partners, UN system entities, development
banks, Member States, cities, universities) and generated with realistic names (civil society,
foundations, companies, research institutes). Nothing here writes: `accord.partners.demo` loads
them. All choices come from `random.Random` seeded per record: the same seed gives the same
data set."""

import csv
import random
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from anyascii import anyascii

from accord.accounts.models import Country

DATA = Path(__file__).parent / "data" / "demo"
DEFAULT_SEED = 2020
NOTE = "Demonstration data: status, owner, contacts and relationships are illustrative."
FICTITIOUS = "Fictitious organisation (demonstration data)."

# How many of each generated kind at full scale; `limit` caps every source.
GENERATED = {"civil_society": 320, "foundation": 110, "private_sector": 150, "knowledge": 80}
# The strategy-named partners stand for these rows of the reference files (no duplicates).
SAME_AS = {
    "un:IMF": "imf",
    "un:WORLD BANK GROUP": "wbg",
    "lac:World Bank": "world-bank",
    "lac:MIGA": "miga",
    "lac:IFC": "ifc",
    "lac:IADB": "iadb",
    "lac:IFAD": "un:IFAD",
}
SKIP_UN = {"UN-Habitat"}  # the home organisation is not its own partner
# Languages with their own list of people's names (names.csv).
NAME_LANGUAGES = {"ar", "ru", "zh", "es", "pt", "de", "tr", "it"}


@dataclass
class Spec:
    """One organisation of the data set, before it is written."""

    ref: str
    name: str
    category: str
    acronym: str = ""
    aliases: list[str] = field(default_factory=list)
    country: str = ""  # ISO alpha-2
    city: str = ""
    website: str = ""
    subtype: str = ""
    description: str = ""
    lang: str = "en"
    status_weights: tuple = (40, 30, 20, 10)  # prospect, active, dormant, former


def read_rows(name: str) -> list[dict]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", anyascii(text).lower()).strip("-")


def _split(text: str, sep: str = ";") -> list[str]:
    return [part.strip() for part in (text or "").split(sep) if part.strip()]


def seeded_random(seed: int, *key) -> random.Random:
    return random.Random(":".join(str(k) for k in (seed, *key)))


@cache
def _cities() -> list[dict]:
    return read_rows("cities.csv")


def _capitals() -> dict[str, dict]:
    return {c["iso2"]: c for c in _cities() if c["capital"] == "1"}


def _country_names() -> dict[str, str]:
    return {r["iso2"]: r["name_en"] for r in read_rows("un_member_states.csv")}


# --- the organisations, source by source ---------------------------------------------------------


def named_specs() -> list[Spec]:
    """The partners the strategy names (paragraphs 9 and 10) and the local-government networks."""
    specs = []
    for row in read_rows("named_organisations.csv"):
        para = row["paragraph"]
        described = f"Named in paragraph {para} of the partnership strategy. " if para else ""
        specs.append(
            Spec(
                ref=f"demo:named:{row['key']}",
                name=row["name"],
                category=row["category"],
                acronym=row["acronym"],
                aliases=_split(row["aliases"]),
                country=row["country"],
                city=row["city"],
                website=row["website"],
                subtype=row["subtype"],
                description=described + NOTE,
                status_weights=(5, 80, 15, 0) if para else (10, 60, 25, 5),
            )
        )
    return specs


def un_specs() -> list[Spec]:
    specs = []
    for row in read_rows("un_system_entities.csv"):
        acronym = row["entity"]
        if f"un:{acronym}" in SAME_AS or acronym in SKIP_UN:
            continue
        country = row["hq_country"]
        kind = row["category"] or (
            "Specialized agency" if row["is_ceb_member"] == "True" else "Secretariat entity"
        )
        organ = row["un_principal_organ"]
        organ = f" Principal organ: {organ}." if organ else ""
        ceb = row["is_ceb_member"] == "True"
        specs.append(
            Spec(
                ref=f"demo:un:{slug(acronym)}",
                name=row["entity_long"],
                category="un_entity",
                acronym=acronym if len(acronym) <= 40 else "",
                aliases=_split(row["entity_aliases"], ","),
                country=country,
                city=row["hq_city"],
                website=row["entity_link"],
                subtype=kind[:100],
                description=f"{kind} of the United Nations system.{organ} {NOTE}",
                status_weights=(10, 70, 20, 0) if ceb else (40, 20, 30, 10),
            )
        )
    return specs


def lac_bank_specs(iso3_to_iso2: dict[str, str]) -> list[Spec]:
    specs = []
    for row in read_rows("lac_development_banks.csv"):
        key = f"lac:{row['acronym']}"
        if key in SAME_AS:
            continue
        aliases = [row["name_en"]] if row["name_en"] != row["name_original"] else []
        assets = ""
        if row["total_assets_musd"].lstrip("-").isdigit():
            assets = (
                f" Total assets USD {int(row['total_assets_musd']):,} million"
                f" in {row['financial_year']}."
            )
        level = "Multilateral" if row["level"] == "multilateral" else "National"
        specs.append(
            Spec(
                ref=f"demo:lac:{row['iso3'] or 'multi'}:{slug(row['acronym'] or row['name_en'])}",
                name=row["name_original"],
                category="development_bank",
                acronym=row["acronym"][:40],
                aliases=aliases,
                country=iso3_to_iso2.get(row["iso3"], ""),
                website=row["website"],
                subtype=f"{level} development bank",
                description=f"{level} development bank active in Latin America and the Caribbean, "
                f"established {row['established']}.{assets} {NOTE}",
                lang=_capitals().get(iso3_to_iso2.get(row["iso3"], ""), {}).get("lang", "es"),
            )
        )
    return specs


def government_specs() -> list[Spec]:
    capitals, names = _capitals(), _country_names()
    specs = []
    for row in read_rows("un_member_states.csv"):
        iso2, name = row["iso2"], names[row["iso2"]]
        formal = re.sub(r"^the ", "", row["name_en_formal"])
        formal_gov = [f"Government of {row['name_en_formal']}"] if formal != name else []
        others = [
            *formal_gov,
            formal,
            name,
            row["name_fr"],
            row["name_es"],
            row["name_ru"],
            row["name_zh"],
            row["name_ar"],
            *_split(row["alt_names"], "|"),
        ]
        capital = capitals.get(iso2, {})
        specs.append(
            Spec(
                ref=f"demo:gov:{row['iso3'].lower()}",
                name=row["government_name"],
                category="government",
                aliases=others,
                country=iso2,
                city=capital.get("city", ""),
                subtype="National government",
                description=f"Member State of the United Nations. {NOTE}",
                lang=capital.get("lang", "en"),
                status_weights=(15, 55, 25, 5),
            )
        )
    return specs


def _patterns(category: str) -> dict[str, list[dict]]:
    by_lang: dict[str, list[dict]] = {}
    for row in read_rows("name_patterns.csv"):
        if row["category"] == category:
            by_lang.setdefault(row["lang"], []).append(row)
    return by_lang


def city_specs() -> list[Spec]:
    patterns, names = _patterns("local_authority"), _country_names()
    specs = []
    for row in _cities():
        city, local, lang = row["city"], row["local_name"] or row["city"], row["lang"]
        pattern = patterns.get(lang, patterns["en"])[0]
        generic = pattern["pattern"].format(city=city, local=local)
        if lang == "en" and row["capital"] != "1":
            generic = f"{city} City Council"
        name = row["authority"] or generic
        english = pattern["english"].format(city=city) or f"City of {city}"
        aliases = [english, local, generic] if name != english else [local]
        capital = "capital city" if row["capital"] == "1" else "city"
        country = names[row["iso2"]]
        specs.append(
            Spec(
                ref=f"demo:city:{row['iso2'].lower()}:{slug(city)}",
                name=name,
                category="local_authority",
                aliases=aliases,
                country=row["iso2"],
                city=city,
                website=f"https://{slug(city)}.gov.example",
                subtype="Municipality",
                description=f"Local government of {city}, {capital} of {country}. {NOTE}",
                lang=lang,
                status_weights=(35, 35, 20, 10),
            )
        )
    return specs


def generated_specs(category: str, count: int, seed: int, regions: dict[str, str]) -> list[Spec]:
    """Fictitious organisations with realistic names in the language of a real city."""
    rng, patterns, names = seeded_random(seed, category), _patterns(category), _country_names()
    words: dict[str, list[str]] = {}
    for row in read_rows("company_words.csv"):
        words.setdefault(row["kind"], []).append(row["word"])
    specs, seen = [], set()
    while len(specs) < count:
        row = rng.choice(_cities())
        city, local, lang = row["city"], row["local_name"] or row["city"], row["lang"]
        choices = patterns.get(lang) or patterns["en"]
        native_script = lang in ("ar", "ru", "zh")
        if (native_script and not row["local_name"]) or (lang != "en" and rng.random() < 0.2):
            choices = patterns["en"]
        pattern = rng.choice(choices)
        group = name_group(row["iso2"], lang, regions)
        surname = rng.choice(name_lists()[group][1]).split("|")
        values = {
            "city": city,
            "local": local,
            "country": names[row["iso2"]],
            "surname": surname[-1] if native_script else surname[0],
            "brand": rng.choice(words["brand"]),
            "sector": rng.choice(words["sector"]),
        }
        name = pattern["pattern"].format(**values)
        if name in seen:
            continue
        seen.add(name)
        english = pattern["english"].format(**values | {"surname": surname[0]})
        specs.append(
            Spec(
                ref=f"demo:{category}:{len(specs) + 1:04d}",
                name=name,
                category=category,
                aliases=[english] if english else [],
                country=row["iso2"],
                city=city,
                website=f"https://{slug(english or name)[:40].strip('-')}.example",
                subtype=pattern["subtype"],
                description=FICTITIOUS,
                lang=lang,
            )
        )
    return specs


def university_specs() -> list[Spec]:
    specs, capitals = [], _capitals()
    for row in read_rows("universities.csv"):
        specs.append(
            Spec(
                ref=f"demo:uni:{row['domain']}",
                name=row["name"],
                category="knowledge",
                country=row["country"],
                city="",
                website=row["web_page"],
                subtype="University",
                description=f"University. {NOTE}",
                status_weights=(45, 30, 15, 10),
                lang=capitals.get(row["country"], {}).get("lang", "en"),
            )
        )
    return specs


def all_specs(*, seed: int = DEFAULT_SEED, limit: int | None = None) -> list[Spec]:
    """Every organisation of the data set in a fixed order; `limit` caps each source (the
    strategy-named partners are always all there)."""
    iso3 = dict(Country.objects.values_list("iso3", "code"))
    regions = dict(Country.objects.values_list("code", "region__code"))
    cap = (lambda items: items[:limit]) if limit is not None else (lambda items: items)
    scale = (lambda n: min(n, limit)) if limit is not None else (lambda n: n)
    specs = named_specs()
    for items in (un_specs(), lac_bank_specs(iso3), government_specs(), city_specs()):
        specs += cap(items)
    for category, count in GENERATED.items():
        specs += generated_specs(category, scale(count), seed, regions)
    specs += cap(university_specs())
    return specs


# --- people's names ------------------------------------------------------------------------------


@cache
def name_lists() -> dict[str, tuple[list[str], list[str], set[str]]]:
    """Given names and surnames per group (a language, or the countries listed)."""
    return {
        r["group"]: (
            r["first_names"].split(";"),
            r["last_names"].split(";"),
            set(r["countries"].split()),
        )
        for r in read_rows("names.csv")
    }


def name_group(iso2: str, lang: str, regions: dict[str, str]) -> str:
    """Which names suit people of this country and language: the country's own list, else its
    language's, else its region's."""
    for group, (_, _, countries) in name_lists().items():
        if iso2 in countries:
            return group
    if lang in NAME_LANGUAGES:
        return lang
    region = regions.get(iso2, "")
    if lang == "fr":
        return "africa_fr" if region in ("AFRICA", "ARAB") else "fr"
    if region == "ARAB":
        return "ar"
    if region == "EUROPE_NA" and iso2 not in {"GB", "IE", "US", "CA", "AU", "NZ"}:
        return "europe"
    return "en"
