"""Writes of the engagement log: engagements and follow-ups."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accord.accounts.models import Role
from accord.core.errors import ConflictError, PermissionDeniedError
from accord.engagement import services
from accord.engagement.models import Engagement, EngagementPartner, EngagementStrategyLine
from accord.engagement.tests.factories import EngagementFactory, FollowUpFactory, days_ago
from accord.engagement.tests.helpers import errors_of, history_of
from accord.partners import services as partner_services
from accord.partners.tests.factories import ContactFactory, OrganisationFactory, country

pytestmark = pytest.mark.django_db


def test_create_stores_tags_by_code_and_records_them_in_the_history(officer, kenyan):
    contact = ContactFactory(organisation=kenyan, first_name="Amina", last_name="Odhiambo")
    e = services.engagement_create(
        actor=officer,
        title="  Localising the  SDGs ",
        kind="dialogue",
        start_date=days_ago(3),
        organisations=[kenyan.pk],
        contacts=[contact.pk],
        staff=[officer.pk],
        lead_region="africa",
        office="Nairobi",
        country="KEN",
        strategies=["2.1", "2.3"],
        outcomes=["1.1"],
        flagship="5",
        sdgs=[11, 17],
    )
    e.refresh_from_db()
    assert e.title == "Localising the SDGs" and e.status == "held" and e.version == 1
    assert e.lead_region.code == "AFRICA" and e.country_id == "KE" and e.flagship.code == "5"
    assert sorted(s.code for s in e.strategies.select_related("category")) == ["2.1", "2.3"]
    assert list(e.sdgs.values_list("number", flat=True)) == [11, 17]
    assert e.created_by == officer
    [entry] = history_of(e)
    assert entry.action == "create" and entry.actor == officer
    assert entry.changes["strategies"] == [None, ["2.1", "2.3"]]
    assert entry.changes["organisations"] == [None, ["Nairobi City County (NCC)"]]
    assert entry.changes["contacts"] == [None, ["Amina Odhiambo"]]


def test_partner_and_strategy_links_carry_the_engagement_date_and_status(officer, kenyan):
    e = EngagementFactory(
        actor=officer, organisations=[kenyan], strategies=["2.3"], start_date=days_ago(5)
    )
    link = EngagementPartner.objects.get(engagement=e)
    line = EngagementStrategyLine.objects.get(engagement=e)
    assert (link.start_date, link.status) == (days_ago(5), "held")
    assert (line.start_date, line.status) == (days_ago(5), "held")
    services.engagement_update(
        actor=officer, engagement=e, start_date=days_ago(-5), status="planned"
    )
    link.refresh_from_db()
    line.refresh_from_db()
    assert (link.start_date, link.status) == (days_ago(-5), "planned")
    assert (line.start_date, line.status) == (days_ago(-5), "planned")


def test_status_defaults_to_held_once_started_and_planned_ahead(officer, kenyan):
    past = EngagementFactory(actor=officer, organisations=[kenyan], start_date=days_ago(0))
    ahead = EngagementFactory(actor=officer, organisations=[kenyan], start_date=days_ago(-1))
    assert (past.status, ahead.status) == ("held", "planned")


def test_a_regional_focal_point_leads_from_their_region_unless_told(regional, kenyan):
    e = services.engagement_create(
        actor=regional,
        title="Visit",
        kind="mission",
        start_date=days_ago(1),
        organisations=[kenyan],
    )
    assert e.lead_region.code == "AFRICA"
    hq = services.engagement_create(
        actor=None, title="Visit", kind="mission", start_date=days_ago(1), organisations=[kenyan]
    )
    assert hq.lead_region is None


def test_every_wrong_field_is_reported_at_once_and_nothing_is_stored(officer, kenyan):
    with pytest.raises(ValidationError) as excinfo:
        services.engagement_create(
            actor=officer,
            title=" ",
            kind="picnic",
            start_date=days_ago(-3),
            status="held",
            organisations=[kenyan],
            strategies=["9.9"],
            outcomes=["7.7"],
            sdgs=[18],
            flagship="8",
            lead_region="MARS",
            country="Atlantis",
            staff=[999_999],
        )
    errors = errors_of(excinfo)
    assert set(errors) == {
        "title",
        "kind",
        "status",
        "strategies",
        "outcomes",
        "sdgs",
        "flagship",
        "lead_region",
        "country",
        "staff",
    }
    assert "Unknown strategy line(s): 9.9" in errors["strategies"][0]
    assert not Engagement.objects.exists()


def test_held_in_the_future_and_end_before_start_are_refused(officer, kenyan):
    with pytest.raises(ValidationError) as excinfo:
        services.engagement_create(
            actor=officer,
            title="T",
            kind="event",
            status="held",
            start_date=days_ago(-2),
            organisations=[kenyan],
        )
    assert "mark it planned" in errors_of(excinfo)["status"][0]
    with pytest.raises(ValidationError) as excinfo:
        services.engagement_create(
            actor=officer,
            title="T",
            kind="event",
            start_date=days_ago(2),
            end_date=days_ago(4),
            organisations=[kenyan],
        )
    assert errors_of(excinfo)["end_date"] == ["The end date is before the start date."]


def test_an_engagement_needs_a_partner_and_contacts_of_its_partners(officer, kenyan, brazilian):
    with pytest.raises(ValidationError) as excinfo:
        services.engagement_create(
            actor=officer, title="T", kind="event", start_date=days_ago(2), organisations=[]
        )
    assert errors_of(excinfo)["organisations"] == ["Choose at least one partner."]
    stranger = ContactFactory(organisation=brazilian)
    with pytest.raises(ValidationError) as excinfo:
        services.engagement_create(
            actor=officer,
            title="T",
            kind="event",
            start_date=days_ago(2),
            organisations=[kenyan],
            contacts=[stranger],
        )
    assert "must work at one of the partners" in errors_of(excinfo)["contacts"][0]


def test_archived_partners_cannot_be_added(officer, kenyan):
    partner_services.organisation_archive(actor=None, organisation=kenyan)
    with pytest.raises(ValidationError) as excinfo:
        EngagementFactory(actor=officer, organisations=[kenyan])
    assert "Archived partners cannot be added" in errors_of(excinfo)["organisations"][0]


def test_a_regional_focal_point_cannot_name_partners_outside_their_region(regional, brazilian):
    with pytest.raises(ValidationError) as excinfo:
        EngagementFactory(actor=regional, organisations=[brazilian])
    assert "outside your scope" in errors_of(excinfo)["organisations"][0]


@pytest.mark.parametrize("role", [Role.MANAGEMENT, Role.REVIEWER, Role.PARTNER])
def test_roles_that_may_not_log_are_refused(make_user, kenyan, role):
    with pytest.raises(PermissionDeniedError):
        EngagementFactory(actor=make_user(role), organisations=[kenyan])


def test_update_records_old_and_new_values_and_bumps_the_version(officer, kenyan, brazilian):
    e = EngagementFactory(actor=officer, organisations=[kenyan], strategies=["2.1"])
    services.engagement_update(
        actor=officer,
        engagement=e,
        expected_version=1,
        title="New title",
        organisations=[kenyan, brazilian],
        strategies=["2.3"],
    )
    e.refresh_from_db()
    assert e.version == 2 and e.title == "New title"
    entry = history_of(e)[-1]
    assert entry.action == "update"
    assert entry.changes["strategies"] == [["2.1"], ["2.3"]]
    assert entry.changes["organisations"] == [
        ["Nairobi City County (NCC)"],
        ["Nairobi City County (NCC)", "Prefeitura de Recife"],
    ]
    assert EngagementPartner.objects.filter(engagement=e).count() == 2


def test_update_without_change_records_nothing(officer, kenyan):
    e = EngagementFactory(actor=officer, organisations=[kenyan])
    services.engagement_update(
        actor=officer, engagement=e, title=e.title, organisations=[kenyan.pk]
    )
    e.refresh_from_db()
    assert e.version == 1 and len(history_of(e)) == 1


def test_a_stale_edit_is_refused_and_the_object_is_left_as_it_was(officer, kenyan):
    e = EngagementFactory(actor=officer, organisations=[kenyan], title="Before")
    services.engagement_update(
        actor=officer, engagement=Engagement.objects.get(pk=e.pk), summary="Someone else"
    )
    with pytest.raises(ConflictError):
        services.engagement_update(actor=officer, engagement=e, expected_version=1, title="Mine")
    assert e.title == "Before"
    assert Engagement.objects.get(pk=e.pk).title == "Before"


def test_a_regional_edit_keeps_the_partners_they_cannot_see(regional, kenyan, brazilian):
    e = EngagementFactory(organisations=[kenyan, brazilian])
    other = OrganisationFactory(name="Kampala Capital City Authority", country=country("UG"))
    services.engagement_update(actor=regional, engagement=e, organisations=[other])
    names = set(e.organisations.values_list("name", flat=True))
    assert names == {"Kampala Capital City Authority", "Prefeitura de Recife"}


def test_a_regional_edit_cannot_move_the_engagement_out_of_their_sight(regional, kenyan, brazilian):
    e = EngagementFactory(organisations=[kenyan, brazilian], lead_region="AFRICA")
    # Their only partner gone and the lead moved away, they would no longer see it.
    with pytest.raises(ValidationError) as excinfo:
        services.engagement_update(
            actor=regional, engagement=e, organisations=[], lead_region="LAC"
        )
    assert (
        "Involve at least one partner of your region(s)" in errors_of(excinfo)["organisations"][0]
    )
    e.refresh_from_db()
    assert e.lead_region.code == "AFRICA" and e.organisations.count() == 2


def test_contacts_of_partners_no_longer_involved_are_dropped(officer, kenyan, brazilian):
    kc, bc = ContactFactory(organisation=kenyan), ContactFactory(organisation=brazilian)
    e = EngagementFactory(actor=officer, organisations=[kenyan, brazilian], contacts=[kc, bc])
    services.engagement_update(actor=officer, engagement=e, organisations=[kenyan])
    assert list(e.contacts.all()) == [kc]


def test_a_programme_manager_edits_what_they_logged_only(make_user, kenyan):
    manager = make_user(Role.PROGRAMME)
    mine = EngagementFactory(actor=manager, organisations=[kenyan])
    services.engagement_update(actor=manager, engagement=mine, summary="Updated")
    theirs = EngagementFactory(organisations=[kenyan])
    with pytest.raises(PermissionDeniedError):
        services.engagement_update(actor=manager, engagement=theirs, summary="No")


def test_update_refuses_unknown_fields(officer, kenyan):
    e = EngagementFactory(organisations=[kenyan])
    with pytest.raises(TypeError, match="colour"):
        services.engagement_update(actor=officer, engagement=e, colour="red")


# --- follow-ups ---


def test_follow_up_is_recorded_and_completed_by_its_owner(officer, make_user, kenyan):
    colleague = make_user(Role.PROGRAMME)
    e = EngagementFactory(actor=officer, organisations=[kenyan])
    follow_up = services.follow_up_create(
        actor=officer,
        engagement=e,
        description="Send  the minutes",
        owner=colleague.pk,
        due_date=days_ago(-7),
    )
    assert follow_up.description == "Send the minutes" and follow_up.owner == colleague
    services.follow_up_complete(actor=colleague, follow_up=follow_up)
    assert follow_up.done_by == colleague and follow_up.done_at is not None
    assert [h.action for h in history_of(follow_up)] == ["create", "update"]
    with pytest.raises(ValidationError, match="already done"):
        services.follow_up_complete(actor=colleague, follow_up=follow_up)


def test_follow_up_needs_what_who_and_when(officer, make_user, kenyan):
    e = EngagementFactory(organisations=[kenyan])
    with pytest.raises(ValidationError) as excinfo:
        services.follow_up_create(
            actor=officer,
            engagement=e,
            description="",
            owner=make_user(Role.PARTNER),
            due_date=None,
        )
    assert set(errors_of(excinfo)) == {"description", "owner", "due_date"}


def test_someone_else_cannot_complete_a_follow_up(make_user, officer, kenyan):
    follow_up = FollowUpFactory(engagement=EngagementFactory(organisations=[kenyan]), owner=officer)
    with pytest.raises(PermissionDeniedError):
        services.follow_up_complete(actor=make_user(Role.MANAGEMENT), follow_up=follow_up)
    assert follow_up.done_at is None
    assert timezone.localdate() + timedelta(days=7) == follow_up.due_date
