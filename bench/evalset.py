"""The labelled evaluation set of the duplicate matcher, built from real reference data.

    python -m bench.evalset [--write FILE]     # summary (or the whole set as JSON)

Records come from the files in bench/evaldata/ (see SOURCES.md there): UN system entities
(long name, acronym, website), OECD-DAC/CRS channels (English name with its IATI identifier,
French name), Latin American development banks (original-language and English names,
acronyms, countries, websites), the organisations of IOM's IATI file (the same organisation
written several ways) and universities (names, websites, countries).

Each record belongs to an entity; two records are duplicates exactly when they share it
(a closed world: every other pair is a non-duplicate). Entities are joined across sources by
the same written name (ignoring case, punctuation and bracketed acronyms), by domain for
universities, and by the short hand-checked list LINKS below. Besides the natural variation
between sources, some records are derived from a base record by one realistic change
(acronym only, a typo, a legal form added, words abbreviated or reordered, accents dropped,
an e-mail instead of a website), and the change is recorded as the pair's kind.

Hard non-duplicates are the pairs of different entities that a naive matcher would flag:
similar names (token sort ratio >= 80), the same acronym, or the same domain — African vs
Asian Development Bank, UNDP vs UNEP, national vs regional banks, universities with similar
names. They are labelled with their kind too."""

import csv
import json
import random
import re
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from anyascii import anyascii
from rapidfuzz import fuzz

DATA = Path(__file__).resolve().parent / "evaldata"
SEED = 20261126

# Same organisation written differently in two sources (checked by hand): (name, name).
LINKS = [
    (
        "Office of the United Nations High Commissioner for Refugees",
        "United Nations Office of the United Nations High Commissioner for Refugees",
    ),
    (
        "Office of the United Nations High Commissioner for Refugees",
        "UNITED NATIONS HIGH COMMISSION REFUGEES",
    ),
    ("International Organization for Migration", "International Organization for Migration (IOM)"),
    (
        "European Commission - Service for Foreign Policy Instruments",
        "European Commission - Service for Foreign Policy Instruments (IcSP)",
    ),
    (
        "United Nations Office for the Coordination of Humanitarian Affairs",
        "UNITED NATIONS OFFICE FOR THE COORDINATION OF HUMANITARIAN AFFAIRS (OCHA)",
    ),
    (
        "Office for the Coordination of Humanitarian Affairs",
        "United Nations Office of Co-ordination of Humanitarian Affairs",
    ),
    ("Food and Agriculture Organization", "Food and Agricultural Organisation"),
    ("International Telecommunication Union", "International Telecommunications Union"),
    ("World Bank Group", "The World Bank"),
    ("World Bank Group", "World Bank Group (WB)"),
    ("United Nations Human Settlements Programme", "United Nations Human Settlement Programme"),
    (
        "Global Fund to Fight AIDS, Tuberculosis and Malaria",
        "The Global Fund to fight Aids, Tuberculosis and Malaria (The Global Fund)",
    ),
    ("Convention to Combat Desertification", "UNITED NATIONS CONVENTION TO COMBAT DESERTIFICATION"),
    (
        "United Nations Convention to Combat Desertification",
        "UNITED NATIONS CONVENTION TO COMBAT DESERTIFICATION",
    ),
    (
        "Multilateral Investment Guarantee Agency",
        "Multilateral Investment Guarantee Agency - World Bank Group",
    ),
    ("Development Coordination Office", "United Nations Development Coordination Office"),
    (
        "Joint United Nations Programme on HIV/AIDS",
        "JOINT UNITED NATIONS PROGRAMME ON HIV AND AIDS",
    ),
    # Universities listed twice in the source list (an English and a Spanish name, a typo,
    # a former name).
    ("Antonio Nariño University", "Universidad Antonio Nariño"),
    ("Universidad Motolinía del Pedregal", "Universidad Motolinía del Pedegral"),
    ("Université Paris Nanterre (Paris X)", "Université Paris Ouest Paris X Nanterre"),
    ("Université Paris-Sorbonne (Paris IV)", "Université de Paris IV Sorbonne"),
    ("North-West University", "North-West Univeristy"),
]
LEGAL_FORMS = ["Ltd.", "Inc.", "S.A.", "GmbH", "Foundation", "LLC", "plc", "SARL"]
ABBREVIATE = [
    ("International", "Intl."),
    ("Development", "Dev."),
    ("University", "Univ."),
    ("Corporation", "Corp."),
    ("Association", "Assn."),
    ("Organization", "Org."),
    ("Organisation", "Org."),
    ("Department", "Dept."),
    (" and ", " & "),
    ("Saint", "St."),
]


@dataclass
class Record:
    id: int
    entity: str
    name: str
    acronym: str = ""
    website: str = ""
    email: str = ""
    country: str = ""
    iati_identifier: str = ""
    source: str = ""
    variation: str = "original"  # how it was derived from `base`
    base: int | None = None


@dataclass
class EvalSet:
    records: list[Record]
    true_pairs: dict[tuple[int, int], str]  # (lower id, higher id) -> kind of variation
    hard_negatives: dict[tuple[int, int], str]  # (lower id, higher id) -> kind

    def same_entity(self, a: int, b: int) -> bool:
        return self.records[a - 1].entity == self.records[b - 1].entity


_SPELLING = {"organization": "organisation", "labor": "labour", "the": "", "co": ""}


def _key(name: str) -> str:
    """A written name for joining sources: case, punctuation, bracketed acronyms, British or
    American spelling and a leading "The" do not matter."""
    text = re.sub(r"\([A-Za-z-]+\)", " ", anyascii(name or "")).lower().replace("&", " and ")
    words = re.sub(r"[^a-z0-9]+", " ", text).replace("co ordination", "coordination").split()
    return " ".join(w for w in (_SPELLING.get(w, w) for w in words) if w)


def _csv(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


class _Builder:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.records: list[Record] = []
        self.parent: dict[str, str] = {}
        self.by_name: dict[tuple[str, str], Record] = {}
        self.links: dict[tuple[int, int], str] = {}  # the labelled duplicate pairs

    def link(self, a: Record, b: Record, kind: str) -> None:
        if a.id != b.id:
            self.union(a.entity, b.entity)
            self.links.setdefault((min(a.id, b.id), max(a.id, b.id)), kind)

    def _find(self, e: str) -> str:
        while self.parent.get(e, e) != e:
            e = self.parent[e]
        return e

    def union(self, a: str, b: str) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def add(self, entity: str, name: str, **fields) -> Record:
        record = Record(id=len(self.records) + 1, entity=entity, name=name.strip(), **fields)
        self.records.append(record)
        key = (_key(record.name), record.country)
        if key in self.by_name:
            self.link(self.by_name[key], record, "case_punctuation")
        else:
            self.by_name[key] = record
        return record

    def variant(self, base: Record, kind: str, name: str, **fields) -> None:
        if _key(name) == _key(base.name) and kind not in {"case", "acronym", "domain"}:
            return
        values = {"country": base.country, "source": base.source, **fields}
        record = Record(
            id=len(self.records) + 1,
            entity=base.entity,
            name=name,
            variation=kind,
            base=base.id,
            **values,
        )
        self.records.append(record)
        self.link(base, record, kind)
        same = self.by_name.get((_key(name), record.country))
        if same and same.entity != base.entity:
            self.link(same, record, "case_punctuation")

    # --- one realistic change of a name ---

    def typo(self, name: str) -> str:
        words = name.split()
        long = [i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
        if not long:
            return name
        i = self.rng.choice(long)
        w = words[i]
        j = self.rng.randrange(1, len(w) - 2)
        words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]  # two letters swapped
        return " ".join(words)

    def abbreviate(self, name: str) -> str:
        for long, short in ABBREVIATE:
            if long in name:
                return name.replace(long, short)
        return name

    def reorder(self, name: str) -> str:
        m = re.match(r"^(.*?) of (the )?(.+)$", name)
        if m and len(m.group(3).split()) <= 3:  # "University of Lagos" -> "Lagos University"
            return f"{m.group(3)} {m.group(1)}"
        words = name.split()
        return " ".join(words[1:] + words[:1]) if len(words) > 2 else name

    def derive(self, base: Record, kind: str) -> None:
        name = base.name
        changes = {
            "legal_form": lambda: f"{name} {self.rng.choice(LEGAL_FORMS)}",
            "typo": lambda: self.typo(name),
            "abbreviation": lambda: self.abbreviate(name),
            "word_order": lambda: self.reorder(name),
            "case_punctuation": lambda: f"The {name.upper().replace('-', ' ')}",
            "diacritics": lambda: anyascii(name),
        }
        self.variant(base, kind, changes[kind]())


def build(seed: int = SEED) -> EvalSet:
    b = _Builder(seed)
    iso3 = {r["iso3"]: r["iso2"] for r in _csv("countries-iso.csv")}
    kinds = ["legal_form", "typo", "abbreviation", "word_order", "case_punctuation"]

    for i, row in enumerate(_csv("un-system-entities.csv")):
        base = b.add(
            f"un:{row['entity']}",
            row["entity_long"],
            acronym=row["entity"],
            website=row["entity_link"],
            source="un",
        )
        if i % 2 == 0:
            b.variant(base, "acronym", row["entity"])
        for alias in filter(None, (a.strip() for a in row["entity_aliases"].split(";"))):
            b.variant(base, "alias", alias)
        if i % 5 == 1:
            b.derive(base, kinds[(i // 5) % len(kinds)])

    for i, row in enumerate(
        r for r in _csv("organisations-index.csv") if "CRSChannelCode" in r["source"]
    ):
        iati = row["iati_ref"] if re.fullmatch(r"XM-DAC-\d+", row["iati_ref"]) else ""
        base = b.add(f"crs:{row['source_id']}", row["name"], iati_identifier=iati, source="crs")
        alt = row["name_alt"].strip()
        if alt and i % 3 == 0:
            b.variant(base, "translation_name_only", alt, iati_identifier="")
        if i % 6 == 3:
            b.derive(base, kinds[(i // 6) % len(kinds)])

    for file, source in (
        ("lac-development-banks-LAC_MDBS.csv", "lac_mdb"),
        ("lac-development-banks-LAC_NDBS.csv", "lac_ndb"),
    ):
        seen = set()
        for row in _csv(file):
            english, original = row["Name in English Language"], row["Name in Original Language"]
            country = iso3.get(row["ISO-3"], "")
            if (english, country) in seen:
                continue
            seen.add((english, country))
            base = b.add(
                f"{source}:{english}:{country}",
                english,
                acronym=row["Acronym"],
                website=row["Website Link"],
                country=country,
                source=source,
            )
            if _key(original) != _key(english):
                b.variant(base, "translation", original, acronym=row["Acronym"])
                if anyascii(original) != original and len(seen) % 3 == 0:
                    b.variant(base, "diacritics", anyascii(original), acronym=row["Acronym"])
            if len(seen) % 4 == 2:
                b.derive(base, kinds[(len(seen) // 4) % len(kinds)])

    for row in _csv("iom-activities-organisations.csv"):
        if row["name"] not in {r.name for r in b.records}:
            b.add(f"iom:{row['name']}", row["name"], source="iom")

    with open(DATA / "universities-subset.json", encoding="utf-8") as f:
        universities = json.load(f)
    by_domain: dict[str, Record] = {}
    for i, row in enumerate(universities):
        domain = (row["domains"] or [""])[0]
        entity = f"uni:{row['name']}:{row['alpha_two_code']}"
        base = b.add(
            entity,
            row["name"],
            website=(row["web_pages"] or [""])[0],
            country=row["alpha_two_code"],
            source="university",
        )
        if domain in by_domain:
            b.link(by_domain[domain], base, "same_website")
        by_domain.setdefault(domain, base)
        if i % 6 == 0:
            b.derive(base, ["word_order", "abbreviation", "typo"][(i // 6) % 3])
        elif i % 6 == 3 and domain:
            b.variant(base, "domain", b.abbreviate(row["name"]), website="", email=f"info@{domain}")

    for left, right in LINKS:
        ends = [
            next((r for r in b.records if _key(r.name) == _key(n)), None) for n in (left, right)
        ]
        if None not in ends:
            b.link(*ends, "other_source_name")
    un = {r.acronym: r for r in b.records if r.source == "un" and r.variation == "original"}
    for r in b.records:  # "World Trade Organisation (WTO)" is the UN entity WTO
        for acronym in re.findall(r"\(([A-Z][A-Za-z-]+)\)", r.name):
            if acronym in un and r.source != "un":
                b.link(un[acronym], r, "acronym_in_brackets")
    for r in b.records:
        r.entity = b._find(r.entity)
    return _label(b.records, b.links)


def _negative_kind(a: Record, b: Record, key: dict, domain: dict) -> str | None:
    from accord.partners.matching.names import squash

    sources = {a.source, b.source}
    if a.acronym and b.acronym and squash(a.acronym) == squash(b.acronym):
        return "same_acronym"
    if domain[a.id] and domain[a.id] == domain[b.id]:
        return "shared_domain"
    if fuzz.token_sort_ratio(key[a.id], key[b.id]) < 80:
        return None
    if sources == {"university"}:
        return "similar_universities"
    if sources == {"lac_ndb", "lac_mdb"} or sources == {"lac_ndb", "crs"}:
        return "national_vs_regional_bank"
    if sources <= {"un", "crs"}:
        return "similar_un_or_multilateral"
    return "similar_name"


def _label(records: list[Record], links: dict[tuple[int, int], str]) -> EvalSet:
    """The labelled pairs are the links made while building (a variant and its base, the same
    name in two sources, a hand-checked link); other pairs of one entity (two variants of one
    base) are duplicates too, so flagging them is right, but they are not counted in recall."""
    true_pairs = dict(links)
    # Hard negatives: what a naive matcher would flag, found with the same kind of blocking.
    from accord.partners.matching.blocking import candidate_pairs
    from accord.partners.matching.names import registered_domain
    from accord.partners.matching.scoring import profile

    profiles = [profile(to_org_record(r)) for r in records]
    key = {r.id: _key(r.name) for r in records}
    domain = {r.id: registered_domain(r.website or r.email) for r in records}
    hard = {}
    for i, j in candidate_pairs(profiles, limit=200):
        a, b = records[i], records[j]
        if a.entity != b.entity and (kind := _negative_kind(a, b, key, domain)):
            hard[(min(a.id, b.id), max(a.id, b.id))] = kind
    return EvalSet(records, true_pairs, hard)


def to_org_record(r: Record):
    from accord.partners.matching.scoring import OrgRecord

    return OrgRecord(
        id=r.id,
        name=r.name,
        acronym=r.acronym,
        website=r.website,
        email=r.email,
        country=r.country,
        iati_identifier=r.iati_identifier,
    )


def main() -> None:
    import django

    django.setup()
    s = build()
    if "--write" in sys.argv:
        out = {
            "records": [asdict(r) for r in s.records],
            "true_pairs": [[a, b, k] for (a, b), k in sorted(s.true_pairs.items())],
            "hard_negatives": [[a, b, k] for (a, b), k in sorted(s.hard_negatives.items())],
        }
        Path(sys.argv[sys.argv.index("--write") + 1]).write_text(json.dumps(out, indent=1))
    from collections import Counter

    print(
        f"{len(s.records)} records, {len(s.true_pairs)} true pairs, "
        f"{len(s.hard_negatives)} hard non-duplicates"
    )
    print("true pairs by kind:", dict(Counter(s.true_pairs.values()).most_common()))
    print("hard non-duplicates by kind:", dict(Counter(s.hard_negatives.values()).most_common()))


if __name__ == "__main__":
    main()
