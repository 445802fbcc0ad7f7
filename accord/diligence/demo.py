"""The due-diligence part of the demonstration data (`load_demo_diligence()`; not wired into
`accord load_demo`): the real UN Security Council list shipped in accord/diligence/data/ (when
no version is loaded yet), two demo partners that resemble listed ones — an organisation named
like a listed entity with a spelling variant, and a contact named like a listed individual — so
the hits queue has realistic matches, reviews of some demo private-sector partners (approved,
approved with conditions, expired, rejected), and a screening of everyone.

Everything goes through the services (history batch "demo", `is_demo`) and is idempotent: a
partner or review already there is left alone. Reviews are prepared by one demo officer and
decided by another (four eyes)."""

from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from accord.accounts.models import Country, Role
from accord.core.history import record
from accord.diligence import review_services
from accord.diligence.loading import load_list
from accord.diligence.models import DiligenceReview, ListVersion, SanctionsList
from accord.diligence.screening.service import screen_everyone
from accord.partners import contact_services, services
from accord.partners.demo import demo_staff
from accord.partners.models import Organisation

BATCH = "demo"
LIST_FILE = Path(__file__).resolve().parent / "data/un-sc-consolidated-list-2025-11-20.xml"
# Resembles the listed entity IRe.063 SANAM INDUSTRIAL GROUP (a spelling variant).
LOOKALIKE_ORGANISATION = {
    "name": "Sanam Industrial Groupe", "category": "private_sector", "country": "IR",
    "description": "Demonstration partner named like a listed entity, to show screening.",
}
# A partner whose contact resembles the listed individual CDi.001 ERIC BADEGE.
CONTACT_HOST = {
    "name": "Great Lakes Urban Housing Cooperative", "category": "private_sector",
    "country": "CD",
    "description": "Demonstration partner whose contact is named like a listed individual.",
}
LOOKALIKE_CONTACT = {"first_name": "Éric", "last_name": "Badège", "job_title": "Director"}
CHECKLIST = {
    "weapons": {"answer": "clear", "note": ""},
    "tobacco": {"answer": "clear", "note": ""},
    "human_rights": {"answer": "clear", "note": "No adverse findings in media or NGO reports."},
    "labour": {"answer": "clear", "note": ""},
    "environment": {"answer": "unknown", "note": "No public environmental report."},
    "corruption": {"answer": "clear", "note": ""},
}
# The decision of each demo review, in the order of the demo private-sector partners.
OUTCOMES = ("approve", "approve_with_conditions", "expired", "reject")


@dataclass
class Summary:
    list_loaded: bool = False
    partners: int = 0
    reviews: int = 0
    hits: dict = field(default_factory=dict)


def _country(code: str) -> Country:
    return Country.objects.get(code=code)


def _lookalikes(summary: Summary) -> None:
    for spec in (LOOKALIKE_ORGANISATION, CONTACT_HOST):
        if Organisation.objects.filter(name=spec["name"], is_demo=True).exists():
            continue
        org = services.organisation_create(
            actor=None, **{**spec, "country": _country(spec["country"])}, is_demo=True,
            batch=BATCH,
        )
        summary.partners += 1
        if spec is CONTACT_HOST:
            contact_services.contact_create(
                actor=None, organisation=org, **LOOKALIKE_CONTACT, is_demo=True, batch=BATCH
            )


def _officers():
    users, _ = demo_staff()
    officers = [u for u, _region in users if u.role == Role.OFFICER]
    return officers[0], officers[1]


def _review(org, outcome: str, preparer, decider) -> None:
    review = review_services.review_create(
        actor=preparer, organisation=org, checklist=CHECKLIST, global_compact="participant",
        evidence="Company register extract; annual report; media search (demo).",
        risk_rating="medium" if outcome != "approve" else "low", is_demo=True, batch=BATCH,
    )
    review_services.review_transition(actor=preparer, review=review, transition="submit")
    name = "approve" if outcome == "expired" else outcome
    review_services.review_transition(
        actor=decider, review=review, transition=name,
        reason="Unresolved concerns about labour practices (demo)." if name == "reject" else "",
        conditions="Annual report on labour standards (demo)."
        if name == "approve_with_conditions" else "",
    )
    if outcome == "expired":
        # A review decided long ago: its dates are set back as the demo's history says.
        before = review.valid_until
        expired_on = timezone.localdate() - timedelta(days=30)
        DiligenceReview.objects.filter(pk=review.pk).update(
            valid_until=expired_on, decided_at=timezone.now() - timedelta(days=760)
        )
        record(obj=review, action="update", batch=BATCH,
               changes={"valid_until": [before.isoformat(), expired_on.isoformat()]},
               note="Demonstration data: an approval that has expired.")


def _reviews(summary: Summary) -> None:
    partners = list(
        Organisation.objects.filter(
            is_demo=True, category__code="private_sector", archived_at__isnull=True,
        )
        .exclude(name__in=[LOOKALIKE_ORGANISATION["name"], CONTACT_HOST["name"]])
        .order_by("sort_name", "id")[: len(OUTCOMES)]
    )
    if not partners:
        return
    preparer, decider = _officers()
    for org, outcome in zip(partners, OUTCOMES, strict=False):
        if DiligenceReview.objects.filter(organisation=org, is_demo=True).exists():
            continue
        _review(org, outcome, preparer, decider)
        summary.reviews += 1


def load_demo_diligence() -> Summary:
    """Load the due-diligence demonstration data (see the module); safe to run again."""
    summary = Summary()
    un_list = SanctionsList.objects.get(code="un_sc")
    if not ListVersion.objects.filter(sanctions_list=un_list).exists():
        load_list(actor=None, sanctions_list=un_list, file_name=LIST_FILE.name,
                  data=LIST_FILE.read_bytes())
        summary.list_loaded = True
    with transaction.atomic():
        _lookalikes(summary)
        _reviews(summary)
    run = screen_everyone()
    summary.hits = run.counts if run else {}
    return summary
