"""Reads of the engagement log: visibility by role and region, filters, a partner's timeline
and last engagement, follow-ups, and bounded queries."""

from datetime import date

import pytest
from django.db.models import prefetch_related_objects

from accord.accounts.models import Role
from accord.engagement import selectors, services
from accord.engagement.selectors import EngagementFilters
from accord.engagement.tests.factories import EngagementFactory, FollowUpFactory, days_ago
from accord.partners.tests.factories import ContactFactory, OrganisationFactory, country

pytestmark = pytest.mark.django_db


def titles(user, **filters) -> list[str]:
    qs = selectors.engagement_list(user=user, filters=EngagementFilters(**filters))
    return [e.title for e in qs]


@pytest.fixture
def log(kenyan, brazilian):
    """Three engagements: one with the Kenyan partner led from Africa, one with the Brazilian
    partner led from headquarters, one with the Brazilian partner led from Africa."""
    return {
        "nairobi": EngagementFactory(
            title="Nairobi dialogue",
            kind="dialogue",
            organisations=[kenyan],
            lead_region="AFRICA",
            country="KE",
            start_date=date(2024, 3, 1),
            strategies=["2.3"],
            outcomes=["1.1"],
            flagship="5",
            sdgs=[11],
        ),
        "recife": EngagementFactory(
            title="Recife mission",
            kind="mission",
            organisations=[brazilian],
            country="BR",
            start_date=date(2023, 6, 1),
            strategies=["2.1"],
        ),
        "joint": EngagementFactory(
            title="South-south exchange",
            organisations=[brazilian],
            lead_region="AFRICA",
            start_date=date(2024, 9, 1),
            status="cancelled",
        ),
    }


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (Role.OFFICER, ["South-south exchange", "Nairobi dialogue", "Recife mission"]),
        (Role.MANAGEMENT, ["South-south exchange", "Nairobi dialogue", "Recife mission"]),
        (Role.PROGRAMME, ["South-south exchange", "Nairobi dialogue", "Recife mission"]),
        ("regional", ["South-south exchange", "Nairobi dialogue"]),
        (Role.REVIEWER, []),
        ("partner", []),
        ("anonymous", []),
    ],
)
def test_who_sees_which_engagements_newest_first(user_of, log, kind, expected):
    assert titles(user_of(kind)) == expected


def test_a_regional_focal_point_sees_engagements_involving_a_partner_of_their_region(
    regional, kenyan, brazilian
):
    EngagementFactory(
        title="Led from LAC with Nairobi", organisations=[kenyan, brazilian], lead_region="LAC"
    )
    assert titles(regional) == ["Led from LAC with Nairobi"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"kind": "dialogue"}, {"Nairobi dialogue"}),
        ({"status": "cancelled"}, {"South-south exchange"}),
        ({"date_from": date(2024, 1, 1)}, {"Nairobi dialogue", "South-south exchange"}),
        ({"date_to": date(2023, 12, 31)}, {"Recife mission"}),
        ({"date_from": date(2024, 1, 1), "date_to": date(2024, 6, 30)}, {"Nairobi dialogue"}),
        (
            {"category": "local_authority"},
            {"Nairobi dialogue", "Recife mission", "South-south exchange"},
        ),
        ({"category": "government"}, set()),
        ({"strategy": "2.3"}, {"Nairobi dialogue"}),
        ({"strategy": "2.x"}, set()),
        ({"outcome": "1.1"}, {"Nairobi dialogue"}),
        ({"region": "africa"}, {"Nairobi dialogue", "South-south exchange"}),
        ({"region": "nowhere"}, set()),
        ({"country": "br"}, {"Recife mission"}),
        ({"flagship": "5"}, {"Nairobi dialogue"}),
        ({"sdg": 11}, {"Nairobi dialogue"}),
        ({"q": "NAIROBI dia"}, {"Nairobi dialogue"}),
    ],
)
def test_filters(officer, log, filters, expected):
    assert set(titles(officer, **filters)) == expected


def test_filter_by_partner(officer, log, brazilian):
    assert titles(officer, partner=brazilian.pk) == ["South-south exchange", "Recife mission"]


def test_a_partner_timeline_is_newest_first_and_says_last_and_next(officer, kenyan):
    for n, start in enumerate([days_ago(400), days_ago(20), days_ago(-10)]):
        EngagementFactory(title=f"E{n}", organisations=[kenyan], start_date=start)
    EngagementFactory(
        title="Cancelled", organisations=[kenyan], start_date=days_ago(5), status="cancelled"
    )
    timeline = [link.engagement.title for link in selectors.partner_timeline(organisation=kenyan)]
    assert timeline == ["E2", "Cancelled", "E1", "E0"]
    summary = selectors.partner_summary(organisation=kenyan)
    assert summary == {"count": 4, "last_held": days_ago(20), "next_planned": days_ago(-10)}


def test_last_engagement_dates_per_partner(kenyan, brazilian):
    quiet = OrganisationFactory(name="Quiet partner", country=country("FR"))
    EngagementFactory(organisations=[kenyan, brazilian], start_date=date(2024, 1, 10))
    EngagementFactory(organisations=[kenyan], start_date=date(2024, 5, 10))
    EngagementFactory(organisations=[brazilian], start_date=days_ago(-3))  # planned
    dates = selectors.last_engagement_dates(organisation_ids=[kenyan.pk, brazilian.pk, quiet.pk])
    assert dates == {kenyan.pk: date(2024, 5, 10), brazilian.pk: date(2024, 1, 10)}
    assert selectors.last_engagement_dates(
        organisation_ids=[kenyan.pk], as_of=date(2024, 3, 1)
    ) == {kenyan.pk: date(2024, 1, 10)}


def test_follow_ups_are_limited_to_visible_engagements(regional, officer, kenyan, brazilian):
    FollowUpFactory(
        engagement=EngagementFactory(organisations=[kenyan]), owner=officer, description="Kenya"
    )
    FollowUpFactory(
        engagement=EngagementFactory(organisations=[brazilian]), owner=officer, description="Brazil"
    )
    assert {f.description for f in selectors.follow_up_list(user=officer)} == {"Kenya", "Brazil"}
    assert [f.description for f in selectors.follow_up_list(user=regional)] == ["Kenya"]
    done = selectors.follow_up_list(user=officer, owner=officer).first()
    services.follow_up_complete(actor=officer, follow_up=done)
    assert selectors.follow_up_list(user=officer).count() == 1
    assert selectors.follow_up_list(user=officer, open_only=False).count() == 2


def test_detail_shows_only_the_partners_and_contacts_the_user_sees(regional, kenyan, brazilian):
    e = EngagementFactory(organisations=[kenyan, brazilian])
    detail = selectors.engagement_detail(user=regional, pk=e.pk)
    assert [o.name for o in detail.partners_shown] == ["Nairobi City County"]
    assert detail.partner_count == 2


def test_a_page_of_engagements_runs_a_fixed_number_of_queries(
    officer, kenyan, brazilian, django_assert_max_num_queries
):
    def load():
        rows = list(selectors.engagement_list(user=officer))
        prefetch_related_objects(rows, *selectors.full_prefetch(officer))
        return [
            (
                e.lead_region,
                e.country,
                e.flagship,
                [o.category.code for o in e.partners_shown],
                [s.code for s in e.strategies.all()],
                list(e.outcomes.all()),
                e.contacts_shown,
                list(e.staff.all()),
                list(e.sdgs.all()),
            )
            for e in rows
        ]

    EngagementFactory.create_batch(
        2,
        organisations=[kenyan],
        strategies=["2.3"],
        sdgs=[11],
        staff=[officer],
        lead_region="AFRICA",
        country="KE",
    )
    with django_assert_max_num_queries(7) as few:
        load()
    EngagementFactory.create_batch(
        10, organisations=[kenyan, brazilian], strategies=["2.1"], outcomes=["1.2"], flagship="1"
    )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(load()) == 12


def test_history_names_only_the_partners_the_reader_sees(officer, regional, kenyan, brazilian):
    recife_contact = ContactFactory(organisation=brazilian, first_name="Ana", last_name="Lima")
    e = EngagementFactory(organisations=[kenyan, brazilian], contacts=[recife_contact])
    services.engagement_update(actor=officer, engagement=e, organisations=[kenyan])
    mine = selectors.engagement_history(user=regional, engagement=e)
    assert mine[0].changes["organisations"] == [
        ["Nairobi City County (NCC)", "1 outside your scope"],
        ["Nairobi City County (NCC)"],
    ]
    assert mine[1].changes["contacts"] == [None, ["1 outside your scope"]]
    assert "_organisation_ids" not in mine[0].changes
    everything = selectors.engagement_history(user=officer, engagement=e)
    assert everything[1].changes["contacts"] == [None, ["Ana Lima"]]
