"""Registration of a new organisation: verification by e-mail, the duplicate and sanctions
checks shown to staff, approval that creates the organisation and the account, rejection."""

import pytest
from django.core import mail, signing
from django.urls import reverse

from accord.accounts.models import Role, User
from accord.core.models import HistoryEntry
from accord.partners.models import Contact, Organisation
from accord.portal import registration_services
from accord.portal.models import Registration, RegistrationStatus
from accord.portal.tests.conftest import token_of
from accord.portal.tests.factories import registration_values

pytestmark = pytest.mark.django_db


def _form(**overrides) -> dict:
    values = registration_values(**overrides)
    values.pop("kind")
    values["password_again"] = values["password"]
    return values


def test_registering_sends_a_verification_link_and_stores_nothing_in_the_registry(
    client, verify_link, django_capture_on_commit_callbacks
):
    before = Organisation.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("portal:register"), _form(org_name="Kibera Youth Hub"))
    assert response.status_code == 302
    reg = Registration.objects.get(org_name="Kibera Youth Hub")
    assert reg.status == RegistrationStatus.UNVERIFIED
    assert reg.password_hash != "a-long-enough-passphrase"
    assert "Confirm your e-mail" in mail.outbox[0].subject
    assert mail.outbox[0].to == [reg.email]
    assert Organisation.objects.count() == before
    assert not User.objects.filter(email=reg.email).exists()
    # The link shows a button; only the click (POST) verifies.
    link = verify_link()
    assert client.get(link).status_code == 200
    reg.refresh_from_db()
    assert reg.status == RegistrationStatus.UNVERIFIED
    client.post(link)
    reg.refresh_from_db()
    assert reg.status == RegistrationStatus.SUBMITTED
    assert reg.verified_at is not None and reg.screened_at is not None


def test_missing_fields_are_named_and_nothing_is_stored(client):
    data = _form(org_name="", first_name="")
    data.pop("category")
    data["password_again"] = "something else entirely"
    response = client.post(reverse("portal:register"), data)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert {"org_name", "first_name", "category", "password_again"} <= set(errors)
    assert "Nothing has been saved" in response.content.decode()
    assert not Registration.objects.exists()
    assert not mail.outbox


def test_weak_password_and_taken_email_are_refused_on_their_fields(client, officer):
    response = client.post(
        reverse("portal:register"),
        _form(
            email=officer.email,
            password="12345678",
        ),
    )
    errors = response.context["form"].errors
    assert "already exists" in errors["email"][0]
    assert errors["password"]
    assert not Registration.objects.exists()


def test_the_hidden_field_filled_in_by_bots_stores_nothing(client):
    response = client.post(reverse("portal:register"), _form(nickname="buy cheap"))
    assert response.status_code == 302
    assert not Registration.objects.exists()
    assert not mail.outbox


def test_too_many_registrations_from_one_address_are_slowed_down(client, settings):
    settings.ACCORD_PORTAL_REGISTRATIONS_PER_HOUR = 2
    for _ in range(2):
        assert client.post(reverse("portal:register"), _form()).status_code == 302
    response = client.post(reverse("portal:register"), _form())
    assert response.status_code == 400
    assert "Too many registrations" in response.content.decode()
    assert Registration.objects.count() == 2


def test_a_damaged_link_says_so(client):
    response = client.get(reverse("portal:verify", args=["not-a-token"]))
    assert response.status_code == 400
    assert "not valid" in response.content.decode()


def test_an_expired_link_says_so_and_leaves_the_registration_unverified(
    client, verify_link, monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("portal:register"), _form())
    link = verify_link()
    later = signing.time.time() + 4 * 86400
    monkeypatch.setattr(signing.time, "time", lambda: later)
    response = client.post(link)
    assert response.status_code == 400
    assert "expired" in response.content.decode()
    assert Registration.objects.get().status == RegistrationStatus.UNVERIFIED


def test_a_link_opened_twice_does_nothing_more(submitted):
    reg = submitted()
    again = registration_services.registration_verify(token=registration_services.make_token(reg))
    assert again.status == RegistrationStatus.SUBMITTED


def test_staff_see_the_registered_organisation_it_may_duplicate(submitted, kenyan, officer_client):
    reg = submitted(org_name="Nairobi City County", acronym="NCC")
    assert reg.matches[0]["organisation_id"] == kenyan.pk
    page = officer_client.get(reverse("portal:registration", args=[reg.pk]))
    body = page.content.decode()
    assert "Is it already registered?" in body
    assert reverse("partners:detail", args=[kenyan.pk]) in body


def test_screening_matches_are_shown_and_must_be_explained_to_approve(
    submitted, listed, officer_client, officer
):
    reg = submitted(org_name="Acme Trading LLC")
    assert reg.screening and reg.screening[0]["listed_name"] == "ACME TRADING LLC"
    page = officer_client.get(reverse("portal:registration", args=[reg.pk]))
    assert "ACME TRADING LLC" in page.content.decode()
    response = officer_client.post(
        reverse("portal:registration_decide", args=[reg.pk]), {"decision": "approve", "note": ""}
    )
    assert response.status_code == 400
    assert "say why you approve" in response.content.decode()
    reg.refresh_from_db()
    assert reg.status == RegistrationStatus.SUBMITTED
    assert not Organisation.objects.filter(name="Acme Trading LLC").exists()


def test_approval_creates_the_organisation_contact_and_account(
    submitted, officer_client, officer, client, django_capture_on_commit_callbacks
):
    reg = submitted(org_name="Mombasa Women in Housing")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = officer_client.post(
            reverse("portal:registration_decide", args=[reg.pk]), {"decision": "approve"}
        )
    assert response.status_code == 302
    reg.refresh_from_db()
    org = Organisation.objects.get(name="Mombasa Women in Housing")
    assert reg.status == RegistrationStatus.APPROVED and reg.organisation == org
    assert org.category.code == "civil_society" and org.country_id == "KE"
    user = reg.user
    assert user.is_active and user.role == Role.PARTNER and user.organisation == org
    contact = Contact.objects.get(organisation=org)
    assert contact.email == reg.email and contact.is_primary
    created = HistoryEntry.objects.get(model="partners.organisation", object_id=org.pk)
    assert created.actor == officer
    assert "approved" in mail.outbox[0].subject
    # The person logs in with the password chosen at registration.
    assert client.login(username=reg.email, password="a-long-enough-passphrase")
    assert client.get(reverse("portal:home")).url == reverse("portal:partner_home")


def test_staff_may_attach_the_person_to_the_registered_duplicate(submitted, kenyan, officer_client):
    reg = submitted(org_name="Nairobi City County", acronym="NCC")
    count = Organisation.objects.count()
    officer_client.post(
        reverse("portal:registration_decide", args=[reg.pk]),
        {"decision": "approve", "organisation": kenyan.pk},
    )
    reg.refresh_from_db()
    assert reg.organisation == kenyan and reg.user.organisation == kenyan
    assert Organisation.objects.count() == count


def test_rejection_needs_a_reason_which_the_person_receives(
    submitted, officer_client, django_capture_on_commit_callbacks
):
    reg = submitted()
    response = officer_client.post(
        reverse("portal:registration_decide", args=[reg.pk]), {"decision": "reject", "note": ""}
    )
    assert response.status_code == 400
    assert "Give the reason" in response.content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        officer_client.post(
            reverse("portal:registration_decide", args=[reg.pk]),
            {"decision": "reject", "note": "Not an urban actor."},
        )
    reg.refresh_from_db()
    assert reg.status == RegistrationStatus.REJECTED
    assert "Not an urban actor." in mail.outbox[0].body
    assert not User.objects.filter(email=reg.email).exists()


def test_a_decided_registration_cannot_be_decided_again(submitted, officer):
    reg = submitted()
    registration_services.registration_reject(actor=officer, registration=reg, reason="No.")
    with pytest.raises(Exception, match="cannot be approved"):
        registration_services.registration_approve(actor=officer, registration=reg)


def test_readers_without_approval_rights_cannot_decide(submitted, make_user, client):
    reg = submitted()
    client.force_login(make_user(Role.MANAGEMENT))
    assert client.get(reverse("portal:registration", args=[reg.pk])).status_code == 200
    response = client.post(
        reverse("portal:registration_decide", args=[reg.pk]), {"decision": "approve"}
    )
    assert response.status_code == 403
    reg.refresh_from_db()
    assert reg.status == RegistrationStatus.SUBMITTED


def test_verification_link_is_tied_to_the_address(
    verify_link, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("portal:register"), _form())
    token = token_of(verify_link())
    Registration.objects.update(email="someone-else@example.org")
    with pytest.raises(Exception, match="not valid any more"):
        registration_services.registration_from_token(token)
