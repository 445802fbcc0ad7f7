"""The raw figures every criterion is made of, for every organisation at once: a few aggregate
read queries per criterion over the other apps' tables (never a query per organisation).

Each function returns {organisation id: figure}; organisations without any data are absent.
Only reads: this app writes nothing here."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import connection
from django.db.models import Count, F, Max, Q, Sum

from accord.agreements.models import IN_FORCE, AgreementParty
from accord.diligence.models import BLOCKING_HITS, DiligenceReview, HitStatus, ScreeningHit
from accord.diligence.selectors import DECIDED, categories_needing_review
from accord.engagement.governance_selectors import current_members_q
from accord.engagement.models import (
    BodyMembership,
    EngagementPartner,
    EngagementStatus,
    SessionParticipation,
)
from accord.funding.models import Contribution, Opportunity, Pledge, PledgeStatus, StageKind
from accord.partners.models import Organisation, Relationship, RelationshipKind

# Engagements count towards relationship frequency over this window.
FREQUENCY_DAYS = 730


@dataclass
class Registry:
    """The organisations to score (not archived), with what is stored on them."""

    ids: list[int] = field(default_factory=list)
    category: dict[int, int] = field(default_factory=dict)
    region: dict[int, int | None] = field(default_factory=dict)
    country: dict[int, str | None] = field(default_factory=dict)
    resources: dict[int, set[str]] = field(default_factory=dict)


def registry() -> Registry:
    reg = Registry()
    rows = (
        Organisation.objects.filter(archived_at__isnull=True)
        .order_by("id")
        .values_list("id", "category_id", "region_id", "country_id", "resources_offered")
    )
    for pk, category, region, country, resources in rows:
        reg.ids.append(pk)
        reg.category[pk] = category
        reg.region[pk] = region
        reg.country[pk] = country
        reg.resources[pk] = set(resources or ())
    return reg


def _rows(sql: str, params=()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _table(model) -> str:
    """A table's quoted name, from the model's metadata (the only text put into the SQL here;
    every value is a parameter)."""
    return connection.ops.quote_name(model._meta.db_table)


# --- strategic alignment ---


def outcomes_matched(outcome_ids: set[int]) -> dict[int, int]:
    """How many of the priority outcomes each organisation declares an interest in."""
    if not outcome_ids:
        return {}
    through = Organisation.outcomes.through
    rows = (
        through.objects.filter(outcome_id__in=outcome_ids)
        .values("organisation_id")
        .annotate(n=Count("outcome_id", distinct=True))
        .order_by()
    )
    return {r["organisation_id"]: r["n"] for r in rows}


def _places_rows() -> tuple[str, list]:
    """(organisation, country, flagship programme) for every place an organisation is based in
    or works in: its own country; its engagements' (not cancelled) countries and programmes; its
    opportunities' countries and programmes."""
    org, ep = _table(Organisation), _table(EngagementPartner)
    eng = _table(EngagementPartner._meta.get_field("engagement").related_model)
    opp, opp_countries = _table(Opportunity), _table(Opportunity.countries.through)
    rows = (
        f"SELECT id AS a, country_id AS c, CAST(NULL AS INTEGER) AS f FROM {org}"  # noqa: S608
        " WHERE country_id IS NOT NULL"
        f" UNION ALL SELECT ep.organisation_id, e.country_id, e.flagship_id FROM {ep} ep"
        f" JOIN {eng} e ON e.id = ep.engagement_id WHERE ep.status <> %s"
        " AND (e.country_id IS NOT NULL OR e.flagship_id IS NOT NULL)"
        f" UNION ALL SELECT x.organisation_id, oc.country_id, NULL FROM {opp_countries} oc"
        f" JOIN {opp} x ON x.id = oc.opportunity_id"
        f" UNION ALL SELECT organisation_id, NULL, flagship_id FROM {opp}"
        " WHERE flagship_id IS NOT NULL"
    )
    return rows, [EngagementStatus.CANCELLED]


def places_sql(flagship_ids: set[int], country_codes: set[str]) -> tuple[str, list]:
    """What `places` computes, as one SQL statement (the benchmark's raw baseline): countries
    covered, priority countries and priority flagship programmes per organisation."""
    rows, inner = _places_rows()
    params: list = []
    countries = flagships = "0"
    if country_codes:
        countries = f"COUNT(DISTINCT CASE WHEN c IN ({', '.join(['%s'] * len(country_codes))})"
        countries += " THEN c END)"
        params += sorted(country_codes)
    if flagship_ids:
        flagships = f"COUNT(DISTINCT CASE WHEN f IN ({', '.join(['%s'] * len(flagship_ids))})"
        flagships += " THEN f END)"
        params += sorted(flagship_ids)
    sql = f"SELECT a, COUNT(DISTINCT c), {countries}, {flagships} FROM ({rows}) p GROUP BY a"  # noqa: S608
    # The outer SELECT's parameters come before the inner ones in the statement.
    return sql, [*params, *inner]


def places(flagship_ids: set[int], country_codes: set[str]) -> dict[int, tuple[int, int, int]]:
    """{organisation id: (countries covered, priority countries, priority flagships)}. The
    distinct places are gathered here in sets, one pass over the rows: a COUNT(DISTINCT …) GROUP
    BY in the database sorts the millions of engagement links first (three times slower on
    SQLite)."""
    countries: dict[int, set] = defaultdict(set)
    flagships: dict[int, set] = defaultdict(set)
    with connection.cursor() as cursor:
        cursor.execute(*_places_rows())
        for organisation, country, flagship in cursor:
            if country is not None:
                countries[organisation].add(country)
            if flagship is not None and flagship in flagship_ids:
                flagships[organisation].add(flagship)
    return {
        a: (len(countries[a]), len(countries[a] & country_codes), len(flagships[a]))
        for a in countries.keys() | flagships.keys()
    }


# --- reach and influence ---


def network_degree_sql() -> tuple[str, list]:
    """Distinct counterpart organisations across the partnership network: relationships (either
    direction), co-participation in engagements (not cancelled) and governance sessions, and
    co-funding (an opportunity's partner and co-funders; an agreement's parties)."""
    rel, ep = _table(Relationship), _table(EngagementPartner)
    sp, ap = _table(SessionParticipation), _table(AgreementParty)
    opp, cof = _table(Opportunity), _table(Opportunity.co_funders.through)
    pairs = (
        f"SELECT source_id AS a, target_id AS b FROM {rel}"  # noqa: S608
        f" UNION ALL SELECT target_id, source_id FROM {rel}"
        f" UNION ALL SELECT x.organisation_id, y.organisation_id FROM {ep} x"
        f" JOIN {ep} y ON y.engagement_id = x.engagement_id"
        f" AND y.organisation_id <> x.organisation_id WHERE x.status <> %s"
        f" UNION ALL SELECT x.organisation_id, y.organisation_id FROM {sp} x"
        f" JOIN {sp} y ON y.session_id = x.session_id AND y.organisation_id <> x.organisation_id"
        f" UNION ALL SELECT o.organisation_id, c.organisation_id FROM {opp} o"
        f" JOIN {cof} c ON c.opportunity_id = o.id WHERE c.organisation_id <> o.organisation_id"
        f" UNION ALL SELECT c.organisation_id, o.organisation_id FROM {opp} o"
        f" JOIN {cof} c ON c.opportunity_id = o.id WHERE c.organisation_id <> o.organisation_id"
        f" UNION ALL SELECT x.organisation_id, y.organisation_id FROM {cof} x"
        f" JOIN {cof} y ON y.opportunity_id = x.opportunity_id"
        f" AND y.organisation_id <> x.organisation_id"
        f" UNION ALL SELECT x.organisation_id, y.organisation_id FROM {ap} x"
        f" JOIN {ap} y ON y.agreement_id = x.agreement_id"
        f" AND y.organisation_id <> x.organisation_id"
    )
    sql = f"SELECT a, COUNT(DISTINCT b) FROM ({pairs}) p GROUP BY a"  # noqa: S608
    return sql, [EngagementStatus.CANCELLED]


def network_degree() -> dict[int, int]:
    return dict(_rows(*network_degree_sql()))


def memberships(as_of: date) -> dict[int, int]:
    """Current seats on governance bodies plus memberships of networks (member_of links)."""
    counts: dict[int, int] = defaultdict(int)
    bodies = (
        BodyMembership.objects.filter(current_members_q(today=as_of))
        .values("organisation_id")
        .annotate(n=Count("body_id", distinct=True))
        .order_by()
    )
    for r in bodies:
        counts[r["organisation_id"]] += r["n"]
    networks = (
        Relationship.objects.filter(kind=RelationshipKind.MEMBER_OF)
        .filter(Q(until__isnull=True) | Q(until__gte=as_of))
        .values("source_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    for r in networks:
        counts[r["source_id"]] += r["n"]
    return dict(counts)


# --- resource potential (USD) ---


def _usd(qs, org_field: str, amount) -> dict[int, float]:
    rows = qs.values(org_field).annotate(usd=Sum(amount)).order_by()
    return {r[org_field]: round(float(r["usd"] or 0), 2) for r in rows if r["usd"]}


def received_usd() -> dict[int, float]:
    return _usd(Contribution.objects.all(), "organisation_id", "amount_usd")


def pledged_usd() -> dict[int, float]:
    """Standing pledges (not cancelled)."""
    return _usd(
        Pledge.objects.exclude(status=PledgeStatus.CANCELLED), "organisation_id", "amount_usd"
    )


def pipeline_usd() -> dict[int, float]:
    """Open opportunities, each weighted by its probability."""
    weighted = _usd(
        Opportunity.objects.filter(stage__kind=StageKind.OPEN),
        "organisation_id",
        F("amount_usd") * F("probability"),
    )
    return {k: round(v / 100, 2) for k, v in weighted.items()}


# --- relationship strength ---


def engagement_activity(as_of: date) -> dict[int, tuple[date, int]]:
    """(date of the last engagement held on or before `as_of`, engagements held in the
    FREQUENCY_DAYS before it)."""
    since = as_of - timedelta(days=FREQUENCY_DAYS)
    rows = (
        EngagementPartner.objects.filter(status=EngagementStatus.HELD, start_date__lte=as_of)
        .values("organisation_id")
        .annotate(last=Max("start_date"), recent=Count("id", filter=Q(start_date__gt=since)))
        .order_by()
    )
    return {r["organisation_id"]: (r["last"], r["recent"]) for r in rows}


def agreements_in_force() -> dict[int, int]:
    rows = (
        AgreementParty.objects.filter(agreement__status__in=IN_FORCE)
        .values("organisation_id")
        .annotate(n=Count("agreement_id", distinct=True))
        .order_by()
    )
    return {r["organisation_id"]: r["n"] for r in rows}


# --- risk ---


def screening_hits() -> dict[int, dict[str, int]]:
    """Open and confirmed sanctions-screening hits of the organisation and of its contacts (not
    archived): {id: {"confirmed": n, "open": n}} — the blocking rule of accord/diligence."""
    counts: dict[int, dict[str, int]] = defaultdict(lambda: {"confirmed": 0, "open": 0})
    rows = (
        ScreeningHit.objects.filter(status__in=BLOCKING_HITS)
        .filter(Q(organisation__isnull=False) | Q(contact__archived_at__isnull=True))
        .values_list("organisation_id", "contact__organisation_id", "status")
    )
    for org, contact_org, status in rows:
        key = "confirmed" if status == HitStatus.CONFIRMED else "open"
        counts[org or contact_org][key] += 1
    return dict(counts)


def latest_reviews() -> dict[int, dict]:
    """Each organisation's latest decided due-diligence review: status, risk rating, validity."""
    latest: dict[int, dict] = {}
    rows = (
        DiligenceReview.objects.filter(status__in=DECIDED)
        .order_by("organisation_id", "-decided_at", "-id")
        .values("organisation_id", "status", "risk_rating", "valid_until")
    )
    for row in rows:
        latest.setdefault(row["organisation_id"], row)
    return latest


def review_required_categories() -> set[int]:
    return categories_needing_review()
