"""Scores on hand-built data: each criterion's value worked out by hand (see the `world`
fixture), the totals and ranks, determinism, and the trend between runs."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accord.partners.tests.factories import OrganisationFactory, RelationshipFactory
from accord.prioritization import scoring
from accord.prioritization.models import PartnerScore, RunStatus
from accord.prioritization.tests.factories import make_hit_on

pytestmark = pytest.mark.django_db
VALUES = ("alignment", "resources", "reach", "relationship", "risk")


def scores_of(run) -> dict[int, PartnerScore]:
    return {s.organisation_id: s for s in run.scores.all()}


def test_each_criterion_matches_the_hand_computation(world):
    run = scoring.score_partners(model=world.model)
    s = scores_of(run)
    acme, beta, civic = s[world.acme.pk], s[world.beta.pk], s[world.civic.pk]
    # Alignment: outcomes 3 of 4 (3 count as full), flagship 1 of 1, countries 2 of 2
    # (Kenya, its own; Brazil, its engagement's), resources 1 of 2 -> (1 + 1 + 1 + 0.5) / 4.
    assert acme.alignment == 0.875
    assert beta.alignment == 0.125  # only Brazil, 1 of 2 countries -> 0.5 / 4
    assert civic.alignment == 0.5  # the engagement's flagship and countries
    # Resources: the only contribution is the reference (0.4) and it offers financing (0.1).
    assert (acme.resources, beta.resources, civic.resources) == (0.5, 0.0, 0.0)
    # Reach: 2 countries (the reference) and 1 counterpart (the reference): 0.35 + 0.4.
    assert acme.reach == civic.reach == 0.75
    assert beta.reach == 0.2208  # 0.35 x log(2) / log(3)
    # Relationship: recency 0.5 ** (30 / 180) x 0.4 + frequency 1 x 0.35.
    assert acme.relationship == civic.relationship == 0.7064
    assert beta.relationship == 0.0
    # Risk: Beta Build's category needs a due-diligence review and it has none.
    assert (acme.risk, beta.risk, civic.risk) == (0.0, 0.4, 0.0)
    assert beta.facts["diligence"] == "missing"
    # Points (weights 40/30/15/15, risk 30) and totals.
    assert acme.total == 71.85  # 35 + 15 + 11.25 + 10.6
    assert beta.risk_points == -12.0
    assert beta.total == -3.69  # 5 + 3.31 - 12
    assert civic.total == 41.85
    assert (acme.category_rank, beta.category_rank, civic.category_rank) == (1, 2, 1)
    assert run.status == RunStatus.DONE and run.scored == 3
    assert run.snapshot["priorities"] == {
        "outcomes": 4,
        "flagships": 1,
        "countries": 2,
        "resources": 2,
    }


def test_the_same_data_and_version_give_the_same_scores(world):
    as_of = timezone.localdate()
    first = scoring.score_partners(model=world.model, as_of=as_of)
    second = scoring.score_partners(model=world.model, as_of=as_of)
    columns = (
        "organisation_id",
        *VALUES,
        *(f"{v}_points" for v in VALUES),
        "total",
        "category_rank",
        "facts",
    )
    rows = [
        list(r.scores.order_by("organisation_id").values_list(*columns)) for r in (first, second)
    ]
    assert rows[0] == rows[1]


def test_the_trend_compares_with_the_previous_run(world):
    first = scoring.score_partners(model=world.model)
    assert all(s.previous_total is None for s in first.scores.all())
    newcomer = OrganisationFactory(name="Newcomer", category="private_sector")
    second = scoring.score_partners(model=world.model)
    s = scores_of(second)
    assert s[world.acme.pk].previous_total == 71.85
    assert s[newcomer.pk].previous_total is None
    # The first run's scores stay, tied to it.
    assert first.scores.count() == 3 and second.scores.count() == 4


def test_confirmed_screening_match_is_the_full_penalty(world, listed):
    make_hit_on(world.civic, status="confirmed")
    s = scores_of(scoring.score_partners(model=world.model))[world.civic.pk]
    assert s.risk == 1.0 and s.risk_points == -30.0
    assert s.facts["confirmed_hits"] == 1


def test_open_hit_on_a_contact_counts_for_its_organisation(world, listed):
    make_hit_on(world.civic, status="open", on_contact=True)
    s = scores_of(scoring.score_partners(model=world.model))[world.civic.pk]
    assert s.risk == 0.6 and s.facts["open_hits"] == 1


def test_relationships_and_memberships_widen_reach(world):
    network = OrganisationFactory(name="Cities Network", category="civil_society")
    RelationshipFactory(source=world.beta, target=network)  # member_of
    s = scores_of(scoring.score_partners(model=world.model))[world.beta.pk]
    assert s.facts["counterparts"] == 1 and s.facts["memberships"] == 1
    assert s.reach > 0.2208


def test_older_engagements_weigh_less(world, make_user):
    from accord.engagement.tests.factories import EngagementFactory

    EngagementFactory(
        organisations=[world.beta], start_date=timezone.localdate() - timedelta(days=360)
    )
    s = scores_of(scoring.score_partners(model=world.model))
    # 0.5 ** 2 x 0.4 + 0.35: a year-old engagement weighs a quarter of a fresh one.
    assert s[world.beta.pk].relationship == 0.45
    assert s[world.beta.pk].facts["recent"] == 1


def test_archived_organisations_are_not_scored(world):
    from accord.partners import services as partner_services

    partner_services.organisation_archive(actor=None, organisation=world.beta)
    run = scoring.score_partners(model=world.model)
    assert world.beta.pk not in scores_of(run)


def test_a_failed_run_stores_nothing_but_its_error(world, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(scoring.compute, "score_all", boom)
    run = scoring.run_create(model=world.model)
    with pytest.raises(RuntimeError):
        scoring.run_execute(run)
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED and "went away" in run.error
    assert not run.scores.exists()


def test_places_gathered_in_python_equal_the_one_statement_in_sql(world):
    from accord.prioritization import inputs

    priorities = scoring.priorities_of(world.model)
    flagships, countries = priorities.flagships, priorities.countries
    in_sql = {a: (n, c, f) for a, n, c, f in inputs._rows(*inputs.places_sql(flagships, countries))}
    assert inputs.places(flagships, countries) == in_sql
    assert in_sql  # the world has places to count
