"""Decisions on screening hits: a written reason, the history of the partner or contact, no
second decision, reopening by an administrator only, and screening a partner on demand."""

import pytest
from django.core.exceptions import ValidationError

from accord.accounts.models import Role
from accord.core.errors import PermissionDeniedError
from accord.core.history import history_for
from accord.diligence import hit_services
from accord.diligence.models import HitStatus, ScreeningHit
from accord.diligence.tests.factories import make_hit
from accord.partners.tests.factories import ContactFactory, OrganisationFactory, country

pytestmark = pytest.mark.django_db


@pytest.fixture
def hit(listed, kenyan):
    return make_hit(organisation=kenyan)


def test_a_decision_needs_a_written_reason(hit, officer):
    with pytest.raises(ValidationError) as exc:
        hit_services.hit_decide(actor=officer, hit=hit, status="confirmed", reason="  ")
    assert exc.value.message_dict == {"reason": ["Write the reason for this decision."]}
    hit.refresh_from_db()
    assert hit.status == HitStatus.OPEN


def test_a_decision_is_kept_with_who_when_and_why(hit, officer):
    hit_services.hit_decide(
        actor=officer, hit=hit, status="false_positive", reason="Different country and sector."
    )
    hit.refresh_from_db()
    assert hit.status == HitStatus.FALSE_POSITIVE and hit.decided_by == officer
    assert hit.decided_at is not None and hit.reason == "Different country and sector."


def test_the_decision_lands_in_the_partners_history(hit, officer, kenyan):
    hit_services.hit_decide(actor=officer, hit=hit, status="confirmed", reason="Same address.")
    entry = history_for(kenyan)[0]
    assert entry.action == "update" and entry.actor == officer
    assert entry.changes == {"screening": ["open", "confirmed"]}
    assert "ACME TRADING LLC" in entry.note and "Same address." in entry.note


def test_a_decision_on_a_contact_lands_in_the_contacts_history(listed, kenyan, officer):
    contact = ContactFactory(organisation=kenyan, first_name="Ivan", last_name="Petrov")
    hit = make_hit(contact=contact, data_id="1")
    hit_services.hit_decide(actor=officer, hit=hit, status="false_positive", reason="Born 1990.")
    assert history_for(contact)[0].changes == {"screening": ["open", "false_positive"]}


def test_a_decided_hit_is_not_decided_again(hit, officer):
    hit_services.hit_decide(actor=officer, hit=hit, status="false_positive", reason="No.")
    stale = ScreeningHit.objects.get(pk=hit.pk)
    stale.status = HitStatus.OPEN  # as a page opened before the first decision holds it
    with pytest.raises(ValidationError, match="already decided"):
        hit_services.hit_decide(actor=officer, hit=stale, status="confirmed", reason="Yes.")
    assert ScreeningHit.objects.get(pk=hit.pk).status == HitStatus.FALSE_POSITIVE


def test_only_a_decision_is_accepted(hit, officer):
    with pytest.raises(ValidationError, match="confirmed"):
        hit_services.hit_decide(actor=officer, hit=hit, status="cleared", reason="x")


@pytest.mark.parametrize("role", [Role.REGIONAL, Role.PROGRAMME, Role.MANAGEMENT])
def test_roles_that_may_not_decide_are_refused(hit, make_user, role):
    with pytest.raises(PermissionDeniedError):
        hit_services.hit_decide(actor=make_user(role), hit=hit, status="confirmed", reason="x")


def test_an_administrator_reopens_a_decision_with_a_reason(hit, officer, admin_user, kenyan):
    hit_services.hit_decide(actor=officer, hit=hit, status="false_positive", reason="No.")
    with pytest.raises(ValidationError):
        hit_services.hit_reopen(actor=admin_user, hit=hit, reason="")
    hit_services.hit_reopen(actor=admin_user, hit=hit, reason="New facts from the panel.")
    hit.refresh_from_db()
    assert hit.status == HitStatus.OPEN and hit.decided_by is None
    assert history_for(kenyan)[0].changes == {"screening": ["false_positive", "open"]}
    hit_services.hit_decide(actor=officer, hit=hit, status="confirmed", reason="Same person.")


def test_an_officer_may_not_reopen(hit, officer):
    hit_services.hit_decide(actor=officer, hit=hit, status="confirmed", reason="Yes.")
    with pytest.raises(PermissionDeniedError):
        hit_services.hit_reopen(actor=officer, hit=hit, reason="Oops.")


def test_an_open_hit_cannot_be_reopened(hit, admin_user):
    with pytest.raises(ValidationError):
        hit_services.hit_reopen(actor=admin_user, hit=hit, reason="Why not.")


def test_screen_now_screens_the_partner_and_its_contacts_in_one_run(listed, officer):
    org = OrganisationFactory(name="Acme Trading Company", country=country("KP"))
    ContactFactory(organisation=org, first_name="Ivan", last_name="Petrov")
    ScreeningHit.objects.all().delete()
    run = hit_services.screen_organisation(actor=officer, organisation=org)
    assert run.counts["organisations_new"] == 1 and run.counts["contacts_new"] == 1
    assert set(run.hits.values_list("status", flat=True)) == {"open"}
    assert run.progress == {"organisation": org.pk}


def test_screen_now_without_a_list_says_so(kenyan, officer):
    with pytest.raises(ValidationError, match="No sanctions list is loaded"):
        hit_services.screen_organisation(actor=officer, organisation=kenyan)


def test_a_regional_focal_point_screens_only_their_region(listed, brazilian, make_user, region):
    with pytest.raises(PermissionDeniedError):
        hit_services.screen_organisation(
            actor=make_user(Role.REGIONAL, regions=[region]), organisation=brazilian
        )
