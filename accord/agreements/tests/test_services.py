"""Writing agreements: references, parties, value in USD, history, versions, the key terms
locked after signing, and amendments that record exactly what changed."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from accord.accounts.models import Role
from accord.agreements import amendment_services, selectors, services
from accord.agreements.models import Agreement, PartyRole
from accord.agreements.tests.conftest import RATE_DAY
from accord.agreements.tests.factories import (
    AgreementFactory,
    agreement_type,
    days_from_today,
    move,
    signed_agreement,
)
from accord.agreements.tests.helpers import history_of
from accord.core.errors import ConflictError, PermissionDeniedError
from accord.partners.tests.factories import OrganisationFactory, country

pytestmark = pytest.mark.django_db


def errors(func, **kwargs) -> dict:
    with pytest.raises(ValidationError) as excinfo:
        func(**kwargs)
    return excinfo.value.message_dict


def test_references_are_numbered_per_year():
    first, second = AgreementFactory(), AgreementFactory()
    year = date.today().year
    assert (first.reference, second.reference) == (f"AGR-{year}-0001", f"AGR-{year}-0002")
    assert AgreementFactory(reference_year=2019).reference == "AGR-2019-0001"


def test_a_value_is_converted_to_usd_with_the_rate_and_its_source(eur_rate):
    a = AgreementFactory(amount=Decimal("900000"), currency="eur", value_date=RATE_DAY)
    assert (a.currency, a.amount_usd, a.usd_rate, a.rate_source) == (
        "EUR",
        Decimal("1000000.00"),
        Decimal("0.9"),
        "Test ROE",
    )


def test_a_missing_rate_is_a_clear_error_on_the_currency():
    found = errors(AgreementFactory, amount=Decimal("10"), currency="GBP", value_date=RATE_DAY)
    assert "no exchange rate for GBP in March 2025" in found["currency"][0]
    assert not Agreement.objects.exists()


def test_an_amount_needs_a_currency_and_a_value_date():
    found = errors(AgreementFactory, amount=Decimal("10"))
    assert set(found) == {"currency", "value_date"}


def test_every_wrong_field_is_reported_at_once():
    found = errors(
        AgreementFactory,
        title=" ",
        type="nope",
        parties=[],
        start_date=date(2025, 5, 1),
        end_date=date(2025, 4, 1),
    )
    assert {"title", "type", "parties", "end_date"} <= set(found)


def test_parties_keep_their_roles_and_appear_once():
    org = OrganisationFactory()
    found = errors(AgreementFactory, parties=[org.pk, org.pk])
    assert "only once" in found["parties"][0]
    assert "Unknown party role" in errors(AgreementFactory, parties=[(org, "king")])["parties"][0]
    a = AgreementFactory(parties=[{"organisation": org.pk, "role": "donor"}])
    assert list(a.party_links.values_list("role", flat=True)) == [PartyRole.DONOR]


def test_creation_is_in_the_history():
    a = AgreementFactory(title="MoU on housing")
    (entry,) = history_of(a)
    assert entry.action == "create"
    assert entry.changes["title"] == [None, "MoU on housing"]
    assert entry.changes["status"] == [None, "draft"]


def test_an_edit_records_old_and_new_and_bumps_the_version():
    a = AgreementFactory(title="Old title")
    services.agreement_update(actor=None, agreement=a, title="New title", expected_version=1)
    assert a.version == 2
    assert history_of(a)[-1].changes == {"title": ["Old title", "New title"]}


def test_a_stale_edit_is_refused():
    a = AgreementFactory()
    services.agreement_update(actor=None, agreement=a, title="First")
    with pytest.raises(ConflictError):
        services.agreement_update(actor=None, agreement=a, title="Second", expected_version=1)


def test_an_edit_that_changes_nothing_writes_nothing():
    a = AgreementFactory(title="Same")
    services.agreement_update(actor=None, agreement=a, title="Same")
    assert a.version == 1 and len(history_of(a)) == 1


def test_a_signed_agreement_key_terms_change_only_by_amendment():
    a = signed_agreement()
    found = errors(
        services.agreement_update,
        actor=None,
        agreement=a,
        title="Changed",
        end_date=days_from_today(700),
    )
    assert set(found) == {"title", "end_date"}
    services.agreement_update(actor=None, agreement=a, summary="Background", office="Nairobi")
    assert a.office == "Nairobi"


def test_an_amendment_applies_and_records_exactly_what_changed():
    a = signed_agreement(end_date=days_from_today(365))
    donor = OrganisationFactory(name="Donor Org")
    old_party = a.party_links.get().organisation
    parties = [
        {"organisation": old_party.pk, "role": "co_signatory"},
        {"organisation": donor.pk, "role": "donor"},
    ]
    m = amendment_services.amendment_create(
        actor=None,
        agreement=a,
        signed_on=days_from_today(0),
        summary="Extension",
        end_date=days_from_today(730),
        title=a.title,
        parties=parties,
    )
    assert m.number == 1
    assert set(m.changes) == {"end_date", "parties"}
    assert m.changes["end_date"] == [
        days_from_today(365).isoformat(),
        days_from_today(730).isoformat(),
    ]
    assert "Donor Org (Donor)" in m.changes["parties"][1]
    a.refresh_from_db()
    assert a.end_date == days_from_today(730) and a.party_links.count() == 2
    assert history_of(a)[-1].note == "Amendment 1: Extension"
    second = amendment_services.amendment_create(
        actor=None, agreement=a, signed_on=days_from_today(0), summary="Rename", title="New"
    )
    assert second.number == 2
    assert list(second.changes) == ["title"] and second.changes["title"][1] == "New"


def test_an_amendment_that_changes_nothing_or_a_draft_is_refused():
    a = signed_agreement()
    found = errors(
        amendment_services.amendment_create,
        actor=None,
        agreement=a,
        signed_on=days_from_today(0),
        summary="Nothing",
        title=a.title,
    )
    assert "changes none" in found["__all__"][0]
    draft = AgreementFactory()
    found = errors(
        amendment_services.amendment_create,
        actor=None,
        agreement=draft,
        signed_on=days_from_today(0),
        summary="x",
        title="y",
    )
    assert "Only a signed or active" in found["__all__"][0]


def test_an_amendment_keeps_the_usd_value_in_step(eur_rate):
    a = AgreementFactory(
        type=agreement_type("contribution"),
        amount=Decimal("90"),
        currency="EUR",
        value_date=RATE_DAY,
    )
    move(a, "submit", "sign")
    m = amendment_services.amendment_create(
        actor=None,
        agreement=a,
        signed_on=days_from_today(0),
        summary="Top-up",
        amount=Decimal("180"),
    )
    assert m.changes["amount"] == ["90.00", "180.00"]
    assert m.changes["amount_usd"] == ["100.00", "200.00"]
    found = errors(
        amendment_services.amendment_create,
        actor=None,
        agreement=a,
        signed_on=days_from_today(0),
        summary="Remove",
        amount=None,
    )
    assert "cannot be removed" in found["amount"][0]


def test_a_regional_focal_point_keeps_agreements_in_their_region(
    make_user, region, brazilian, kenyan
):
    regional = make_user(Role.REGIONAL, regions=[region])
    found = errors(AgreementFactory, actor=regional, parties=[brazilian.pk])
    assert "outside your scope" in found["parties"][0]
    a = AgreementFactory(actor=regional, parties=[kenyan.pk])
    assert a.created_by == regional


def test_people_who_may_not_edit_are_refused(make_user):
    with pytest.raises(PermissionDeniedError):
        AgreementFactory(actor=make_user(Role.MANAGEMENT))


def test_prefill_from_an_opportunity_takes_its_terms(officer, opportunity):
    values = selectors.prefill_from_opportunity(user=officer, pk=opportunity.pk)
    assert values["title"] == opportunity.title
    assert values["parties"][0]["organisation"] == opportunity.organisation
    assert values["parties"][0]["role"] == PartyRole.DONOR
    assert (values["amount"], values["currency"]) == (Decimal("900000.00"), "EUR")
    assert values["flagship"] == opportunity.flagship_id
    assert len(values["outcomes"]) == 2


def test_an_opportunity_outside_the_users_scope_cannot_be_linked(
    make_user, opportunity, other_region
):
    outsider = make_user(Role.REGIONAL, regions=[other_region])
    brazil_partner = OrganisationFactory(country=country("BR"))
    found = errors(
        AgreementFactory, actor=outsider, parties=[brazil_partner.pk], opportunity=opportunity.pk
    )
    assert "outside your scope" in found["opportunity"][0]
