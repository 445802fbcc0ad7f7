"""Reading the registry for the matcher: candidates of one check, and every organisation for a
full scan. Only organisations in use count: not archived, not merged into another.

A check looks candidates up in indexes, never by reading the registry: the words of the
names, acronyms and initials and the domain's name on the SearchToken index (words shared
by more than `max_postings` organisations are too common to tell anyone apart and are
skipped, unless every word is that common), and the identifiers on their own columns."""

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Count

from accord.partners.matching.names import registered_domain
from accord.partners.matching.scoring import OrgRecord, Profile, profile
from accord.partners.models import Organisation, OrganisationName, SearchToken
from accord.partners.search import MAX_TOKEN, tokens_for

MAX_POSTINGS = 2000
MAX_CANDIDATES = 100


def in_use(qs=None):
    qs = Organisation.objects.all() if qs is None else qs
    return qs.filter(archived_at__isnull=True, merged_into__isnull=True)


def _lookup_tokens(record: OrgRecord, query: Profile) -> set[str]:
    tokens = tokens_for(record.name, record.acronym, *record.aliases)
    tokens |= query.acronyms | query.name_keys | query.initials
    for address in (record.website, record.email):
        domain = registered_domain(address)
        if domain:
            tokens.add(domain.split(".")[0])
    return {t[:MAX_TOKEN] for t in tokens if len(t) > 1}


def candidate_ids(record: OrgRecord, query: Profile) -> set[int]:
    """Organisations worth scoring against `record`: at most MAX_CANDIDATES, those sharing the
    most (and rarest) words first, plus any with the same identifier."""
    ids: set[int] = set()
    if query.iati:
        found = Organisation.objects.filter(
            iati_identifier__in={record.iati_identifier.strip(), query.iati}
        )
        ids |= set(in_use(found).values_list("pk", flat=True))
    if query.registration:
        found = Organisation.objects.filter(registration_number=record.registration_number.strip())
        ids |= set(in_use(found).values_list("pk", flat=True))
    tokens = _lookup_tokens(record, query)
    if not tokens:
        return ids
    frequency = dict(
        SearchToken.objects.filter(token__in=tokens)
        .values_list("token")
        .annotate(n=Count("id"))
        .values_list("token", "n")
    )
    rare = [t for t, n in frequency.items() if n <= MAX_POSTINGS]
    if not rare and frequency:
        # Only common words ("National Development Bank"): organisations with the two rarest.
        first, *rest = sorted(frequency, key=frequency.get)[:2]
        qs = SearchToken.objects.filter(token=first)
        if rest:
            qs = qs.filter(
                organisation_id__in=SearchToken.objects.filter(token=rest[0]).values(
                    "organisation_id"
                )
            )
        postings = list(qs.values_list("organisation_id", "token")[: MAX_CANDIDATES * 5])
    else:
        postings = list(
            SearchToken.objects.filter(token__in=rare).values_list("organisation_id", "token")
        )
    weight: dict[int, float] = defaultdict(float)
    for org_id, token in postings:
        weight[org_id] += 1 / frequency.get(token, 1)
    best = sorted(weight, key=lambda i: (-weight[i], i))[:MAX_CANDIDATES]
    return ids | set(best)


_FIELDS = (
    "pk",
    "name",
    "acronym",
    "website",
    "email",
    "country_id",
    "iati_identifier",
    "registration_number",
    "category__code",
)


def _records(rows: Iterable[tuple], aliases: dict[int, list[str]]) -> list[OrgRecord]:
    return [
        OrgRecord(
            id=pk,
            name=name,
            acronym=acronym,
            aliases=tuple(aliases.get(pk, ())),
            website=website,
            email=email,
            country=country or "",
            iati_identifier=iati,
            registration_number=registration,
            category=category or "",
        )
        for pk, name, acronym, website, email, country, iati, registration, category in rows
    ]


def load_profiles(ids: Iterable[int]) -> list[Profile]:
    """The profiles of these organisations that are in use (two queries)."""
    rows = list(in_use().filter(pk__in=list(ids)).values_list(*_FIELDS))
    aliases: dict[int, list[str]] = defaultdict(list)
    names = OrganisationName.objects.filter(organisation_id__in=[r[0] for r in rows])
    for org_id, alias in names.order_by("id").values_list("organisation_id", "name"):
        aliases[org_id].append(alias)
    return [profile(r) for r in _records(rows, aliases)]


def all_profiles(chunk: int = 20_000) -> list[Profile]:
    """Every organisation in use, for a full scan (read in chunks of ids)."""
    aliases: dict[int, list[str]] = defaultdict(list)
    names = OrganisationName.objects.filter(
        organisation__archived_at__isnull=True, organisation__merged_into__isnull=True
    )
    for org_id, alias in (
        names.order_by("id").values_list("organisation_id", "name").iterator(chunk_size=chunk)
    ):
        aliases[org_id].append(alias)
    rows = in_use().order_by("pk").values_list(*_FIELDS).iterator(chunk_size=chunk)
    return [profile(r) for r in _records(rows, aliases)]
