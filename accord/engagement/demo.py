"""The engagement part of `accord load_demo`: engagements with the demo partners (with
follow-ups), sessions of the governance bodies with the partners that took part, and actions of
the implementation plan, spread over the three years before the first demo load, so the
scorecard, the "needs attention" lists and the coordination page show something real — a few
lines nobody works on, some quiet relationships and a few deliberate overlaps.

Everything goes through the services (history batch "demo", `is_demo`), is deterministic for a
seed, and is idempotent: the dates count back from the day the demo partners were first loaded,
and records already there (same title and date) are left alone."""

import random
from collections import Counter
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Min

from accord.accounts.models import Role
from accord.engagement import governance_services, plan_services, services
from accord.engagement.models import (
    BodySession,
    Engagement,
    EngagementKind,
    GovernanceBody,
    PlanAction,
    SessionParticipation,
)
from accord.partners.demo import demo_staff
from accord.partners.demo_specs import DEFAULT_SEED, seeded_random
from accord.partners.models import Organisation
from accord.strategy.models import EngagementStrategy, PartnerCategory
from accord.strategy.selectors import current_strategy

BATCH = "demo"
SPAN_DAYS = 3 * 365
DONORS = {"government", "development_bank", "foundation"}
TOPICS = [
    "SDG localisation",
    "affordable housing",
    "climate-resilient cities",
    "urban planning and design",
    "land and tenure security",
    "basic services",
    "the New Urban Agenda report",
    "a voluntary local review",
]
KINDS = {
    "government": ["dialogue", "meeting", "signing", "mission"],
    "local_authority": ["technical_advice", "capacity_building", "meeting", "co_creation"],
    "un_entity": ["joint_programming", "meeting", "event"],
    "development_bank": ["joint_programming", "dialogue", "meeting"],
    "private_sector": ["introduction", "meeting", "co_creation"],
    "civil_society": ["event", "conference_session", "capacity_building"],
    "knowledge": ["research", "event", "technical_advice"],
    "foundation": ["dialogue", "introduction", "meeting"],
}
SESSIONS = {  # body code: (sessions a year, places)
    "executive-board": (3, ["Nairobi", "Nairobi (online)"]),
    "un-habitat-assembly": (0.34, ["Nairobi"]),
    "stakeholder-advisory-group": (2, ["Nairobi", "online"]),
    "thematic-advisory-boards": (1, ["online"]),
}


def anchor() -> date:
    """The day the demo partners were first loaded: demo dates count back from it."""
    first = Organisation.objects.filter(is_demo=True).aggregate(first=Min("created_at"))["first"]
    return first.date() if first else date.today()


def _lines(strategy) -> dict[int, list[EngagementStrategy]]:
    """Each category's lines, without its last one: the lines nobody works on stand out."""
    by_category: dict[int, list] = {}
    for line in EngagementStrategy.objects.filter(category__strategy=strategy).order_by("number"):
        by_category.setdefault(line.category_id, []).append(line)
    return {k: v[:-1] if len(v) > 2 else v for k, v in by_category.items()}


def _how_many(rng: random.Random, org) -> int:
    if org.status == "active":
        return rng.randint(3, 9) if org.category.code in DONORS else rng.randint(2, 6)
    return rng.randint(0, 2) if org.status in ("prospect", "dormant") else rng.randint(0, 1)


def _engagement_specs(orgs, lines, day0: date, seed: int) -> list[dict]:
    specs = []
    for org in orgs:
        rng = seeded_random(seed, org.ref, "engagements")
        quiet = org.status == "active" and rng.random() < 0.2  # a relationship gone stale
        outcomes = [o.code for o in org.outcomes.all()]
        for i in range(_how_many(rng, org)):
            ago = rng.randint(200, SPAN_DAYS) if quiet else rng.randint(-60, SPAN_DAYS)
            own = lines.get(org.category_id, [])
            kind = rng.choice(KINDS.get(org.category.code, ["meeting"]))
            specs.append(
                {
                    "title": f"{EngagementKind(kind).label} with {org.acronym or org.name} on "
                    f"{rng.choice(TOPICS)}"[:300],
                    "kind": kind,
                    "start_date": day0 - timedelta(days=ago),
                    "organisations": [org],
                    "lead_region": org.region if org.region and rng.random() < 0.6 else None,
                    "country": org.country,
                    "strategies": rng.sample(own, k=min(len(own), rng.choice((1, 1, 2)))),
                    "outcomes": rng.sample(outcomes, k=min(len(outcomes), 1)),
                    "cancelled": rng.random() < 0.04 and ago > 0,
                    "follow_up": rng.random() < 0.3,
                    "i": i,
                }
            )
    return specs


def _overlap_specs(orgs, lines, day0: date) -> list[dict]:
    """Deliberate overlaps: headquarters and the regional office approach the same partner on
    the same outcome in the same country three weeks apart."""
    specs = []
    chosen = [o for o in orgs if o.region and o.country and o.outcomes.all()][:4]
    for n, org in enumerate(chosen):
        outcome = org.outcomes.all()[0].code
        start = day0 - timedelta(days=30 + 40 * n)
        for office, region, shift in (("Partnerships Unit", None, 0), ("", org.region, 21)):
            specs.append(
                {
                    "title": f"Exploring {TOPICS[n]} with {org.acronym or org.name}",
                    "kind": "meeting",
                    "start_date": start + timedelta(days=shift),
                    "organisations": [org],
                    "lead_region": region,
                    "office": office or f"{region.name} regional office",
                    "country": org.country,
                    "strategies": lines.get(org.category_id, [])[:1],
                    "outcomes": [outcome],
                    "cancelled": False,
                    "follow_up": False,
                }
            )
    return specs


def _load_engagements(orgs, staff, day0, seed, summary: Counter) -> None:
    lines = _lines(current_strategy())
    existing = set(Engagement.objects.filter(is_demo=True).values_list("title", "start_date"))
    officers = [u for u, _ in staff if u.role == Role.OFFICER]
    today = date.today()
    for spec in _engagement_specs(orgs, lines, day0, seed) + _overlap_specs(orgs, lines, day0):
        if (spec["title"], spec["start_date"]) in existing:
            summary["engagements existing"] += 1
            continue
        existing.add((spec["title"], spec["start_date"]))
        org = spec["organisations"][0]
        ahead = spec["start_date"] > today
        engagement = services.engagement_create(
            actor=None,
            title=spec["title"],
            kind=spec["kind"],
            start_date=spec["start_date"],
            status="cancelled" if spec["cancelled"] else ("planned" if ahead else "held"),
            organisations=spec["organisations"],
            lead_region=spec["lead_region"],
            office=spec.get("office", ""),
            country=spec["country"],
            strategies=spec["strategies"],
            outcomes=spec["outcomes"],
            staff=[org.owner] if org.owner else [],
            is_demo=True,
            batch=BATCH,
        )
        summary["engagements"] += 1
        if spec["follow_up"] and officers:
            owner = org.owner or officers[spec["i"] % len(officers)]
            follow_up = services.follow_up_create(
                actor=None,
                engagement=engagement,
                description="Share the minutes and agree the next steps",
                owner=owner,
                due_date=spec["start_date"] + timedelta(days=14),
                is_demo=True,
                batch=BATCH,
            )
            summary["follow-ups"] += 1
            long_ago = follow_up.due_date < today - timedelta(days=60)
            if follow_up.due_date < today and (long_ago or engagement.pk % 10 < 6):
                services.follow_up_complete(actor=None, follow_up=follow_up)


def _load_sessions(orgs, day0: date, seed: int, summary: Counter) -> None:
    takers = [
        o
        for o in orgs
        if o.category.code in ("government", "local_authority", "civil_society", "knowledge")
    ]
    bodies = {b.code: b for b in GovernanceBody.objects.filter(code__in=SESSIONS)}
    existing = {(s.body_id, s.title): s for s in BodySession.objects.filter(is_demo=True)}
    for code, (per_year, places) in SESSIONS.items():
        body = bodies.get(code)
        if body is None:
            continue
        count = max(1, round(per_year * 3))
        for n in range(count):
            start = day0 - timedelta(days=SPAN_DAYS - 30 - n * (SPAN_DAYS - 60) // count)
            title = f"{body.name}, session of {start:%B %Y}"
            session = existing.get((body.pk, title))
            if session is None:
                session = governance_services.session_create(
                    actor=None,
                    body=body,
                    title=title,
                    start_date=start,
                    place=places[n % len(places)],
                    is_demo=True,
                    batch=BATCH,
                )
                summary["sessions"] += 1
            rng = seeded_random(seed, code, n)
            # Local authorities take a growing part, as the strategy asks (line 2.3).
            share = 0.2 + 0.3 * n / count
            taken = set(
                SessionParticipation.objects.filter(session=session).values_list(
                    "organisation_id", flat=True
                )
            )
            for org in rng.sample(takers, k=min(len(takers), 12)):
                local = org.category.code == "local_authority"
                role = rng.choice(["member", "observer", "speaker", "delegate"])
                if (local and rng.random() > share * 2) or org.pk in taken:
                    continue
                governance_services.participation_add(
                    actor=None,
                    session=session,
                    organisation=org,
                    role=role,
                    is_demo=True,
                    batch=BATCH,
                )
                summary["participations"] += 1


def _load_actions(staff, day0: date, seed: int, summary: Counter) -> None:
    existing = set(PlanAction.objects.filter(is_demo=True).values_list("title", flat=True))
    lines = _lines(current_strategy())
    officers = [u for u, _ in staff if u.role in (Role.OFFICER, Role.REGIONAL)]
    for category in PartnerCategory.objects.filter(strategy=current_strategy()):
        rng = seeded_random(seed, category.code, "plan")
        for n, line in enumerate(lines.get(category.pk, [])[:3]):
            title = f"{category.short_name}: carry out line {line.code}"
            if title in existing:
                summary["plan actions existing"] += 1
                continue
            due = day0 + timedelta(days=rng.randint(-400, 300))
            action = plan_services.action_create(
                actor=None,
                title=title,
                category=category,
                strategies=[line],
                owner=officers[(category.number + n) % len(officers)] if officers else None,
                due_date=due,
                description=line.text,
                is_demo=True,
                batch=BATCH,
            )
            summary["plan actions"] += 1
            roll = rng.random()
            if roll < 0.6:
                plan_services.action_transition(actor=None, action=action, transition="start")
            if roll < 0.25:
                plan_services.action_transition(
                    actor=None,
                    action=action,
                    transition="complete",
                    note="Done with the partners of the category.",
                )


@transaction.atomic
def load_engagement_demo(*, seed: int = DEFAULT_SEED) -> Counter:
    """Load the engagement demonstration data (see the module); returns what was created."""
    summary: Counter = Counter()
    orgs = list(
        Organisation.objects.filter(is_demo=True, archived_at__isnull=True)
        .select_related("category", "region", "country", "owner")
        .prefetch_related("outcomes")
        .order_by("ref")
    )
    if not orgs:
        return summary
    staff, _ = demo_staff()
    day0 = anchor()
    _load_engagements(orgs, staff, day0, seed, summary)
    _load_sessions(orgs, day0, seed, summary)
    _load_actions(staff, day0, seed, summary)
    return summary
