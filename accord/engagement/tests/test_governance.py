"""Governance bodies: the ones the strategy names, members, sessions, participation, and
participation by partner category over time."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from accord.accounts.models import Role
from accord.core.errors import PermissionDeniedError
from accord.engagement import governance_selectors as gov
from accord.engagement import governance_services as services
from accord.engagement.governance_data import BODIES, seed_bodies
from accord.engagement.models import GovernanceBody
from accord.engagement.tests.factories import BodySessionFactory, body, days_ago
from accord.engagement.tests.helpers import errors_of, history_of
from accord.partners.tests.factories import ContactFactory, OrganisationFactory, country

pytestmark = pytest.mark.django_db


def test_the_bodies_the_strategy_names_are_loaded_once():
    names = set(GovernanceBody.objects.values_list("name", flat=True))
    assert {
        "Executive Board",
        "UN-Habitat Assembly",
        "Stakeholder Advisory Group",
        "Thematic advisory boards",
        "World Assembly of Local and Regional Authorities",
        "Regional ministerial meetings",
    } <= names
    assert seed_bodies(GovernanceBody) == 0
    assert GovernanceBody.objects.count() == len(BODIES)


def test_only_administrators_add_bodies_and_names_are_unique(admin_user, officer):
    with pytest.raises(PermissionDeniedError):
        services.body_create(actor=officer, name="Urban October steering group")
    made = services.body_create(
        actor=admin_user, name="Urban October steering group", kind="advisory_board"
    )
    assert made.code == "urban-october-steering-group" and history_of(made)[0].action == "create"
    with pytest.raises(ValidationError) as excinfo:
        services.body_create(actor=admin_user, name="executive board", kind="nonsense")
    assert set(errors_of(excinfo)) == {"name", "kind"}


def test_body_update_is_versioned(admin_user):
    board = body()
    services.body_update(
        actor=admin_user,
        body=board,
        expected_version=1,
        description="Thirty-six members elected by the Assembly.",
    )
    assert board.version == 2 and history_of(board)[-1].changes["description"][1].startswith(
        "Thirty-six"
    )


def test_members_have_a_role_and_a_term_that_can_be_closed(officer, kenyan):
    contact = ContactFactory(organisation=kenyan)
    membership = services.membership_add(
        actor=officer,
        body=body(),
        organisation=kenyan.pk,
        contact=contact.pk,
        role=" Vice-chair ",
        term_start=date(2023, 6, 1),
    )
    assert membership.role == "Vice-chair" and membership.contact == contact
    with pytest.raises(ValidationError) as excinfo:
        services.membership_end(actor=officer, membership=membership, term_end=date(2022, 1, 1))
    assert errors_of(excinfo) == {"term_end": ["The end date is before the start date."]}
    services.membership_end(actor=officer, membership=membership, term_end=date(2025, 6, 1))
    assert [h.action for h in history_of(membership)] == ["create", "update"]


def test_a_member_needs_a_visible_partner_and_its_own_contact(officer, regional, kenyan, brazilian):
    with pytest.raises(ValidationError) as excinfo:
        services.membership_add(
            actor=officer,
            body=body(),
            organisation=kenyan,
            contact=ContactFactory(organisation=brazilian).pk,
        )
    assert errors_of(excinfo) == {"contact": ["The contact must work at this partner."]}
    with pytest.raises(ValidationError) as excinfo:
        services.membership_add(actor=officer, body=body(), organisation=None)
    assert errors_of(excinfo) == {"organisation": ["Choose the partner."]}
    with pytest.raises(PermissionDeniedError):
        services.membership_add(actor=regional, body=body(), organisation=kenyan)


def test_sessions_need_a_title_and_ordered_dates(officer):
    with pytest.raises(ValidationError) as excinfo:
        services.session_create(
            actor=officer,
            body=body(),
            title="",
            start_date=date(2024, 5, 2),
            end_date=date(2024, 5, 1),
        )
    assert set(errors_of(excinfo)) == {"title", "end_date"}
    session = services.session_create(
        actor=officer,
        body=body(),
        title="Annual session 2024",
        start_date=date(2024, 6, 25),
        place="Nairobi",
    )
    services.session_update(actor=officer, session=session, end_date=date(2024, 6, 27))
    assert history_of(session)[-1].changes == {"end_date": [None, "2024-06-27"]}


def test_a_partner_takes_part_in_a_session_once(officer, kenyan):
    session = BodySessionFactory()
    services.participation_add(actor=officer, session=session, organisation=kenyan, role="speaker")
    with pytest.raises(ValidationError) as excinfo:
        services.participation_add(
            actor=officer, session=session, organisation=kenyan, role="dancer"
        )
    errors = errors_of(excinfo)
    assert errors["organisation"] == ["Nairobi City County is already recorded in this session."]
    assert "Unknown role" in errors["role"][0]


def test_participation_by_category_over_time_counts_local_authorities(officer, kenyan, brazilian):
    ministry = OrganisationFactory(
        name="Ministry of Lands", category="government", country=country("KE")
    )
    early = BodySessionFactory(start_date=date(2022, 3, 1))
    late = BodySessionFactory(start_date=date(2024, 3, 1))
    other_body = BodySessionFactory(body=body("un-habitat-assembly"), start_date=date(2024, 5, 1))
    for session, org in [
        (early, ministry),
        (late, ministry),
        (late, kenyan),
        (late, brazilian),
        (other_body, kenyan),
    ]:
        services.participation_add(actor=None, session=session, organisation=org)
    table = gov.participation_by_category(body=body())
    codes = [c.code for c in table["categories"]]
    by_year = {row["year"]: dict(zip(codes, row["counts"], strict=True)) for row in table["rows"]}
    assert [row["year"] for row in table["rows"]] == [2024, 2022]
    assert by_year[2024]["local_authority"] == 2 and by_year[2024]["government"] == 1
    assert table["rows"][0]["total"] == 3 and table["rows"][0]["local_share"] == 67
    assert table["rows"][1]["local_share"] == 0


def test_body_list_counts_current_members_and_sessions(officer, user_of, kenyan, brazilian):
    services.membership_add(actor=None, body=body(), organisation=kenyan, term_start=days_ago(100))
    services.membership_add(
        actor=None,
        body=body(),
        organisation=brazilian,
        term_start=date(2019, 1, 1),
        term_end=date(2020, 1, 1),
    )
    BodySessionFactory(start_date=date(2024, 3, 1))
    BodySessionFactory(start_date=date(2023, 3, 1))
    board = gov.body_list(user=officer).get(code="executive-board")
    assert (board.member_count, board.session_count) == (1, 2)
    assert board.last_session == date(2024, 3, 1)
    assert not gov.body_list(user=user_of(Role.PARTNER)).exists()


def test_member_rows_are_limited_to_partners_the_user_sees(officer, regional, kenyan, brazilian):
    for org in (kenyan, brazilian):
        services.membership_add(actor=None, body=body(), organisation=org)
    everyone = {m.organisation.name for m in gov.member_list(user=officer, body=body())}
    mine = {m.organisation.name for m in gov.member_list(user=regional, body=body())}
    assert everyone == {"Nairobi City County", "Prefeitura de Recife"}
    assert mine == {"Nairobi City County"}


def test_removing_records_the_deletion(officer, kenyan):
    session = BodySessionFactory()
    participation = services.participation_add(actor=None, session=session, organisation=kenyan)
    pk = participation.pk
    services.participation_remove(actor=officer, participation=participation)
    assert not session.participations.exists()
    participation.pk = pk
    assert history_of(participation)[-1].action == "delete"
