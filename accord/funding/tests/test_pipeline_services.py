"""Opportunity writes: USD stored once with the rate and its source, nothing written when a
rate is missing, region from the partner, history, versions and scope."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from accord.accounts.models import Role
from accord.core.errors import ConflictError, PermissionDeniedError
from accord.core.history import history_for
from accord.core.models import HistoryEntry
from accord.funding import pipeline_services
from accord.funding.models import Opportunity
from accord.funding.tests.factories import DEMO_SOURCE, OpportunityFactory, move, rate
from accord.partners import services as partner_services
from accord.partners.tests.factories import OrganisationFactory
from accord.strategy.models import FlagshipProgramme

pytestmark = pytest.mark.django_db


def test_the_amount_is_stored_with_its_usd_value_rate_and_source(kenyan, euro, officer):
    o = OpportunityFactory(organisation=kenyan, amount="920", currency="eur", actor=officer)
    o.refresh_from_db()
    assert (o.currency, o.amount, o.amount_usd) == ("EUR", Decimal("920.00"), Decimal("1000.00"))
    assert (o.usd_rate, o.rate_source) == (Decimal("0.92"), DEMO_SOURCE)
    assert o.region_id == kenyan.region_id and o.created_by == officer


def test_the_probability_defaults_to_the_stage(kenyan):
    assert OpportunityFactory(stage="proposal").probability == 50
    assert OpportunityFactory(stage="proposal", probability=65).probability == 65


def test_a_missing_rate_is_refused_and_nothing_is_written(kenyan):
    with pytest.raises(ValidationError) as caught:
        OpportunityFactory(organisation=kenyan, amount=100, currency="GBP")
    assert "no exchange rate for GBP" in caught.value.message_dict["currency"][0]
    assert (
        not Opportunity.objects.exists()
        and not HistoryEntry.objects.filter(model="funding.opportunity").exists()
    )


def test_every_wrong_field_is_reported_at_once(kenyan):
    with pytest.raises(ValidationError) as caught:
        pipeline_services.opportunity_create(
            actor=None,
            organisation=kenyan,
            title=" ",
            amount=-5,
            kind="in_kind",
            stage="proposal",
            flagship="9",
        )
    assert {"title", "amount", "in_kind_description", "flagship"} <= set(caught.value.message_dict)


def test_proposal_created_directly_needs_an_amount(kenyan):
    with pytest.raises(ValidationError) as caught:
        OpportunityFactory(organisation=kenyan, amount=0, stage="proposal")
    assert "amount" in caught.value.message_dict


def test_the_partner_cannot_be_its_own_co_funder(kenyan, brazilian):
    with pytest.raises(ValidationError) as caught:
        OpportunityFactory(organisation=kenyan, co_funders=[kenyan.pk])
    assert "co_funders" in caught.value.message_dict
    o = OpportunityFactory(organisation=kenyan, co_funders=[brazilian.pk])
    assert list(o.co_funders.all()) == [brazilian]


def test_what_it_would_fund_is_linked(kenyan):
    o = OpportunityFactory(
        organisation=kenyan,
        flagship="1",
        outcomes=["1.1"],
        countries=["KE", "tz"],
        strategies=["1.1"],
    )
    assert o.flagship.code == "1" and [x.code for x in o.outcomes.all()] == ["1.1"]
    assert sorted(c.code for c in o.countries.all()) == ["KE", "TZ"]
    assert [s.code for s in o.strategies.all()] == ["1.1"]
    created = history_for(o)[0]
    assert created.action == "create" and created.changes["countries"] == [None, ["KE", "TZ"]]


def test_an_edit_converts_again_and_records_old_and_new(kenyan, euro, officer):
    rate("EUR", "0.80", date(2025, 1, 1))
    o = OpportunityFactory(organisation=kenyan, amount=920, currency="EUR")
    o = pipeline_services.opportunity_update(
        actor=officer, opportunity=o, expected_version=o.version, value_date=date(2025, 1, 9)
    )
    assert (o.amount_usd, o.usd_rate, o.version) == (Decimal("1150.00"), Decimal("0.8"), 2)
    entry = history_for(o)[0]
    assert entry.changes["amount_usd"] == ["1000.00", "1150.00"] and entry.actor == officer


def test_the_region_follows_the_partner(kenyan, brazilian):
    o = OpportunityFactory(organisation=kenyan)
    o = pipeline_services.opportunity_update(actor=None, opportunity=o, organisation=brazilian.pk)
    assert o.region_id == brazilian.region_id


def test_a_stale_edit_is_refused(kenyan):
    o = OpportunityFactory(organisation=kenyan)
    stale = Opportunity.objects.get(pk=o.pk)
    pipeline_services.opportunity_update(actor=None, opportunity=o, title="New", expected_version=1)
    with pytest.raises(ConflictError):
        pipeline_services.opportunity_update(
            actor=None, opportunity=stale, title="Other", expected_version=1
        )
    with pytest.raises(ConflictError):
        pipeline_services.opportunity_move(None, stale, stage_code="cultivating", version=1)
    assert Opportunity.objects.get(pk=o.pk).title == "New"


def test_an_edit_that_changes_nothing_keeps_the_version(kenyan):
    o = OpportunityFactory(organisation=kenyan, title="Same")
    o = pipeline_services.opportunity_update(actor=None, opportunity=o, title="Same")
    assert o.version == 1 and history_for(o).count() == 1


def test_a_refused_move_leaves_the_object_as_it_was():
    o = OpportunityFactory(stage="negotiation", expected_decision_date=None)
    with pytest.raises(ValidationError):
        move(o, "won")
    assert (o.stage.code, o.version) == ("negotiation", 1)


def test_a_regional_focal_point_records_only_in_their_region(make_user, region, kenyan, brazilian):
    regional = make_user(Role.REGIONAL, regions=[region])
    OpportunityFactory(organisation=kenyan, actor=regional)
    with pytest.raises(ValidationError):  # out of scope looks unknown
        OpportunityFactory(organisation=brazilian, actor=regional)
    o = OpportunityFactory(organisation=kenyan)
    with pytest.raises(ValidationError):
        pipeline_services.opportunity_update(
            actor=regional, opportunity=o, organisation=brazilian.pk
        )


@pytest.mark.parametrize("role", [Role.PROGRAMME, Role.MANAGEMENT, Role.REVIEWER])
def test_readers_may_not_write(make_user, role, kenyan):
    user = make_user(role)
    with pytest.raises(PermissionDeniedError):
        OpportunityFactory(organisation=kenyan, actor=user)
    o = OpportunityFactory(organisation=kenyan)
    with pytest.raises(PermissionDeniedError):
        move(o, "cultivating", actor=user)


def test_archived_partners_cannot_be_chosen():
    org = OrganisationFactory()
    partner_services.organisation_archive(actor=None, organisation=org)
    with pytest.raises(ValidationError) as caught:
        OpportunityFactory(organisation=org)
    assert "archived" in caught.value.message_dict["organisation"][0]


def test_flagships_resolve_by_code(kenyan):
    code = FlagshipProgramme.objects.order_by("code").first().code
    assert OpportunityFactory(organisation=kenyan, flagship=code).flagship.code == code
