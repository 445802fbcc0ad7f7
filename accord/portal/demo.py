"""The portal's demonstration data (`load_demo_portal()`, part of `accord load_demo`): two
partner focal points of two demo organisations (so the isolation between partners can be
seen), a registration and a join request waiting for staff and the focal point, a pending
change of key details, and a few expressions of interest, one of them answered.

Demo partner logins: `partner.demo` and `partner2.demo`, with the password in the
environment variable ACCORD_DEMO_PARTNER_PASSWORD (default `partner-demo-2026`). Idempotent:
what is already there is left alone."""

import os

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import transaction

from accord.accounts.models import Role, User
from accord.partners.demo import demo_staff
from accord.partners.models import Organisation
from accord.portal import interest_services, profile_services, registration_services
from accord.portal.models import (
    ChangeRequest,
    ExpressionOfInterest,
    Registration,
    RegistrationKind,
)
from accord.strategy.selectors import category_list

PARTNERS = [
    ("partner.demo", "Amani", "Njoroge", "KE"),
    ("partner2.demo", "Lucia", "Ferreira", "BR"),
]
INTERESTS = [
    {
        "title": "Community mapping of informal settlements",
        "offers": "Trained youth teams who map and enumerate informal settlements with residents.",
        "seeks": "Technical guidance on participatory slum upgrading and data standards.",
        "resources": ["data", "expertise"],
        "outcomes": ["1.1", "1.2"],
        "flagships": ["1"],
    },
    {
        "title": "Climate-resilient housing pilots",
        "offers": "Local builders and a revolving fund for low-cost resilient housing.",
        "seeks": "Co-financing and access to UN-Habitat's climate adaptation network.",
        "resources": ["financing", "in_kind"],
        "outcomes": ["3.2"],
        "flagships": ["3"],
    },
    {
        "title": "Urban safety dialogues",
        "offers": "Convening power with neighbourhood associations and the municipality.",
        "seeks": "Facilitation of a city-wide dialogue on public space.",
        "resources": ["convening"],
        "outcomes": ["2.3"],
        "flagships": [],
    },
]


def _password() -> str:
    return os.environ.get("ACCORD_DEMO_PARTNER_PASSWORD", "partner-demo-2026")


def _demo_organisation(country: str, exclude=()) -> Organisation | None:
    rows = Organisation.objects.filter(
        is_demo=True, archived_at__isnull=True, merged_into__isnull=True
    ).exclude(pk__in=exclude)
    return (
        rows.filter(country_id=country, category__code="civil_society").order_by("id").first()
        or rows.filter(country_id=country).order_by("id").first()
        or rows.order_by("id").first()
    )


def _partner_user(username, first, last, org) -> tuple[User, bool]:
    user = User.objects.filter(username=username).first()
    if user is not None:
        return user, False
    user = User(
        username=username,
        first_name=first,
        last_name=last,
        role=Role.PARTNER,
        organisation=org,
        email=f"{username}@partner.example",
    )
    user.set_password(_password())
    user.save()
    return user, True


def _waiting_registration(kind: str, **values) -> bool:
    if Registration.objects.filter(is_demo=True, email=values["email"]).exists():
        return False
    # "!" is Django's unusable password: a demo request's person never logs in.
    reg = Registration.objects.create(
        kind=kind, is_demo=True, password_hash=UNUSABLE_PASSWORD_PREFIX, **values
    )
    registration_services.registration_verify(token=registration_services.make_token(reg))
    return True


@transaction.atomic
def load_demo_portal() -> dict:
    counts = {"partner users": 0, "registrations": 0, "interests": 0, "change requests": 0}
    users = []
    for username, first, last, country in PARTNERS:
        org = _demo_organisation(country, exclude=[u.organisation_id for u in users])
        if org is None:
            return counts  # no demo partners loaded
        user, created = _partner_user(username, first, last, org)
        users.append(user)
        counts["partner users"] += created
    first = users[0]
    counts["registrations"] += _waiting_registration(
        RegistrationKind.NEW,
        org_name="Kisumu Lakeside Women's Housing Cooperative",
        acronym="KLWHC",
        category=category_list().filter(code="civil_society").first(),
        country_id="KE",
        website="https://klwhc.example",
        first_name="Achieng",
        last_name="Otieno",
        email="achieng@klwhc.example",
        job_title="Chairperson",
        message="We build and manage cooperative housing around Kisumu.",
    )
    org_a = first.organisation
    counts["registrations"] += _waiting_registration(
        RegistrationKind.JOIN,
        org_name=org_a.name,
        country_id=org_a.country_id,
        first_name="Baraka",
        last_name="Mutua",
        email="baraka@partner.example",
        message="I lead the programme team and would like to follow our calls.",
    )
    if not ExpressionOfInterest.objects.filter(is_demo=True).exists():
        staff = next((u for u, _ in demo_staff()[0] if u.role == Role.OFFICER), None)
        for n, values in enumerate(INTERESTS):
            author = users[n % 2]
            eoi = interest_services.interest_create(
                actor=None,
                organisation=author.organisation,
                is_demo=True,
                countries=[author.organisation.country_id],
                **values,
            )
            counts["interests"] += 1
            if n == 0 and staff is not None:
                interest_services.interest_answer(
                    actor=staff,
                    interest=eoi,
                    answer="Thank you. Our Nairobi team will contact you about the settlement "
                    "profiling work of flagship programme 1.",
                )
    if not ChangeRequest.objects.filter(organisation=org_a).exists():
        profile_services.profile_update(
            actor=first,
            organisation=org_a,
            name=f"{org_a.name} Trust",
            note="The organisation was re-registered as a trust.",
        )
        ChangeRequest.objects.filter(organisation=org_a).update(is_demo=True)
        counts["change requests"] += 1
    return counts
