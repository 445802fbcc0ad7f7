"""The deterministic UN-scale data set for the benchmarks.

At scale factor 1: 100,000 organisations in all 8 partner categories of the loaded strategy
(names in Latin with diacritics, Arabic, Cyrillic and Chinese), with countries and regions,
aliases, outcomes of interest, 500,000 contacts, 50,000 relationships, one history entry per
created record, and `sort_name` and `SearchToken` rows computed by `accord.partners.search`
exactly as the services compute them. The same scale and seed give the same rows.

Engagements, opportunities, pledges, contributions and agreements are part of the design scale
but their tables do not exist yet; they are not generated.

Large tables are written with COPY (PostgreSQL) or executemany (SQLite) in chunks, in one
transaction per chunk.

    python -m bench.generate --scale 0.05      (uses DATABASE_URL, like Accord)
"""

import json
import random
import time
from datetime import UTC, datetime, timedelta

from anyascii import anyascii
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction

from accord.accounts.models import Country, Role, User
from accord.core.models import HistoryEntry
from accord.partners import search
from accord.partners.models import (
    Contact,
    LawfulBasis,
    Organisation,
    OrganisationName,
    OrganisationStatus,
    Relationship,
    RelationshipKind,
    Resource,
    SearchToken,
)
from accord.strategy.models import Outcome, PartnerCategory
from bench import vocab
from bench.loading import Table, analyze, db_datetime, next_id, reset_sequences

GENERATOR_VERSION = 1
SEED = 20200101
ORGANISATIONS_AT_1 = 100_000
CONTACTS_AT_1 = 500_000
RELATIONSHIPS_AT_1 = 50_000
CHUNK = 5_000
OFFICER_USERNAME = "bench-officer"
EPOCH = datetime(2019, 1, 1, tzinfo=UTC)
SPAN_SECONDS = 6 * 365 * 86_400

# How often each kind of partner appears: cities and civil society dominate real directories.
CATEGORY_WEIGHTS = {
    "government": 8,
    "local_authority": 25,
    "un_entity": 2,
    "development_bank": 2,
    "private_sector": 20,
    "civil_society": 28,
    "knowledge": 10,
    "foundation": 5,
}
SCRIPTS = ("latin", "arabic", "cyrillic", "chinese")
SCRIPT_WEIGHTS = (55, 15, 15, 15)
KINDS = {
    "latin": (vocab.LATIN_KINDS, vocab.LATIN_TOPICS, vocab.LATIN_SYLLABLES, "fr"),
    "arabic": (vocab.ARABIC_KINDS, vocab.ARABIC_TOPICS, vocab.ARABIC_SYLLABLES, "ar"),
    "cyrillic": (vocab.CYRILLIC_KINDS, vocab.CYRILLIC_TOPICS, vocab.CYRILLIC_SYLLABLES, "ru"),
    "chinese": (vocab.CHINESE_KINDS, vocab.CHINESE_TOPICS, vocab.CHINESE_SYLLABLES, "zh"),
}
ENGLISH_GENERIC = {
    "government": "Ministry",
    "local_authority": "City Council",
    "un_entity": "UN Office",
    "development_bank": "Development Bank",
    "private_sector": "Group",
    "civil_society": "Association",
    "knowledge": "University",
    "foundation": "Foundation",
}
STATUS_WEIGHTS = {
    OrganisationStatus.PROSPECT: 30,
    OrganisationStatus.ACTIVE: 45,
    OrganisationStatus.DORMANT: 15,
    OrganisationStatus.FORMER: 10,
}
CONTACT_COUNTS = (1, 2, 3, 4, 5, 6, 8, 10, 20, 40)
CONTACT_WEIGHTS = (12, 15, 16, 15, 12, 10, 9, 7, 3, 1)
LANGUAGES = ("en", "fr", "es", "ar", "ru", "zh", "pt", "de")


def counts(scale: float) -> dict[str, int]:
    return {
        "organisations": max(200, round(ORGANISATIONS_AT_1 * scale)),
        "contacts": max(1_000, round(CONTACTS_AT_1 * scale)),
        "relationships": max(100, round(RELATIONSHIPS_AT_1 * scale)),
    }


def organisation_tokens(name: str, acronym: str, aliases: list[str]) -> list[str]:
    """The SearchToken rows of one organisation, as the services write them (sorted, so the
    row order does not depend on the hash seed)."""
    return sorted(search.tokens_for(name, acronym, *aliases))


def _coin(rng: random.Random, syllables: list[str], script: str) -> str:
    word = "".join(rng.choice(syllables) for _ in range(rng.choice((2, 2, 3))))
    return word[:1].upper() + word[1:] if script == "latin" else word


def _slug(text: str) -> str:
    return "".join(ch for ch in anyascii(text).lower() if ch.isalnum())[:30] or "org"


class Generator:
    def __init__(self, scale: float, *, out=print):
        self.scale = scale
        self.out = out
        self.rng = random.Random(SEED)
        self.n = counts(scale)
        strategy_id = (
            PartnerCategory.objects.order_by("-strategy_id")
            .values_list("strategy_id", flat=True)
            .first()
        )
        self.categories = list(
            PartnerCategory.objects.filter(strategy_id=strategy_id)
            .order_by("number")
            .values_list("id", "code")
        )
        if len(self.categories) != 8:
            raise RuntimeError(f"bench: expected 8 partner categories, found {self.categories}")
        self.category_weights = [CATEGORY_WEIGHTS.get(code, 5) for _, code in self.categories]
        self.countries = list(
            Country.objects.order_by("code").values_list("code", "region_id", "name", "names")
        )
        self.outcome_ids = list(Outcome.objects.order_by("id").values_list("id", flat=True))

    # -- people -------------------------------------------------------------------------

    def users(self) -> tuple[int, list[int]]:
        """The officer the benchmarks log in as, and the relationship owners."""
        officer, _ = User.objects.get_or_create(
            username=OFFICER_USERNAME,
            defaults={
                "role": Role.OFFICER,
                "email": "bench@example.org",
                "first_name": "Bench",
                "last_name": "Officer",
            },
        )
        unusable = make_password(None)
        owners = [
            User(
                username=f"bench-owner-{i}",
                role=Role.OFFICER if i % 3 else Role.REGIONAL,
                email=f"owner{i}@example.org",
                password=unusable,
                first_name=vocab.FIRST_NAMES[i % len(vocab.FIRST_NAMES)],
                last_name=vocab.LAST_NAMES[i % len(vocab.LAST_NAMES)],
            )
            for i in range(40)
        ]
        User.objects.bulk_create(owners, ignore_conflicts=True)
        owner_ids = list(
            User.objects.filter(username__startswith="bench-owner-")
            .order_by("id")
            .values_list("id", flat=True)
        )
        return officer.pk, owner_ids

    # -- organisations --------------------------------------------------------------------

    def organisation(self, org_id: int, owner_ids: list[int]) -> dict:
        rng = self.rng
        script = rng.choices(SCRIPTS, SCRIPT_WEIGHTS)[0]
        category_id, category_code = rng.choices(self.categories, self.category_weights)[0]
        kinds, topics, syllables, lang = KINDS[script]
        has_country = category_code != "un_entity" or rng.random() < 0.5
        country = rng.choice(self.countries) if has_country and rng.random() < 0.96 else None
        place = ""
        if country:
            place = (country[3] or {}).get(lang) or country[2] if script != "latin" else country[2]
        coin = _coin(rng, syllables, script)
        pattern = rng.choice(kinds[category_code])
        name = pattern.format(
            coin=coin, topic=rng.choice(topics), place=place or _coin(rng, syllables, script)
        )
        acronym = ""
        if rng.random() < (0.35 if script == "latin" else 0.1):
            words = [w for w in anyascii(name).split() if w[:1].isupper() and len(w) > 2]
            acronym = "".join(w[0] for w in words)[:6].upper()
            if len(acronym) < 2:
                acronym = ""
        aliases = []
        if rng.random() < 0.3:
            english = f"{anyascii(coin).title()} {ENGLISH_GENERIC[category_code]}"
            if english.casefold() != name.casefold():  # the services drop such an alias
                aliases.append(english)
            if rng.random() < 0.3:
                aliases.append(f"{name} ({rng.randint(1950, 2015)})"[:300])
        created = EPOCH + timedelta(seconds=rng.randrange(SPAN_SECONDS))
        updated = created + timedelta(seconds=rng.randrange(86_400 * 400))
        slug = _slug(coin)
        return {
            "id": org_id,
            "script": script,
            "name": name[:300],
            "acronym": acronym,
            "aliases": aliases,
            "category_id": category_id,
            "category_code": category_code,
            "country": country,
            "coin": coin,
            "slug": slug,
            "lang": lang,
            "created": created,
            "updated": updated,
            "owner_id": rng.choice(owner_ids) if rng.random() < 0.3 else None,
        }

    def organisation_row(self, org: dict) -> tuple:
        rng = self.rng
        country = org["country"]
        status = rng.choices(list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values()))[0]
        resources = sorted(rng.sample(list(Resource.values), rng.randint(0, 3)))
        archived = db_datetime(org["updated"]) if rng.random() < 0.02 else None
        subtype = rng.choice(vocab.SUBTYPES.get(org["category_code"], [""]))
        website = f"https://www.{org['slug']}.org" if rng.random() < 0.6 else ""
        return (
            org["id"],
            db_datetime(org["created"]),
            db_datetime(org["updated"]),
            1,
            org["name"],
            org["acronym"],
            org["category_id"],
            subtype,
            country[0] if country else None,
            country[1] if country else None,
            org["coin"] if org["category_code"] == "local_authority" else "",
            website,
            f"info@{org['slug']}.org" if rng.random() < 0.5 else "",
            f"+{rng.randint(1, 998)} {rng.randint(10_000_000, 99_999_999)}"
            if rng.random() < 0.5
            else "",
            f"{org['name']} works on sustainable urbanisation." if rng.random() < 0.4 else "",
            f"XI-BENCH-{org['id']}" if rng.random() < 0.1 else "",
            f"REG-{rng.randint(100_000, 999_999)}" if rng.random() < 0.3 else "",
            status,
            org["owner_id"],
            json.dumps(resources),
            f"bench-{org['id']}",
            search.sort_key(org["name"]),
            archived,
            False,
        )

    ORGANISATION_COLUMNS = (
        "id",
        "created_at",
        "updated_at",
        "version",
        "name",
        "acronym",
        "category_id",
        "subtype",
        "country_id",
        "region_id",
        "city",
        "website",
        "email",
        "phone",
        "description",
        "iati_identifier",
        "registration_number",
        "status",
        "owner_id",
        "resources_offered",
        "ref",
        "sort_name",
        "archived_at",
        "is_demo",
    )
    CONTACT_COLUMNS = (
        "id",
        "created_at",
        "updated_at",
        "version",
        "organisation_id",
        "first_name",
        "last_name",
        "job_title",
        "email",
        "phone",
        "languages",
        "is_primary",
        "lawful_basis",
        "consent_given_at",
        "source",
        "archived_at",
        "is_demo",
    )
    HISTORY_COLUMNS = (
        "model",
        "object_id",
        "object_repr",
        "action",
        "changes",
        "actor_id",
        "at",
        "batch",
        "note",
    )

    def contact_rows(self, org: dict, first_id: int, how_many: int) -> list[tuple]:
        rng = self.rng
        rows = []
        for i in range(how_many):
            first = rng.choice(vocab.FIRST_NAMES)
            last = rng.choice(vocab.LAST_NAMES)
            created = org["created"] + timedelta(seconds=rng.randrange(86_400 * 300))
            consent = rng.random() < 0.2
            rows.append(
                (
                    first_id + i,
                    db_datetime(created),
                    db_datetime(created),
                    1,
                    org["id"],
                    first,
                    last,
                    rng.choice(vocab.JOB_TITLES),
                    f"{_slug(first)}.{_slug(last)}{i}@{org['slug']}.org",
                    f"+{rng.randint(1, 998)} {rng.randint(10_000_000, 99_999_999)}",
                    json.dumps(sorted({org["lang"], rng.choice(LANGUAGES)})),
                    i == 0,
                    LawfulBasis.CONSENT if consent else LawfulBasis.LEGITIMATE_INTEREST,
                    db_datetime(created) if consent else None,
                    "bench generator",
                    None,
                    False,
                )
            )
        return rows

    def contact_counts(self) -> list[int]:
        """Contacts per organisation: a long tail (most have a few, some dozens), summing
        exactly to the target."""
        n_orgs, target = self.n["organisations"], self.n["contacts"]
        per = self.rng.choices(CONTACT_COUNTS, CONTACT_WEIGHTS, k=n_orgs)
        diff = target - sum(per)
        i = 0
        while diff:
            step = 1 if diff > 0 else -1
            if per[i % n_orgs] + step >= 1:
                per[i % n_orgs] += step
                diff -= step
            i += 7  # spread the correction
        return per

    def run(self) -> dict[str, int]:
        started = time.perf_counter()
        _, owner_ids = self.users()
        n_orgs = self.n["organisations"]
        per_org_contacts = self.contact_counts()
        org_table = Table(Organisation, self.ORGANISATION_COLUMNS)
        name_table = Table(OrganisationName, ("organisation_id", "name", "kind", "language"))
        token_table = Table(SearchToken, ("organisation_id", "token"))
        outcome_through = Organisation.outcomes.through
        outcome_table = Table(outcome_through, ("organisation_id", "outcome_id"))
        contact_table = Table(Contact, self.CONTACT_COLUMNS)
        history_table = Table(HistoryEntry, self.HISTORY_COLUMNS)
        org_id = next_id(Organisation)
        contact_id = next_id(Contact)
        first_org_id = org_id
        totals = dict.fromkeys(
            ("organisations", "names", "tokens", "outcome_links", "contacts", "history"), 0
        )
        for chunk_start in range(0, n_orgs, CHUNK):
            orgs, names, tokens, outcomes, contacts, history = [], [], [], [], [], []
            for index in range(chunk_start, min(n_orgs, chunk_start + CHUNK)):
                org = self.organisation(org_id, owner_ids)
                orgs.append(self.organisation_row(org))
                # As organisation_create stores them: kind "alias", no language.
                names.extend((org_id, alias, "alias", "") for alias in org["aliases"])
                tokens.extend(
                    (org_id, token)
                    for token in organisation_tokens(org["name"], org["acronym"], org["aliases"])
                )
                outcomes.extend(
                    (org_id, outcome)
                    for outcome in sorted(self.rng.sample(self.outcome_ids, self.rng.randint(0, 3)))
                )
                rows = self.contact_rows(org, contact_id, per_org_contacts[index])
                contacts.extend(rows)
                history.append(
                    (
                        "partners.organisation",
                        org_id,
                        org["name"],
                        "create",
                        "{}",
                        None,
                        db_datetime(org["created"]),
                        "bench",
                        "",
                    )
                )
                history.extend(
                    (
                        "partners.contact",
                        row[0],
                        f"{row[5]} {row[6]}",
                        "create",
                        "{}",
                        None,
                        row[1],
                        "bench",
                        "",
                    )
                    for row in rows
                )
                org_id += 1
                contact_id += len(rows)
            with transaction.atomic():
                totals["organisations"] += org_table.load(orgs)
                totals["names"] += name_table.load(names)
                totals["tokens"] += token_table.load(tokens)
                totals["outcome_links"] += outcome_table.load(outcomes)
                totals["contacts"] += contact_table.load(contacts)
                totals["history"] += history_table.load(history)
            self.out(
                f"  {totals['organisations']:>7} organisations, {totals['contacts']:>7} contacts"
                f" ({time.perf_counter() - started:.0f} s)"
            )
        totals["relationships"] = self.relationships(first_org_id, org_id - 1)
        reset_sequences(
            [
                Organisation,
                OrganisationName,
                SearchToken,
                outcome_through,
                Contact,
                Relationship,
                HistoryEntry,
                User,
            ]
        )
        analyze()
        totals["seconds"] = round(time.perf_counter() - started, 1)
        return totals

    def relationships(self, first_id: int, last_id: int) -> int:
        rng = self.rng
        kinds = list(RelationshipKind.values)
        seen = set()
        rows = []
        # A few hubs (networks, funders) attract many links, like UCLG or the big funds.
        hubs = [rng.randint(first_id, last_id) for _ in range(max(5, (last_id - first_id) // 2000))]
        while len(rows) < self.n["relationships"]:
            source = rng.randint(first_id, last_id)
            target = rng.choice(hubs) if rng.random() < 0.3 else rng.randint(first_id, last_id)
            kind = rng.choice(kinds)
            if source == target or (source, target, kind) in seen:
                continue
            seen.add((source, target, kind))
            since = (EPOCH + timedelta(days=rng.randrange(2000))).date().isoformat()
            created = db_datetime(EPOCH + timedelta(seconds=rng.randrange(SPAN_SECONDS)))
            rows.append(
                (
                    source,
                    target,
                    kind,
                    since if rng.random() < 0.6 else None,
                    None,
                    "",
                    created,
                    False,
                )
            )
        table = Table(
            Relationship,
            ("source_id", "target_id", "kind", "since", "until", "note", "created_at", "is_demo"),
        )
        with transaction.atomic():
            return table.load(rows)


def generate(scale: float, *, out=print) -> dict[str, int]:
    out(f"Generating the bench data set at scale {scale} on {connection.vendor}…")
    totals = Generator(scale, out=out).run()
    out("  " + ", ".join(f"{key} {value}" for key, value in totals.items()))
    return totals


def main() -> None:
    import argparse
    import os

    import django

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=float(os.environ.get("BENCH_SCALE", "1")))
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    generate(args.scale)


if __name__ == "__main__":
    main()
