"""Loading the demonstration data set: a registry a person can explore, with the organisations
of `accord.partners.demo_specs`, fictitious staff who own the relationships, contacts and
relationships between organisations.

Everything is marked `is_demo`, written through the partner services (so it has history, batch
"demo") and keyed on `ref` ("demo:<source>:<id>"), so loading twice creates nothing new. Demo
e-mail addresses are all under the reserved `.example` top-level domain: demonstration data never
addresses a real mailbox."""

import random
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from django.db import transaction

from accord.accounts.models import Country, Region, Role, User
from accord.partners import services
from accord.partners.demo_specs import (
    DEFAULT_SEED,
    NAME_LANGUAGES,
    Spec,
    all_specs,
    name_group,
    name_lists,
    read_rows,
    seeded_random,
    slug,
)
from accord.partners.models import Contact, Organisation, Relationship
from accord.strategy.models import Outcome, PartnerCategory
from accord.strategy.selectors import current_strategy

BATCH = "demo"
SOURCE = "Demonstration data"
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


# --- people --------------------------------------------------------------------------------------


def _email_domain(website: str) -> str:
    """The organisation's web host under the reserved `.example` top-level domain
    (worldbank.org -> worldbank.org.example): demonstration data never addresses a real mailbox."""
    host = re.sub(r"^https?://", "", website or "").split("/")[0].split(":")[0].lower()
    host = host.removeprefix("www.").rstrip(".")
    return host if not host or host.endswith(".example") else f"{host}.example"


def demo_staff() -> tuple[list[tuple[User, str]], int]:
    """The relationship owners (with their region code): fictitious staff who cannot log in until
    an administrator sets a password. Accounts has no user service, so they are created here."""
    regions = {r.code: r for r in Region.objects.all()}
    users, created = [], 0
    for row in read_rows("staff.csv"):
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


# --- the load ------------------------------------------------------------------------------------


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
    """Two to four fictitious people, the first the primary contact; their e-mail addresses are
    at the organisation's domain under `.example` (see `_email_domain`)."""
    rng = seeded_random(seed, spec.ref, "contacts")
    group = name_group(spec.country, spec.lang, regions)
    firsts, lasts, _ = name_lists()[group]
    domain = _email_domain(spec.website)
    languages = list(
        dict.fromkeys(
            [spec.lang if spec.lang in NAME_LANGUAGES | {"fr", "nl", "pl"} else "en", "en"]
        )
    )
    titles = [r["title"] for r in read_rows("job_titles.csv") if r["category"] == spec.category]
    titles = rng.sample(titles, k=min(4, len(titles)))
    for i in range(rng.randint(2, 4)):
        first, last = rng.choice(firsts).split("|"), rng.choice(lasts).split("|")
        native = len(first) > 1 and rng.random() < 0.4  # ar and ru lists have both scripts
        local = ".".join(slug(p) for p in (first[0], last[0]))
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
            batch=BATCH,
        )
        summary.created["contacts"] += 1


def _relationships(specs: list[Spec], seed: int, regions: dict) -> list[tuple]:
    """(source ref, target ref, kind, note) for the data set, in a fixed order."""
    named = {row["key"]: row for row in read_rows("named_organisations.csv")}
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
        rng, region = seeded_random(seed, s.ref, "links"), regions.get(s.country)
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
        rng = seeded_random(seed, bank, "funds")
        pool = [s for s in cities if not region or regions.get(s.country) == region]
        for s in rng.sample(pool, k=min(len(pool), rng.randint(4, 8))):
            links.append((f"demo:named:{bank}", s.ref, "funds", "Municipal infrastructure loan"))
    by_country: dict[str, list[Spec]] = {}
    for s in cities:
        by_country.setdefault(s.country, []).append(s)
    grantees = [g for g in specs if g.category == "civil_society"]
    for s in specs:
        rng = seeded_random(seed, s.ref, "partner")
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
        rng = seeded_random(seed, company, "partner")
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
            rng = seeded_random(seed, spec.ref)
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
        if named or seeded_random(seed, spec.ref, "has-contacts").random() < 0.4:
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
    for source_ref, target_ref, kind, note in _relationships(specs, seed, regions):
        source, target = orgs.get(source_ref), orgs.get(target_ref)
        if source is None or target is None or source.pk == target.pk:
            continue
        if (source.pk, target.pk, kind) in existing:
            summary.existing["relationships"] += 1
            continue
        since = date(seeded_random(seed, source_ref, target_ref).randint(2008, 2023), 1, 1)
        services.relationship_create(
            actor=None,
            source=source,
            target=target,
            kind=kind,
            since=since,
            note=note,
            is_demo=True,
            batch=BATCH,
        )
        existing.add((source.pk, target.pk, kind))
        summary.created["relationships"] += 1


@transaction.atomic
def archive_demo() -> int:
    """Archive every demonstration organisation (their contacts go with them); a later load
    restores them. Nothing is deleted, so history stays whole."""
    count = 0
    for org in Organisation.objects.filter(is_demo=True, archived_at__isnull=True):
        services.organisation_archive(actor=None, organisation=org)
        count += 1
    return count
