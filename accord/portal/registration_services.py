"""Registrations: a new organisation with its focal point, or a person asking to join a
registered organisation. The person proves their e-mail address with a signed link; the
checks (duplicates, sanctions) run then; staff (or, for a join request, the organisation's
focal point) decide. Only approval writes the registry (through accord.partners.services)
and creates the account."""

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accord.accounts.models import Role, User
from accord.core.errors import PermissionDeniedError
from accord.core.history import record
from accord.partners import services as partner_services
from accord.partners.models import LawfulBasis, Organisation
from accord.portal import checks, mail, permissions, states
from accord.portal.models import Registration, RegistrationKind, RegistrationStatus
from accord.portal.registry import registry_actor, registry_batch

TOKEN_SALT = "accord.portal.verify"  # noqa: S105 (a namespace, not a secret)


def verify_days() -> int:
    return int(getattr(settings, "ACCORD_PORTAL_VERIFY_DAYS", 3))


def make_token(registration: Registration) -> str:
    return signing.dumps({"r": registration.pk, "e": registration.email}, salt=TOKEN_SALT)


def _username_for(email: str) -> str:
    return email.strip().lower()[:150]


def _check_person(values: dict, errors: dict) -> None:
    email = (values.get("email") or "").strip().lower()
    for field, label in (
        ("first_name", "first name"),
        ("last_name", "last name"),
        ("email", "e-mail address"),
    ):
        if not (values.get(field) or "").strip():
            errors.setdefault(field, [f"Enter your {label}."])
    if email and User.objects.filter(email__iexact=email).exists():
        errors.setdefault(
            "email", ["An account with this e-mail address already exists: log in instead."]
        )
    waiting = (RegistrationStatus.UNVERIFIED, RegistrationStatus.SUBMITTED)
    if email and Registration.objects.filter(email__iexact=email, status__in=waiting).exists():
        errors.setdefault(
            "email",
            [
                "A registration with this e-mail address is already in progress: use the link we "
                "sent to it, or wait for the decision."
            ],
        )
    probe = User(
        username=email,
        email=email,
        first_name=values.get("first_name", ""),
        last_name=values.get("last_name", ""),
    )
    try:
        validate_password(values.get("password") or "", user=probe)
    except ValidationError as exc:
        errors.setdefault("password", list(exc.messages))


def _check_organisation(kind: str, values: dict, errors: dict) -> dict:
    resolved = {}
    if not (values.get("org_name") or "").strip():
        errors.setdefault("org_name", ["Enter the organisation's name."])
    if kind == RegistrationKind.NEW:
        try:
            resolved["category"] = partner_services.resolve_category(values.get("category"))
        except ValidationError as exc:
            errors.setdefault("category", exc.message_dict["category"])
    try:
        resolved["country"] = partner_services.resolve_country(values.get("country"))
    except ValidationError as exc:
        errors.setdefault("country", exc.message_dict["country"])
    if kind == RegistrationKind.NEW and resolved.get("country") is None:
        errors.setdefault("country", ["Choose the country of the organisation's seat."])
    return resolved


_TEXT = (
    "org_name",
    "acronym",
    "org_email",
    "iati_identifier",
    "registration_number",
    "first_name",
    "last_name",
    "job_title",
    "message",
)


@transaction.atomic
def registration_submit(*, kind: str, verify_url, **values) -> Registration:
    """Keep what the person typed (the password hashed) and send the verification link.
    `verify_url(token)` turns a token into the absolute link to put in the e-mail."""
    if kind not in RegistrationKind.values:
        raise ValidationError({"kind": "Choose a new organisation or joining a registered one."})
    errors: dict = {}
    resolved = _check_organisation(kind, values, errors)
    _check_person(values, errors)
    reg = Registration(
        kind=kind,
        email=(values.get("email") or "").strip().lower(),
        website=partner_services.clean_website(values.get("website") or ""),
        password_hash=make_password(values.get("password") or None),
        **{f: " ".join(str(values.get(f) or "").split()) for f in _TEXT},
        **resolved,
    )
    if not errors:
        try:
            reg.full_clean(exclude=["password_hash", "category", "country"])
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    reg.save()
    mail.verification_mail(
        to=reg.email, name=reg.first_name, link=verify_url(make_token(reg)), days=verify_days()
    )
    return reg


def registration_from_token(token: str) -> Registration:
    """The registration a verification link names; a clear error when the link is damaged,
    expired or already used."""
    max_age = verify_days() * 86400
    try:
        data = signing.loads(token, salt=TOKEN_SALT, max_age=max_age)
    except signing.SignatureExpired:
        raise ValidationError(
            f"This link has expired (links are valid for {verify_days()} day(s)). "
            "Register again to receive a new one."
        ) from None
    except signing.BadSignature:
        raise ValidationError(
            "This link is not valid: copy the whole address from the e-mail we sent you."
        ) from None
    reg = (
        Registration.objects.select_related("category", "country")
        .filter(pk=data.get("r"), email=data.get("e"))
        .first()
    )
    if reg is None:
        raise ValidationError("This link is not valid any more: register again.")
    return reg


@transaction.atomic
def registration_verify(*, token: str) -> Registration:
    """The e-mail is proven: run the duplicate and sanctions checks, and queue the request
    for a decision. A join request is aimed at the best-matching registered organisation."""
    reg = registration_from_token(token)
    if reg.status != RegistrationStatus.UNVERIFIED:
        return reg  # the link was opened twice: nothing more to do
    reg.status = states.next_status("registration", "verify", reg)
    reg.verified_at = timezone.now()
    reg.matches = checks.duplicate_matches(reg)
    reg.screening = checks.screening_hits(reg)
    reg.screened_at = reg.verified_at
    if reg.kind == RegistrationKind.JOIN and reg.matches:
        reg.organisation_id = reg.matches[0]["organisation_id"]
    reg.save()
    record(obj=reg, action="update", changes={"status": ["unverified", reg.status]})
    return reg


def _create_organisation(actor, reg: Registration) -> Organisation:
    return partner_services.organisation_create(
        actor=actor,
        name=reg.org_name,
        acronym=reg.acronym,
        category=reg.category,
        country=reg.country,
        website=reg.website,
        email=reg.org_email,
        iati_identifier=reg.iati_identifier,
        registration_number=reg.registration_number,
        ref=f"portal-registration-{reg.pk}",
        is_demo=reg.is_demo,
    )


def _create_account(reg: Registration, org: Organisation) -> User:
    username = _username_for(reg.email)
    if User.objects.filter(username=username).exists():
        raise ValidationError({"email": "An account with this e-mail address exists already."})
    user = User(
        username=username,
        email=reg.email,
        first_name=reg.first_name,
        last_name=reg.last_name,
        role=Role.PARTNER,
        organisation=org,
        is_active=True,
    )
    user.password = reg.password_hash
    user.save()
    return user


@transaction.atomic
def registration_approve(
    *, actor, registration: Registration, organisation=None, note: str = "", login_url: str = ""
) -> Registration:
    """Approve: a new organisation is created in the registry (or, when staff find it is
    already registered, the person joins `organisation`), the person becomes its contact and
    gets a partner account. Screening hits must be explained in `note`."""
    reg = Registration.objects.select_for_update().get(pk=registration.pk)
    if not permissions.can_decide_registration(actor, reg):
        raise PermissionDeniedError("You may not decide this request.")
    reg.status = states.next_status("registration", "approve", reg)
    note = (note or "").strip()
    if reg.screening and not note:
        raise ValidationError(
            {
                "note": "The sanctions screening found possible matches: say "
                "why you approve despite them."
            }
        )
    if organisation is not None and not permissions.can_approve(actor):
        raise PermissionDeniedError("Only staff may choose another organisation.")
    org = organisation or (reg.organisation if reg.kind == RegistrationKind.JOIN else None)
    if reg.kind == RegistrationKind.JOIN and org is None:
        raise ValidationError({"organisation": "Choose the organisation this person joins."})
    writer = registry_actor(actor)
    if org is None:
        org = _create_organisation(writer, reg)
    partner_services.contact_create(
        actor=writer,
        organisation=org,
        first_name=reg.first_name,
        last_name=reg.last_name,
        job_title=reg.job_title,
        email=reg.email,
        is_primary=reg.kind == RegistrationKind.NEW,
        lawful_basis=LawfulBasis.CONSENT,
        consent_given_at=reg.verified_at,
        source="Partner portal registration",
        is_demo=reg.is_demo,
        batch=registry_batch(actor, writer),
    )
    reg.organisation = org
    reg.user = _create_account(reg, org)
    states.record_decision(
        reg,
        actor=actor,
        before=RegistrationStatus.SUBMITTED,
        reason=note,
        changes={"organisation": [None, str(org)]},
        fields=("organisation", "user"),
    )
    mail.decision_mail(
        to=reg.email, name=reg.first_name, approved=True, what=_what(reg), login_link=login_url
    )
    return reg


@transaction.atomic
def registration_reject(*, actor, registration: Registration, reason: str) -> Registration:
    """Refuse, with the reason the person receives by e-mail."""
    reg = Registration.objects.select_for_update().get(pk=registration.pk)
    if not permissions.can_decide_registration(actor, reg):
        raise PermissionDeniedError("You may not decide this request.")
    reg.status = states.next_status("registration", "reject", reg)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Give the reason: the person receives it."})
    states.record_decision(reg, actor=actor, before=RegistrationStatus.SUBMITTED, reason=reason)
    mail.decision_mail(
        to=reg.email, name=reg.first_name, approved=False, what=_what(reg), reason=reason
    )
    return reg


def _what(reg: Registration) -> str:
    if reg.kind == RegistrationKind.JOIN:
        return "request to join an organisation on Accord"
    return f"registration of {reg.org_name} on Accord"
