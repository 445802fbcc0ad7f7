"""The demonstration data set: a registry a person can explore, built from real public reference
data (the strategy's named partners, UN system entities, development banks, Member States,
universities) and generated local authorities, civil society, foundations, companies and
research institutes, with contacts and relationships.

Everything is marked `is_demo`, written through the partner services (so it has history, batch
"demo") and keyed on `ref` ("demo:<source>:<id>"), so loading twice creates nothing new. All
choices come from `random.Random` seeded per record: the same seed gives the same data set."""

import csv
import random
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cache
from pathlib import Path

from anyascii import anyascii
from django.db import transaction

from accord.accounts.models import Country, Region, Role, User
from accord.partners import services
from accord.partners.models import Contact, Organisation, Relationship
from accord.strategy.models import Outcome, PartnerCategory
from accord.strategy.selectors import current_strategy

DATA = Path(__file__).parent / "data" / "demo"
BATCH = "demo"
SOURCE = "Demonstration data"
DEFAULT_SEED = 2020
NOTE = "Demonstration data: status, owner, contacts and relationships are illustrative."
FICTITIOUS = "Fictitious organisation (demonstration data)."

# How many of each generated kind at full scale; `limit` caps every source.
GENERATED = {"civil_society": 320, "foundation": 110, "private_sector": 150, "knowledge": 80}
RESOURCES = {
    "government": ["financing", "convening", "advocacy", "in_kind"],
    "local_authority": ["in_kind", "expertise", "data", "networks"],
    "un_entity": ["expertise", "convening", "data", "financing"],
    "development_bank": ["financing", "expertise", "data"],
    "private_sector": ["financing", "innovation", "in_kind", "expertise"],
    "civil_society": ["networks", "advocacy", "expertise"],
    "foundation": ["financing", "networks", "advocacy"],
    "knowledge": ["data", "expertise", "innovation"],
}
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
EURASIA = {"RU", "BY", "KZ", "KG", "TJ", "UZ", "TM", "AM", "AZ", "GE", "MD", "UA", "MN"}
MERCOSUR = {"AR", "BR", "UY", "PY", "BO", "CL", "CO", "EC", "PE", "VE"}
REGIONAL_NETWORK = {
    "AFRICA": "uclg-africa",
    "ASIA_PACIFIC": "uclg-aspac",
    "ARAB": "uclg-mewa",
    "LAC": "flacma",
    "EUROPE_NA": "cemr",
}


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


@dataclass
class Summary:
    created: Counter = field(default_factory=Counter)
    existing: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    def lines(self) -> list[str]:
        kinds = sorted(set(self.created) | set(self.existing))
        rows = [
            f"{k:<20} {self.created[k]:>6} created {self.existing[k]:>6} existing" for k in kinds
        ]
        return [*rows, f"done in {self.seconds:.1f} s"]


def _read(name: str) -> list[dict]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", anyascii(text).lower()).strip("-")


def _split(text: str, sep: str = ";") -> list[str]:
    return [part.strip() for part in (text or "").split(sep) if part.strip()]


def _rng(seed: int, *key) -> random.Random:
    return random.Random(":".join(str(k) for k in (seed, *key)))


@cache
def _cities() -> list[dict]:
    return _read("cities.csv")


def _capitals() -> dict[str, dict]:
    return {c["iso2"]: c for c in _cities() if c["capital"] == "1"}


def _country_names() -> dict[str, str]:
    return {r["iso2"]: r["name_en"] for r in _read("un_member_states.csv")}


# --- the organisations, source by source ------------------------------------------------------


def named_specs() -> list[Spec]:
    """The partners the strategy names (paragraphs 9 and 10) and the local-government networks."""
    specs = []
    for row in _read("named_organisations.csv"):
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
    for row in _read("un_system_entities.csv"):
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
                ref=f"demo:un:{_slug(acronym)}",
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
    for row in _read("lac_development_banks.csv"):
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
                ref=f"demo:lac:{row['iso3'] or 'multi'}:{_slug(row['acronym'] or row['name_en'])}",
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
    for row in _read("un_member_states.csv"):
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
    for row in _read("name_patterns.csv"):
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
                ref=f"demo:city:{row['iso2'].lower()}:{_slug(city)}",
                name=name,
                category="local_authority",
                aliases=aliases,
                country=row["iso2"],
                city=city,
                website=f"https://{_slug(city)}.gov.example",
                subtype="Municipality",
                description=f"Local government of {city}, {capital} of {country}. {NOTE}",
                lang=lang,
                status_weights=(35, 35, 20, 10),
            )
        )
    return specs


def generated_specs(category: str, count: int, seed: int, regions: dict[str, str]) -> list[Spec]:
    """Fictitious organisations with realistic names in the language of a real city."""
    rng, patterns, names = _rng(seed, category), _patterns(category), _country_names()
    words: dict[str, list[str]] = {}
    for row in _read("company_words.csv"):
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
        group = _name_group(row["iso2"], lang, regions)
        surname = rng.choice(_name_lists()[group][1]).split("|")
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
                website=f"https://{_slug(english or name)[:40].strip('-')}.example",
                subtype=pattern["subtype"],
                description=FICTITIOUS,
                lang=lang,
            )
        )
    return specs


def university_specs() -> list[Spec]:
    specs, capitals = [], _capitals()
    for row in _read("universities.csv"):
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


# --- people ------------------------------------------------------------------------------------


@cache
def _name_lists() -> dict[str, tuple[list[str], list[str], set[str]]]:
    """Given names and surnames per group (a language, or the countries listed)."""
    return {
        r["group"]: (
            r["first_names"].split(";"),
            r["last_names"].split(";"),
            set(r["countries"].split()),
        )
        for r in _read("names.csv")
    }


def _name_group(iso2: str, lang: str, regions: dict[str, str]) -> str:
    """Which names suit people of this country and language: the country's own list, else its
    language's, else its region's."""
    for group, (_, _, countries) in _name_lists().items():
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


def _domain(website: str) -> str:
    host = re.sub(r"^https?://", "", website or "").split("/")[0].split(":")[0].lower()
    return host.removeprefix("www.")


def demo_staff() -> tuple[list[tuple[User, str]], int]:
    """The relationship owners (with their region code): fictitious staff who cannot log in until
    an administrator sets a password. Accounts has no user service, so they are created here."""
    regions = {r.code: r for r in Region.objects.all()}
    users, created = [], 0
    for row in _read("staff.csv"):
        user = User.objects.filter(username=row["username"]).first()
        if user is None:
            user = User(
                username=row["username"],
                first_name=row["first_name"],
                last_name=row["last_name"],
                role=row["role"],
                email=f"{row['username']}@unhabitat.example",
            )
            user.set_unusable_password()
            user.save()
            if row["region"]:
                user.regions.set([regions[row["region"]]])
            created += 1
        users.append((user, row["region"]))
    return users, created


# --- the load --------------------------------------------------------------------------------


def _pick_status(rng: random.Random, weights) -> str:
    return rng.choices(["prospect", "active", "dormant", "former"], weights=weights)[0]


def _pick_owner(rng: random.Random, spec: Spec, country, staff, status: str):
    """Regional focal points own most partners of their region, headquarters officers the
    global ones; many prospects have no owner yet."""
    officers = [u for u, _ in staff if u.role == Role.OFFICER]
    focal = {region: u for u, region in staff if u.role == Role.REGIONAL}
    programme = [u for u, _ in staff if u.role == Role.PROGRAMME]
    if status == "prospect" and rng.random() < 0.5:
        return None
    roll = rng.random()
    if country is None or (spec.category in ("un_entity", "development_bank") and roll < 0.6):
        return rng.choice(officers) if roll < 0.85 else None
    if roll < 0.6:
        return focal.get(country.region.code)
    if roll < 0.85:
        return rng.choice(officers)
    return programme[0] if spec.category in ("knowledge", "civil_society") else None


def _create_contacts(org, spec: Spec, seed: int, regions: dict, summary: Summary) -> None:
    """Two to four fictitious people, the first the primary contact, e-mail at the org's domain."""
    rng = _rng(seed, spec.ref, "contacts")
    group = _name_group(spec.country, spec.lang, regions)
    firsts, lasts, _ = _name_lists()[group]
    domain = _domain(spec.website)
    languages = list(
        dict.fromkeys(
            [spec.lang if spec.lang in NAME_LANGUAGES | {"fr", "nl", "pl"} else "en", "en"]
        )
    )
    titles = [r["title"] for r in _read("job_titles.csv") if r["category"] == spec.category]
    titles = rng.sample(titles, k=min(4, len(titles)))
    for i in range(rng.randint(2, 4)):
        first, last = rng.choice(firsts).split("|"), rng.choice(lasts).split("|")
        native = len(first) > 1 and rng.random() < 0.4  # ar and ru lists have both scripts
        local = ".".join(_slug(p) for p in (first[0], last[0]))
        basis = rng.choices(
            ["legitimate_interest", "consent", "contract", "public_mandate"],
            weights=[50, 15, 15, 20 if spec.category in ("government", "un_entity") else 0],
        )[0]
        consent = None
        if basis == "consent":
            consent = datetime(2021, 1, 1, 9, tzinfo=UTC) + timedelta(days=rng.randint(0, 1400))
        services.contact_create(
            actor=None,
            organisation=org,
            first_name=first[-1] if native else first[0],
            last_name=last[-1] if native else last[0],
            job_title=titles[i % len(titles)],
            email=f"{local}@{domain}" if domain else "",
            languages=languages,
            is_primary=i == 0,
            lawful_basis=basis,
            consent_given_at=consent,
            source=SOURCE,
            is_demo=True,
        )
        summary.created["contacts"] += 1


def _relationships(specs: list[Spec], seed: int, regions: dict) -> list[tuple]:
    """(source ref, target ref, kind, note) for the data set, in a fixed order."""
    named = {row["key"]: row for row in _read("named_organisations.csv")}
    links = []
    for key, row in named.items():
        if row["parent"]:
            links.append((f"demo:named:{key}", f"demo:named:{row['parent']}", row["relation"], ""))
    links.append(("demo:lac:multi:idbinvest", "demo:named:iadb", "subsidiary_of", ""))
    govs = {s.country: s.ref for s in specs if s.category == "government"}
    cities = [s for s in specs if s.ref.startswith("demo:city:")]
    for s in specs:
        hosted = s.ref.startswith("demo:un:") and s.subtype != "Peacekeeping Operations"
        if hosted and s.country in govs:
            links.append((govs[s.country], s.ref, "hosts", "Host country agreement"))
    for s in cities:
        rng, region = _rng(seed, s.ref, "links"), regions.get(s.country)
        if rng.random() < 0.6:
            links.append((s.ref, "demo:named:uclg", "member_of", ""))
        network = "uclg-eurasia" if s.country in EURASIA else REGIONAL_NETWORK.get(region)
        if network and rng.random() < 0.5:
            links.append((s.ref, f"demo:named:{network}", "member_of", ""))
        for target, chance in (
            ("metropolis", 0.25),
            ("iclei", 0.2),
            ("c40", 0.12),
            ("mercociudades", 0.5 if s.country in MERCOSUR else 0),
            ("ato", 0.5 if region == "ARAB" else 0),
            ("citynet", 0.25 if region == "ASIA_PACIFIC" else 0),
        ):
            if rng.random() < chance:
                links.append((s.ref, f"demo:named:{target}", "member_of", ""))
    funders = {
        "afdb": "AFRICA",
        "adb": "ASIA_PACIFIC",
        "iadb": "LAC",
        "ebrd": "EUROPE_NA",
        "isdb": "ARAB",
        "eib": "AFRICA",
        "world-bank": "",
        "ifc": "",
    }
    for bank, region in funders.items():
        rng = _rng(seed, bank, "funds")
        pool = [s for s in cities if not region or regions.get(s.country) == region]
        for s in rng.sample(pool, k=min(len(pool), rng.randint(4, 8))):
            links.append((f"demo:named:{bank}", s.ref, "funds", "Municipal infrastructure loan"))
    by_country: dict[str, list[Spec]] = {}
    for s in cities:
        by_country.setdefault(s.country, []).append(s)
    grantees = [g for g in specs if g.category == "civil_society"]
    for s in specs:
        rng = _rng(seed, s.ref, "partner")
        local = by_country.get(s.country, [])
        partnering = s.category in ("civil_society", "knowledge", "private_sector")
        if partnering and local and rng.random() < 0.35:
            links.append((s.ref, rng.choice(local).ref, "partner_of", ""))
        if s.category == "foundation":
            for g in rng.sample(grantees, k=min(len(grantees), rng.randint(1, 3))):
                links.append((s.ref, g.ref, "funds", "Grant"))
        if s.ref.startswith("demo:lac:") and local:
            links.append((s.ref, rng.choice(local).ref, "funds", "Urban development credit line"))
    for company, count in (("microsoft", 5), ("airbus", 3)):
        rng = _rng(seed, company, "partner")
        for s in rng.sample(cities, k=min(count, len(cities))):
            links.append((f"demo:named:{company}", s.ref, "partner_of", "Urban intelligence pilot"))
    return links


@transaction.atomic
def load_demo(*, seed: int = DEFAULT_SEED, limit: int | None = None) -> Summary:
    """Load the demonstration data set; existing demo records (found by ref) are left as they
    are, and demo organisations archived by a reset are restored."""
    started = time.monotonic()
    summary = Summary()
    strategy = current_strategy()
    if strategy is None:
        raise RuntimeError("No partnership strategy is loaded: run `accord migrate` first.")
    categories = {c.code: c for c in PartnerCategory.objects.filter(strategy=strategy)}
    countries = {c.code: c for c in Country.objects.select_related("region")}
    regions = {code: c.region.code for code, c in countries.items()}
    outcomes = list(Outcome.objects.filter(domain__plan=strategy.plan).order_by("code"))
    staff, users_created = demo_staff()
    summary.created["users"] += users_created
    summary.existing["users"] += len(staff) - users_created
    specs = all_specs(seed=seed, limit=limit)
    orgs = {o.ref: o for o in Organisation.objects.filter(is_demo=True, ref__startswith="demo:")}
    contacts = Counter(
        Contact.objects.filter(is_demo=True).values_list("organisation_id", flat=True)
    )
    for spec in specs:
        org = orgs.get(spec.ref)
        if org is not None:
            summary.existing[spec.category] += 1
            if org.is_archived:
                services.organisation_restore(actor=None, organisation=org)
                summary.created["restored"] += 1
        else:
            rng = _rng(seed, spec.ref)
            country = countries.get(spec.country)
            status = _pick_status(rng, spec.status_weights)
            k = rng.randint(2, 4) if status == "active" else rng.randint(1, 2)
            org = services.organisation_create(
                actor=None,
                name=spec.name,
                category=categories[spec.category],
                acronym=spec.acronym,
                aliases=spec.aliases,
                country=country,
                city=spec.city,
                website=spec.website,
                subtype=spec.subtype,
                description=spec.description,
                status=status,
                owner=_pick_owner(rng, spec, country, staff, status),
                outcomes=rng.sample(outcomes, k=min(k, len(outcomes))),
                resources_offered=rng.sample(RESOURCES[spec.category], k=rng.randint(1, 3)),
                ref=spec.ref,
                is_demo=True,
                batch=BATCH,
            )
            orgs[spec.ref] = org
            summary.created[spec.category] += 1
        named = spec.ref.startswith("demo:named:")
        if named or _rng(seed, spec.ref, "has-contacts").random() < 0.4:
            if contacts[org.pk]:
                summary.existing["contacts"] += contacts[org.pk]
            else:
                _create_contacts(org, spec, seed, regions, summary)
    _load_relationships(specs, orgs, seed, regions, summary)
    summary.seconds = time.monotonic() - started
    return summary


def _load_relationships(specs, orgs, seed: int, regions: dict, summary: Summary) -> None:
    existing = set(
        Relationship.objects.filter(source__is_demo=True).values_list(
            "source_id", "target_id", "kind"
        )
    )
    created = []
    for source_ref, target_ref, kind, note in _relationships(specs, seed, regions):
        source, target = orgs.get(source_ref), orgs.get(target_ref)
        if source is None or target is None or source.pk == target.pk:
            continue
        if (source.pk, target.pk, kind) in existing:
            summary.existing["relationships"] += 1
            continue
        since = date(_rng(seed, source_ref, target_ref).randint(2008, 2023), 1, 1)
        rel = services.relationship_create(
            actor=None, source=source, target=target, kind=kind, since=since, note=note
        )
        existing.add((source.pk, target.pk, kind))
        created.append(rel.pk)
        summary.created["relationships"] += 1
    # relationship_create has no is_demo parameter (yet): the flag is not part of the history.
    Relationship.objects.filter(pk__in=created).update(is_demo=True)


@transaction.atomic
def archive_demo() -> int:
    """Archive every demonstration organisation (their contacts go with them); a later load
    restores them. Nothing is deleted, so history stays whole."""
    count = 0
    for org in Organisation.objects.filter(is_demo=True, archived_at__isnull=True):
        services.organisation_archive(actor=None, organisation=org)
        count += 1
    return count
