"""What the merge tests share: a pair of records of one partner with everything that can point
at an organisation, and a snapshot of all of it to prove an undo restores it exactly."""

from dataclasses import dataclass

from accord.accounts.models import Role
from accord.partners import relations, rowlog, services
from accord.partners.models import (
    DuplicateCandidate,
    ImportBatch,
    ImportKind,
    ImportRow,
    Organisation,
    RelationshipKind,
)
from accord.partners.tests.helpers import make_org

# Columns an undo does not put back: the version only grows (a form opened before the merge
# stays stale after the undo) and the last-changed time is the undo's own.
MOVING_COLUMNS = {"version", "updated_at"}


@dataclass
class Pair:
    survivor: Organisation
    merged: Organisation
    third: Organisation
    fourth: Organisation


def make_pair(make_user, *, country: str = "KE", tag: str = "") -> Pair:
    """The World Bank registered twice, with contacts, links, names, outcomes, a portal user,
    an import row and duplicate candidates on both sides, and clashes between them."""
    survivor = make_org(
        "World Bank",
        code="development_bank",
        country=country,
        acronym="WB",
        aliases=["IBRD"],
        iati_identifier=f"44000{tag}",
        outcomes=["1.1"],
        resources_offered=["financing"],
        phone="+1 202 473 1000",
    )
    merged = make_org(
        "The World Bank Group",
        code="development_bank",
        country=country,
        acronym="WBG",
        aliases=["IBRD", "Banco Mundial"],
        iati_identifier=f"XM-DAC-44000{tag}",
        outcomes=["1.1", "2.1"],
        resources_offered=["expertise"],
        city="Washington",
        email="info@worldbank.org",
        registration_number="REG-1",
    )
    third = make_org("Cities Alliance", code="un_entity", country=country)
    fourth = make_org("UCLG Africa", code="local_authority", country=country)
    services.contact_create(
        actor=None, organisation=survivor, first_name="Ada", last_name="Main", is_primary=True
    )
    services.contact_create(
        actor=None, organisation=merged, first_name="Bea", last_name="Second", is_primary=True
    )
    services.contact_create(actor=None, organisation=merged, first_name="Cy", last_name="Third")
    link = services.relationship_create
    member = RelationshipKind.MEMBER_OF
    link(actor=None, source=third, target=survivor, kind=member)
    link(actor=None, source=third, target=merged, kind=member)  # duplicate once merged
    link(actor=None, source=merged, target=survivor, kind=RelationshipKind.PARTNER_OF)  # self
    link(actor=None, source=merged, target=fourth, kind=RelationshipKind.FUNDS)
    make_user(Role.PARTNER, organisation=merged)
    batch = ImportBatch.objects.create(kind=ImportKind.ORGANISATIONS, file_name="wb.csv")
    ImportRow.objects.create(batch=batch, number=2, outcome="created", organisation=merged)
    pair = sorted((survivor.pk, merged.pk))
    DuplicateCandidate.objects.create(first_id=pair[0], second_id=pair[1], score=0.93)
    for org in (merged, survivor):
        first, second = sorted((org.pk, fourth.pk))
        DuplicateCandidate.objects.create(first_id=first, second_id=second, score=0.5)
    first, second = sorted((merged.pk, third.pk))
    DuplicateCandidate.objects.create(
        first_id=first, second_id=second, score=0.4, status="not_duplicate"
    )
    return Pair(survivor, merged, third, fourth)


def world(*orgs: Organisation) -> dict:
    """The organisations and every row that points at any of them, column by column."""
    ids = [org.pk for org in orgs]
    state = {
        "organisations": [
            {k: v for k, v in rowlog.serialise(org).items() if k not in MOVING_COLUMNS}
            for org in Organisation.objects.filter(pk__in=ids).order_by("pk")
        ]
    }
    for relation in relations.discover():
        if relation.model._meta.label_lower == "partners.merge":
            continue
        rows = relation.model._default_manager.filter(
            **{f"{relation.field.attname}__in": ids}
        ).order_by("pk")
        state[relation.key] = [rowlog.serialise(row) for row in rows]
    return state
