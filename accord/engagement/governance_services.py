"""Writes of governance records: bodies (administrators), and their members, sessions and the
partners that took part in each (administrators and partnerships officers). Same rules as
accord.engagement.services: one transaction, every field checked, history recorded,
`actor=None` is the system."""

from datetime import date

from django.db import transaction
from django.utils.text import slugify

from accord.core.history import diff, record, snapshot
from accord.core.versioning import check_and_bump_version
from accord.engagement import permissions
from accord.engagement.models import (
    BodyKind,
    BodyMembership,
    BodySession,
    GovernanceBody,
    ParticipationRole,
    SessionParticipation,
)
from accord.engagement.resolve import Collector, resolve_contacts, resolve_organisations
from accord.engagement.services import deny_unless
from accord.partners.contact_services import restored_on_error

BODY_FIELDS = ["name", "kind", "description"]
SESSION_FIELDS = ["title", "start_date", "end_date", "place"]


def _may_record(actor) -> None:
    deny_unless(
        permissions.can_record_governance(actor),
        actor,
        "You may not record governance members, sessions or participation.",
    )


def _text(value, *, limit: int) -> str:
    return " ".join(str(value or "").split())[:limit]


def _check_dates(
    check: Collector, start, end, *, start_field: str, end_field: str, required: bool
) -> None:
    if start is None and required:
        check.add(start_field, "Give the start date.")
    elif start is not None and not isinstance(start, date):
        check.add(start_field, "Give a date.")
    if end is not None and isinstance(start, date) and isinstance(end, date) and end < start:
        check.add(end_field, "The end date is before the start date.")


def _partner_and_contact(actor, organisation, contact, check: Collector):
    orgs = check.run(resolve_organisations, actor, [organisation] if organisation else [])
    if not orgs and "organisations" not in check.errors:
        check.add("organisation", "Choose the partner.")
    if "organisations" in check.errors:
        check.errors["organisation"] = check.errors.pop("organisations")
    org = orgs[0] if orgs else None
    person = None
    if org is not None and contact not in (None, ""):
        found = check.run(resolve_contacts, [contact], organisation_ids=[org.pk])
        if "contacts" in check.errors:
            check.errors["contact"] = ["The contact must work at this partner."]
            del check.errors["contacts"]
        person = found[0] if found else None
    return org, person


# --- bodies ---


def _clean_body(body: GovernanceBody, changes: dict, check: Collector) -> None:
    for field in BODY_FIELDS:
        if field in changes:
            value = changes[field]
            setattr(
                body,
                field,
                str(value or "").strip() if field == "description" else _text(value, limit=200),
            )
    if not body.name:
        check.add("name", "Give the body's name.")
    elif GovernanceBody.objects.filter(name__iexact=body.name).exclude(pk=body.pk).exists():
        check.add("name", f"There is already a body called {body.name!r}.")
    if body.kind not in BodyKind.values:
        check.add("kind", f"Unknown kind {body.kind!r}. Choose from: {', '.join(BodyKind)}.")


@transaction.atomic
def body_create(
    *, actor, name: str, kind: str = BodyKind.OTHER, description: str = "", code: str = ""
) -> GovernanceBody:
    """Add a governance body beside those the strategy names."""
    deny_unless(permissions.can_manage_bodies(actor), actor, "You may not add governance bodies.")
    body = GovernanceBody()
    check = Collector()
    _clean_body(body, {"name": name, "kind": kind, "description": description}, check)
    body.code = slugify(code or body.name)[:48] or "body"
    if GovernanceBody.objects.filter(code=body.code).exists():
        check.add("code" if code else "name", f"The code {body.code!r} is already used.")
    check.raise_if_any()
    body.save()
    record(obj=body, action="create", actor=actor, changes=diff({}, snapshot(body, BODY_FIELDS)))
    return body


@transaction.atomic
def body_update(
    *, actor, body: GovernanceBody, expected_version: int | None = None, **changes
) -> GovernanceBody:
    unknown = set(changes) - set(BODY_FIELDS)
    if unknown:
        raise TypeError(f"body_update() got unknown field(s): {', '.join(sorted(unknown))}")
    deny_unless(
        permissions.can_manage_bodies(actor), actor, "You may not change governance bodies."
    )
    before = snapshot(body, BODY_FIELDS)
    with restored_on_error(body):
        check = Collector()
        _clean_body(body, changes, check)
        check.raise_if_any()
        changed = diff(before, snapshot(body, BODY_FIELDS))
        if not changed:
            return body
        check_and_bump_version(body, expected_version)
        body.save(update_fields=[*changed, "updated_at"])
        record(obj=body, action="update", actor=actor, changes=changed)
    return body


# --- members ---


@transaction.atomic
def membership_add(
    *,
    actor,
    body: GovernanceBody,
    organisation,
    contact=None,
    role: str = "Member",
    term_start=None,
    term_end=None,
    is_demo: bool = False,
    batch: str = "",
) -> BodyMembership:
    """Record that a partner (and the person who sits for it) is a member of a body."""
    _may_record(actor)
    check = Collector()
    org, person = _partner_and_contact(actor, organisation, contact, check)
    role = _text(role, limit=100) or "Member"
    _check_dates(
        check, term_start, term_end, start_field="term_start", end_field="term_end", required=False
    )
    check.raise_if_any()
    membership = BodyMembership.objects.create(
        body=body,
        organisation=org,
        contact=person,
        role=role,
        term_start=term_start,
        term_end=term_end,
        is_demo=is_demo,
    )
    after = {
        "body": str(body),
        "organisation": str(org),
        "contact": str(person or "") or None,
        "role": role,
        "term_start": term_start,
        "term_end": term_end,
    }
    record(
        obj=membership,
        action="create",
        actor=actor,
        changes=diff({}, {k: v for k, v in after.items() if v}),
        batch=batch,
    )
    return membership


@transaction.atomic
def membership_end(*, actor, membership: BodyMembership, term_end: date) -> BodyMembership:
    """Close a member's term on a date (the membership stays on record)."""
    _may_record(actor)
    check = Collector()
    _check_dates(
        check,
        membership.term_start,
        term_end,
        start_field="term_start",
        end_field="term_end",
        required=False,
    )
    if not isinstance(term_end, date):
        check.add("term_end", "Give the date the term ended.")
    check.raise_if_any()
    before = membership.term_end
    membership.term_end = term_end
    membership.save(update_fields=["term_end"])
    record(
        obj=membership,
        action="update",
        actor=actor,
        changes=diff({"term_end": before}, {"term_end": term_end}),
    )
    return membership


# --- sessions and participation ---


def _clean_session(session: BodySession, changes: dict, check: Collector) -> None:
    for field in SESSION_FIELDS:
        if field in changes:
            value = changes[field]
            setattr(
                session, field, _text(value, limit=200) if field in ("title", "place") else value
            )
    if not session.title:
        check.add("title", "Give the session's title, e.g. “First session of 2024”.")
    _check_dates(
        check,
        session.start_date,
        session.end_date,
        start_field="start_date",
        end_field="end_date",
        required=True,
    )


@transaction.atomic
def session_create(
    *,
    actor,
    body: GovernanceBody,
    title: str,
    start_date,
    end_date=None,
    place: str = "",
    is_demo: bool = False,
    batch: str = "",
) -> BodySession:
    _may_record(actor)
    session = BodySession(body=body, is_demo=is_demo)
    check = Collector()
    _clean_session(
        session,
        {"title": title, "start_date": start_date, "end_date": end_date, "place": place},
        check,
    )
    check.raise_if_any()
    session.save()
    after = {k: v for k, v in snapshot(session, SESSION_FIELDS).items() if v not in (None, "")}
    record(obj=session, action="create", actor=actor, changes=diff({}, after), batch=batch)
    return session


@transaction.atomic
def session_update(*, actor, session: BodySession, **changes) -> BodySession:
    unknown = set(changes) - set(SESSION_FIELDS)
    if unknown:
        raise TypeError(f"session_update() got unknown field(s): {', '.join(sorted(unknown))}")
    _may_record(actor)
    before = snapshot(session, SESSION_FIELDS)
    with restored_on_error(session):
        check = Collector()
        _clean_session(session, changes, check)
        check.raise_if_any()
        changed = diff(before, snapshot(session, SESSION_FIELDS))
        if changed:
            session.save(update_fields=list(changed))
            record(obj=session, action="update", actor=actor, changes=changed)
    return session


@transaction.atomic
def participation_add(
    *,
    actor,
    session: BodySession,
    organisation,
    contact=None,
    role: str = ParticipationRole.MEMBER,
    is_demo: bool = False,
    batch: str = "",
) -> SessionParticipation:
    """Record that a partner took part in a session, and in what role."""
    _may_record(actor)
    check = Collector()
    org, person = _partner_and_contact(actor, organisation, contact, check)
    if role not in ParticipationRole.values:
        check.add("role", f"Unknown role {role!r}. Choose from: {', '.join(ParticipationRole)}.")
    if org is not None and session.participations.filter(organisation=org).exists():
        check.add("organisation", f"{org.name} is already recorded in this session.")
    check.raise_if_any()
    participation = SessionParticipation.objects.create(
        session=session, organisation=org, contact=person, role=role, is_demo=is_demo
    )
    after = {"session": str(session), "organisation": str(org), "role": role}
    if person:
        after["contact"] = str(person)
    record(obj=participation, action="create", actor=actor, changes=diff({}, after), batch=batch)
    return participation


@transaction.atomic
def participation_remove(*, actor, participation: SessionParticipation) -> None:
    _may_record(actor)
    record(
        obj=participation,
        action="delete",
        actor=actor,
        changes={"organisation": [str(participation.organisation), None]},
    )
    participation.delete()


@transaction.atomic
def membership_remove(*, actor, membership: BodyMembership) -> None:
    """Delete a membership recorded by mistake (a term that ended is closed, not removed)."""
    _may_record(actor)
    record(
        obj=membership,
        action="delete",
        actor=actor,
        changes={"organisation": [str(membership.organisation), None]},
    )
    membership.delete()


__all__ = [
    "body_create",
    "body_update",
    "membership_add",
    "membership_end",
    "membership_remove",
    "participation_add",
    "participation_remove",
    "session_create",
    "session_update",
]
