"""What is screened: partner organisations (name, acronym, other and former names, with the
country of their seat) and contacts (full name, with their organisation's country), read in
chunks with a fixed number of queries per chunk."""

import hashlib
from collections import defaultdict
from dataclasses import dataclass

from accord.partners.models import Contact, Organisation, OrganisationName

CHUNK = 2000


@dataclass(frozen=True)
class Subject:
    kind: str  # "organisation" or "contact"
    id: int
    names: tuple[str, ...]
    countries: frozenset[str]

    @property
    def screened_as(self) -> str:
        """Which listed entries it is compared with."""
        return "entity" if self.kind == "organisation" else "individual"

    @property
    def fingerprint(self) -> str:
        """Changes when the names change (a dismissed hit is raised again then)."""
        text = "\n".join(sorted(n.casefold() for n in self.names))
        return hashlib.sha256(text.encode()).hexdigest()


def organisations(ids: list[int]) -> list[Subject]:
    rows = Organisation.objects.filter(pk__in=ids, merged_into__isnull=True).values_list(
        "id", "name", "acronym", "country_id"
    )
    others = defaultdict(list)
    for org_id, name in OrganisationName.objects.filter(organisation_id__in=ids).values_list(
        "organisation_id", "name"
    ):
        others[org_id].append(name)
    return [
        Subject(
            "organisation", pk, tuple(n for n in (name, acronym, *others[pk]) if n),
            frozenset([country] if country else []),
        )
        for pk, name, acronym, country in rows.order_by("id")
    ]


def contacts(ids: list[int]) -> list[Subject]:
    rows = Contact.objects.filter(pk__in=ids).values_list(
        "id", "first_name", "last_name", "organisation__country_id"
    )
    return [
        Subject(
            "contact", pk, (f"{first} {last}".strip(),), frozenset([country] if country else [])
        )
        for pk, first, last, country in rows.order_by("id")
    ]


def all_ids(kind: str) -> list[int]:
    if kind == "organisation":
        qs = Organisation.objects.filter(merged_into__isnull=True, archived_at__isnull=True)
    else:
        qs = Contact.objects.filter(archived_at__isnull=True)
    return list(qs.order_by("id").values_list("id", flat=True))


def load(kind: str, ids: list[int]) -> list[Subject]:
    return organisations(ids) if kind == "organisation" else contacts(ids)
