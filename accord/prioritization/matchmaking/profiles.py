"""What matchmaking knows about a partner: its side (funds or implements), outcomes, countries,
resources and ties, loaded for many partners at once in a fixed number of queries.

The strategy asks to "connect corporate sector investors with cities and local authorities"
and "foundations and philanthropists with appropriate partners, especially civil society": so
partners who fund or invest sit on one side, partners who implement on the other. UN entities
are on neither side."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Q, Subquery
from django.utils import timezone

from accord.accounts.models import Country
from accord.engagement.models import EngagementPartner
from accord.funding.models import Opportunity
from accord.partners.models import Organisation, Relationship, Resource
from accord.strategy.models import Outcome, PartnerCategory, PartnershipStrategy

FUNDER = "funder"
IMPLEMENTER = "implementer"
SIDES = {
    "foundation": FUNDER,
    "private_sector": FUNDER,
    "development_bank": FUNDER,
    "government": FUNDER,
    "local_authority": IMPLEMENTER,
    "civil_society": IMPLEMENTER,
    "knowledge": IMPLEMENTER,
}
# What an implementer brings when it lists no resource of its own, in the strategy's words.
IMPLEMENTER_OFFER = {
    "local_authority": "local implementation",
    "civil_society": "community reach",
    "knowledge": "knowledge and innovation",
}
FUNDING_RESOURCES = frozenset({Resource.FINANCING, Resource.IN_KIND})
RESOURCE_LABELS = dict(Resource.choices)
# The countries a partner works in: its own, and those of its engagements of the last years.
ENGAGEMENT_YEARS = 3


def opposite(side: str) -> str:
    return IMPLEMENTER if side == FUNDER else FUNDER


def category_ids(side: str) -> dict[int, str]:
    """{category id: code} of the categories on `side`, in the current strategy."""
    return load_catalogue().side_categories(side)


@dataclass
class Profile:
    id: int
    name: str
    category_code: str
    category_name: str
    country_code: str | None
    region_id: int | None
    resources: list[str]
    outcomes: set[int] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)  # its own and where it works
    # Direct relationships: (other partner id, words such as "is a member of", outgoing?).
    relations: list[tuple[int, str, bool]] = field(default_factory=list)

    @property
    def side(self) -> str | None:
        return SIDES.get(self.category_code)

    @property
    def neighbours(self) -> set[int]:
        return {other for other, _, _ in self.relations}


@dataclass
class Catalogue:
    """Labels shared by every profile: outcomes by id, partner categories by id, and the names
    of the countries a reason may mention."""

    outcomes: dict[int, tuple[str, str]]  # id -> (code, name)
    categories: dict[int, tuple[str, str]]  # id -> (code, short name)
    countries: dict[str, str]

    def side_categories(self, side: str) -> dict[int, str]:
        return {pk: code for pk, (code, _) in self.categories.items() if SIDES.get(code) == side}


def load_catalogue() -> Catalogue:
    """Two small queries (outcomes of the current plan, categories of the current strategy);
    country names are added by `with_country_names` for the partners concerned."""
    strategy = PartnershipStrategy.objects.order_by("-period_start")
    outcomes = Outcome.objects.filter(domain__plan_id=Subquery(strategy.values("plan_id")[:1]))
    categories = PartnerCategory.objects.filter(strategy_id=Subquery(strategy.values("id")[:1]))
    outcome_rows = outcomes.values_list("id", "code", "name")
    category_rows = categories.values_list("id", "code", "short_name")
    return Catalogue(
        outcomes={pk: (code, name) for pk, code, name in outcome_rows},
        categories={pk: (code, name) for pk, code, name in category_rows},
        countries={},
    )


def with_country_names(catalogue: Catalogue, profiles) -> Catalogue:
    """The names of the countries of `profiles` (a country two partners share is always one of
    the countries of the partner whose suggestions are asked for: no need for the others)."""
    codes = {code for p in profiles for code in p.countries}
    catalogue.countries = dict(Country.objects.filter(code__in=codes).values_list("code", "name"))
    return catalogue


def load_profiles(ids, catalogue: Catalogue) -> dict[int, Profile]:
    """Profiles of the (non-archived) partners `ids`: five queries whatever their number."""
    ids = list(set(ids))
    if not ids:
        return {}
    rows = Organisation.objects.filter(pk__in=ids, archived_at=None).values_list(
        "id", "name", "acronym", "category_id", "country_id", "region_id", "resources_offered"
    )
    profiles = {}
    for pk, name, acronym, category_id, country, region, resources in rows:
        code, category_name = catalogue.categories.get(category_id, ("", ""))
        profiles[pk] = Profile(
            id=pk,
            name=f"{name} ({acronym})" if acronym else name,
            category_code=code,
            category_name=category_name,
            country_code=country,
            region_id=region,
            resources=[r for r in resources or [] if r in RESOURCE_LABELS],
            countries={country} if country else set(),
        )
    ids = list(profiles)
    links = Organisation.outcomes.through.objects.filter(organisation_id__in=ids)
    for org_id, outcome_id in links.values_list("organisation_id", "outcome_id"):
        profiles[org_id].outcomes.add(outcome_id)
    for org_id, code in _work_countries(ids):
        profiles[org_id].countries.add(code)
    rels = Relationship.objects.filter(Q(source_id__in=ids) | Q(target_id__in=ids))
    words = dict(Relationship._meta.get_field("kind").choices)
    for source, target, kind in rels.values_list("source_id", "target_id", "kind"):
        if source in profiles:
            profiles[source].relations.append((target, words.get(kind, kind), True))
        if target in profiles:
            profiles[target].relations.append((source, words.get(kind, kind), False))
    return profiles


def _work_countries(ids: list[int]) -> set[tuple[int, str]]:
    """(partner, country) of the partners' recent engagements and their opportunities."""
    since = timezone.localdate() - timedelta(days=365 * ENGAGEMENT_YEARS)
    engaged = (
        EngagementPartner.objects.filter(organisation_id__in=ids, start_date__gte=since)
        .exclude(engagement__country_id=None)
        .values_list("organisation_id", "engagement__country_id")
        .distinct()
    )
    funded = (
        Opportunity.countries.through.objects.filter(opportunity__organisation_id__in=ids)
        .values_list("opportunity__organisation_id", "country_id")
        .distinct()
    )
    return set(engaged) | set(funded)


def shared_partner_names(ids, *, visible) -> dict[int, str]:
    """Names of the third partners `ids` that the user sees (`visible`: a queryset of the
    partners in their scope), archived ones left out."""
    if not ids:
        return {}
    rows = visible.filter(pk__in=list(ids), archived_at=None).only("id", "name", "acronym")
    return {o.pk: str(o) for o in rows}
