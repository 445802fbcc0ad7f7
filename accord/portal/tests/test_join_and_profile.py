"""Join requests decided by the organisation's focal point or staff; the partner's profile:
key fields as change requests with a diff, other fields applied at once and in the
organisation's history as the partner's."""

import pytest
from django.urls import reverse

from accord.core.errors import ConflictError
from accord.core.models import HistoryEntry
from accord.partners import services as partner_services
from accord.partners.models import Contact
from accord.portal import profile_services, registration_services
from accord.portal.models import ChangeRequest, ChangeStatus, RegistrationKind

pytestmark = pytest.mark.django_db


def _by_partner(entry, user) -> bool:
    """The registry's history names the partner: as the actor, or on the system's entry
    written on the partner's behalf (see accord/portal/registry.py)."""
    return entry.actor == user or entry.batch == f"portal:{user.username}"


def test_a_join_request_is_aimed_at_the_matching_organisation_and_its_focal_point_decides(
    submitted, kenyan, partner_a, client
):
    reg = submitted(kind=RegistrationKind.JOIN, org_name="Nairobi City County", category="")
    assert reg.organisation == kenyan
    client.force_login(partner_a)
    home = client.get(reverse("portal:partner_home"))
    assert reg.full_name in home.content.decode()
    client.post(reverse("portal:join_decide", args=[reg.pk]), {"decision": "approve"})
    reg.refresh_from_db()
    assert reg.status == "approved"
    assert reg.user.organisation == kenyan and reg.user.is_active
    assert Contact.objects.filter(organisation=kenyan, email=reg.email).exists()


def test_the_focal_point_of_another_organisation_cannot_see_or_decide_a_join_request(
    submitted, kenyan, partner_b, client
):
    reg = submitted(kind=RegistrationKind.JOIN, org_name="Nairobi City County", category="")
    client.force_login(partner_b)
    assert reg.full_name not in client.get(reverse("portal:partner_home")).content.decode()
    response = client.post(reverse("portal:join_decide", args=[reg.pk]), {"decision": "approve"})
    assert response.status_code == 404
    reg.refresh_from_db()
    assert reg.status == "submitted"


def test_a_join_request_matching_nothing_waits_for_staff_to_choose(submitted, kenyan, officer):
    reg = submitted(kind=RegistrationKind.JOIN, org_name="Zzyzx Unknown Collective", category="")
    assert reg.organisation is None
    with pytest.raises(Exception, match="Choose the organisation"):
        registration_services.registration_approve(actor=officer, registration=reg)
    registration_services.registration_approve(actor=officer, registration=reg, organisation=kenyan)
    reg.refresh_from_db()
    assert reg.user.organisation == kenyan


def test_key_fields_become_a_change_request_and_others_apply_at_once(client, partner_a, kenyan):
    client.force_login(partner_a)
    form = client.get(reverse("portal:profile")).context["form"]
    data = {k: v for k, v in form.initial.items() if v not in (None, [])}
    data.update(
        name="Nairobi Metropolitan County",
        city="Nairobi",
        description="The capital's county government.",
        note="Renamed by law.",
        outcomes=["1.1", "2.1"],
        resources_offered=["data"],
    )
    response = client.post(reverse("portal:profile"), data)
    assert response.status_code == 302, response.context["form"].errors
    kenyan.refresh_from_db()
    assert kenyan.name == "Nairobi City County"  # waits for approval
    assert kenyan.city == "Nairobi" and kenyan.resources_offered == ["data"]
    assert sorted(kenyan.outcomes.values_list("code", flat=True)) == ["1.1", "2.1"]
    change = ChangeRequest.objects.get(organisation=kenyan)
    assert change.changes == {"name": ["Nairobi City County", "Nairobi Metropolitan County"]}
    assert change.note == "Renamed by law."
    entry = HistoryEntry.objects.filter(
        model="partners.organisation", object_id=kenyan.pk, action="update"
    ).latest("id")
    assert _by_partner(entry, partner_a)
    assert set(entry.changes) >= {"city", "description", "outcomes", "resources_offered"}
    assert "name" not in entry.changes


def test_staff_apply_a_change_request_through_the_registry(
    partner_a, kenyan, officer, officer_client
):
    result = profile_services.profile_update(
        actor=partner_a,
        organisation=kenyan,
        name="Nairobi Metropolitan County",
        category="local_authority",
        iati_identifier="KE-CTY-047",
    )
    change = result["request"]
    assert set(change.changes) == {"name", "iati_identifier"}  # category did not change
    page = officer_client.get(reverse("portal:change", args=[change.pk]))
    body = page.content.decode()
    assert "Nairobi City County" in body and "Nairobi Metropolitan County" in body
    officer_client.post(reverse("portal:change", args=[change.pk]), {"decision": "approve"})
    kenyan.refresh_from_db()
    change.refresh_from_db()
    assert change.status == ChangeStatus.APPLIED and change.decided_by == officer
    assert kenyan.name == "Nairobi Metropolitan County"
    assert kenyan.iati_identifier == "KE-CTY-047"
    entry = HistoryEntry.objects.filter(model="partners.organisation", object_id=kenyan.pk).latest(
        "id"
    )
    assert entry.actor == officer and "name" in entry.changes


def test_a_change_overtaken_by_another_edit_is_not_applied(partner_a, kenyan, officer):
    change = profile_services.profile_update(
        actor=partner_a, organisation=kenyan, name="Nairobi Metro"
    )["request"]
    partner_services.organisation_update(
        actor=officer, organisation=kenyan, name="Nairobi County Government"
    )
    with pytest.raises(Exception, match="changed since the partner asked"):
        profile_services.change_request_apply(actor=officer, request=change)
    kenyan.refresh_from_db()
    assert kenyan.name == "Nairobi County Government"


def test_one_change_request_at_a_time_and_rejection_needs_a_reason(partner_a, kenyan, officer):
    change = profile_services.profile_update(
        actor=partner_a, organisation=kenyan, name="Nairobi Metro"
    )["request"]
    with pytest.raises(Exception, match="already waiting"):
        profile_services.profile_update(actor=partner_a, organisation=kenyan, name="Other")
    with pytest.raises(Exception, match="Give the reason"):
        profile_services.change_request_reject(actor=officer, request=change, reason=" ")
    profile_services.change_request_reject(actor=officer, request=change, reason="No law yet.")
    change.refresh_from_db()
    assert change.status == ChangeStatus.REJECTED


def test_a_stale_profile_edit_is_refused(partner_a, kenyan, officer):
    version = kenyan.version
    partner_services.organisation_update(actor=officer, organisation=kenyan, city="Thika")
    with pytest.raises(ConflictError):
        profile_services.profile_update(
            actor=partner_a, organisation=kenyan, expected_version=version, city="Nairobi"
        )


def test_an_empty_name_is_refused_on_its_field(client, partner_a):
    client.force_login(partner_a)
    form = client.get(reverse("portal:profile")).context["form"]
    data = {k: v for k, v in form.initial.items() if v not in (None, [])}
    data["name"] = ""
    response = client.post(reverse("portal:profile"), data)
    assert response.status_code == 400
    assert "name" in response.context["form"].errors
    assert not ChangeRequest.objects.exists()


def test_the_partner_manages_its_own_contacts(client, partner_a, kenyan):
    client.force_login(partner_a)
    client.post(
        reverse("portal:contact_new"),
        {"first_name": "Achieng", "last_name": "Odhiambo", "email": "a@ncc.example"},
    )
    contact = Contact.objects.get(organisation=kenyan, last_name="Odhiambo")
    entry = HistoryEntry.objects.get(model="partners.contact", object_id=contact.pk)
    assert _by_partner(entry, partner_a)
    client.post(
        reverse("portal:contact_edit", args=[contact.pk]),
        {"first_name": "Achieng", "last_name": "Odhiambo", "job_title": "Planner"},
    )
    contact.refresh_from_db()
    assert contact.job_title == "Planner"
    client.post(reverse("portal:contact_remove", args=[contact.pk]))
    contact.refresh_from_db()
    assert contact.archived_at is not None


def test_a_contact_without_a_name_is_refused(client, partner_a):
    client.force_login(partner_a)
    response = client.post(reverse("portal:contact_new"), {"first_name": "", "last_name": ""})
    assert response.status_code == 400
    assert {"first_name", "last_name"} <= set(response.context["form"].errors)
