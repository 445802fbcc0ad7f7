"""Suggested connections for one partner or a page of partners (reads only).

No all-pairs work: for each partner, candidates on the other side come from indexed lookups —
partners sharing its outcomes (ranked in SQL by how many they share, then the same home
country), partners in its own country, and partners tied to its own partners — each capped,
so at most a few hundred candidates are scored in Python (accord/prioritization/matchmaking/
scoring.py). Pairs already decided (accepted or dismissed) are never suggested again. A
regional focal point's candidates are the partners of their region(s)."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Case, Count, IntegerField, Q, When
from django.utils import timezone

from accord.engagement.models import EngagementPartner
from accord.partners.models import Organisation, Relationship
from accord.prioritization.matchmaking import permissions
from accord.prioritization.matchmaking.models import MatchDecision
from accord.prioritization.matchmaking.profiles import (
    FUNDER,
    IMPLEMENTER,
    Catalogue,
    Profile,
    load_catalogue,
    load_profiles,
    opposite,
    shared_partner_names,
    with_country_names,
)
from accord.prioritization.matchmaking.scoring import JointEngagement, Suggestion, score_pair

# Candidates per partner from each lookup (its home country, then the countries it works in):
# enough for the best suggestions, few enough to score in a few milliseconds.
BY_OUTCOME, BY_COUNTRY, BY_TIES = 100, (50, 25), 30
KNOWN_DAYS = 730  # an engagement together within two years means they already know each other


@dataclass(frozen=True)
class MatchFilters:
    """Narrow suggestions: the pair shares this outcome (code), the suggested partner works in
    this country (ISO code) or belongs to this category (code)."""

    outcome: str = ""
    country: str = ""
    category: str = ""


def _candidates(
    subject: Profile, user, sides: dict[int, str], f: MatchFilters, cat: Catalogue
) -> list[int]:
    """Ids of partners worth scoring against `subject`, from three capped indexed lookups."""
    wanted = [pk for pk, code in sides.items() if not f.category or code == f.category]
    if not wanted:
        return []
    visible = permissions.visible_partners(user)
    base = visible.filter(category_id__in=wanted, archived_at=None).exclude(pk=subject.id)
    found: list[int] = []
    outcomes = subject.outcomes
    if f.outcome:
        outcomes = {pk for pk in outcomes if cat.outcomes[pk][0] == f.outcome}
    if outcomes:
        same_home = Case(
            When(country_id=subject.country_code, then=1), default=0, output_field=IntegerField()
        )
        ranked = (
            base.filter(outcomes__in=outcomes)
            .values("id")
            .annotate(shared=Count("id"), home=same_home)
            .order_by("-shared", "-home", "id")
            .values_list("id", flat=True)
        )
        found += list(ranked[:BY_OUTCOME])
    if not f.outcome:
        # Its own country first, then the countries it works in.
        home = [subject.country_code] if subject.country_code else []
        abroad = sorted(subject.countries - set(home))
        for countries, cap in zip((home, abroad), BY_COUNTRY, strict=True):
            if countries:
                local = base.filter(country_id__in=countries).order_by("country", "sort_name")
                found += list(local.values_list("id", flat=True)[:cap])
    neighbours = list(subject.neighbours)
    if neighbours and not f.outcome:
        for near, far in (("source", "target"), ("target", "source")):
            ties = Relationship.objects.filter(
                permissions.partner_scope(user, f"{far}__"),
                **{
                    f"{near}_id__in": neighbours,
                    f"{far}__category_id__in": wanted,
                    f"{far}__archived_at": None,
                },
            ).exclude(**{f"{far}_id": subject.id})
            found += list(ties.values_list(f"{far}_id", flat=True)[:BY_TIES])
    return list(dict.fromkeys(found))


def _joint_engagements(pairs: set[tuple[int, int]]) -> dict[tuple[int, int], JointEngagement]:
    """The latest engagement of the last two years each pair took part in together."""
    if not pairs:
        return {}
    since = timezone.localdate() - timedelta(days=KNOWN_DAYS)
    left = {a for a, _ in pairs}
    right = {b for _, b in pairs}
    rows = (
        EngagementPartner.objects.filter(
            organisation_id__in=left,
            start_date__gte=since,
            engagement__partner_links__organisation_id__in=right,
        )
        .order_by("start_date", "engagement_id")
        .values_list(
            "organisation_id",
            "engagement__partner_links__organisation_id",
            "engagement__title",
            "start_date",
        )
    )
    found = {}
    for a, b, title, start in rows:
        if (a, b) in pairs:
            found[(a, b)] = JointEngagement(title=title, start_date=start)
    return found


def _decided(subject_ids: list[int]) -> set[tuple[int, int]]:
    rows = MatchDecision.objects.filter(
        Q(funder_id__in=subject_ids) | Q(implementer_id__in=subject_ids)
    ).values_list("funder_id", "implementer_id")
    return set(rows)


def _oriented(subject: Profile, other: Profile) -> tuple[Profile, Profile]:
    return (subject, other) if subject.side == FUNDER else (other, subject)


def _keep(s: Suggestion, subject: Profile, f: MatchFilters) -> bool:
    other = s.other(subject.id)
    if f.country and f.country not in other.countries:
        return False
    if f.category and other.category_code != f.category:
        return False
    return not f.outcome or f.outcome in s.shared_outcomes


def suggestions_for_many(
    *, user, organisations, filters: MatchFilters | None = None, limit: int = 10
) -> dict[int, list[Suggestion]]:
    """The best `limit` suggestions for each of `organisations` (partners the user sees), best
    first. A fixed number of queries per partner plus a fixed number for them all."""
    f = filters or MatchFilters()
    visible = permissions.visible_partners(user)
    cat = load_catalogue()
    subjects = load_profiles([o.pk for o in organisations], cat)
    out: dict[int, list[Suggestion]] = {o.pk: [] for o in organisations}
    if not subjects:
        return out
    with_country_names(cat, subjects.values())
    sides = {side: cat.side_categories(side) for side in (FUNDER, IMPLEMENTER)}
    candidates: dict[int, list[int]] = {}
    for subject in subjects.values():
        if subject.side is not None:
            others = sides[opposite(subject.side)]
            candidates[subject.id] = _candidates(subject, user, others, f, cat)
    profiles = load_profiles({pk for ids in candidates.values() for pk in ids}, cat)
    decided = _decided(list(subjects))
    pairs = set()
    for subject_id, ids in candidates.items():
        for pk in ids:
            if pk in profiles:
                fu, im = _oriented(subjects[subject_id], profiles[pk])
                if (fu.id, im.id) not in decided:
                    pairs.add((fu.id, im.id))
    joint = _joint_engagements(pairs)
    thirds = set()
    everyone = {**profiles, **subjects}
    for fu, im in pairs:
        thirds |= everyone[fu].neighbours & everyone[im].neighbours
    names = shared_partner_names(thirds, visible=visible)
    for subject_id, ids in candidates.items():
        subject = subjects[subject_id]
        found = []
        for pk in ids:
            if pk not in profiles:
                continue
            fu, im = _oriented(subject, profiles[pk])
            if (fu.id, im.id) not in pairs:
                continue
            s = score_pair(
                fu, im, catalogue=cat, third_names=names, joint=joint.get((fu.id, im.id))
            )
            if s is not None and _keep(s, subject, f):
                found.append(s)
        found.sort(key=lambda s: (-s.score, s.other(subject_id).name.casefold()))
        out[subject_id] = found[:limit]
    return out


def suggestions_for(
    *, user, organisation: Organisation, filters: MatchFilters | None = None, limit: int = 10
) -> list[Suggestion]:
    """The best `limit` suggested connections for one partner, best first, with reasons."""
    return suggestions_for_many(
        user=user, organisations=[organisation], filters=filters, limit=limit
    )[organisation.pk]


def suggestion_between(*, user, funder: Organisation, implementer: Organisation):
    """The suggestion for this exact pair as it stands now (None when they share nothing), for
    the reasons recorded with a decision."""
    cat = load_catalogue()
    profiles = load_profiles([funder.pk, implementer.pk], cat)
    if funder.pk not in profiles or implementer.pk not in profiles:
        return None
    f, i = profiles[funder.pk], profiles[implementer.pk]
    with_country_names(cat, [f])
    visible = permissions.visible_partners(user) if user is not None else Organisation.objects
    names = shared_partner_names(f.neighbours & i.neighbours, visible=visible.all())
    joint = _joint_engagements({(f.id, i.id)}).get((f.id, i.id))
    return score_pair(f, i, catalogue=cat, third_names=names, joint=joint)
