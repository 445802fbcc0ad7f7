"""Writes of the knowledge hub: items, their publishing state (states.py) and their
dissemination. Each service is one transaction: it checks every field first (every wrong field
reported at once, nothing stored), cleans the body to safe HTML, writes, and records the change
in the history ({field: [old, new]}).

`actor=None` means the system (demo data, benchmarks): no permission or scope check."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from accord.accounts.roles import can
from accord.core.errors import PermissionDeniedError
from accord.core.history import diff, record, snapshot
from accord.core.versioning import check_and_bump_version
from accord.engagement.resolve import Collector
from accord.knowledge import permissions, states
from accord.knowledge.html import clean_html
from accord.knowledge.models import Channel, Dissemination, Item, ItemPartner, Recipient, State
from accord.knowledge.resolve import (
    resolve_countries,
    resolve_flagships,
    resolve_partner_links,
    resolve_recipients,
)
from accord.partners.contact_services import restored_on_error
from accord.partners.services import resolve_outcomes

SCALAR_FIELDS = ["kind", "title", "summary", "body", "date", "url"]
RELATED = {
    "outcomes": resolve_outcomes,
    "countries": resolve_countries,
    "flagships": resolve_flagships,
}
EDITABLE_FIELDS = frozenset([*SCALAR_FIELDS, *RELATED, "partners"])
HISTORY_FIELDS = [*SCALAR_FIELDS, "state", "published_at"]


def _deny_unless(allowed: bool, actor, message: str) -> None:
    if actor is not None and not allowed:
        raise PermissionDeniedError(message)


def _codes(objects) -> list[str]:
    """How outcomes ("1.2"), countries ("KE") and flagships ("3") read in the history."""
    return sorted(o.code for o in objects)


def _link_labels(links) -> list[str]:
    return sorted(f"{link.organisation.name} ({link.get_role_display()})" for link in links)


def _linked(item: Item) -> set[int]:
    """The partners already linked to a saved item (they stay linkable once archived)."""
    if item.pk is None:
        return set()
    return set(item.partner_links.values_list("organisation_id", flat=True))


def _validated(item: Item, fields: dict, actor) -> tuple[dict, list | None]:
    """Apply `fields` to `item` (unsaved), checking every one: the related records resolved,
    the body cleaned. Raises one ValidationError with every field's messages."""
    unknown = sorted(set(fields) - EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(dict.fromkeys(unknown, "This field cannot be set."))
    errors = Collector()
    for name in SCALAR_FIELDS:
        if name in fields:
            value = fields[name]
            if name == "body":
                value = clean_html(value)
            elif name == "title":
                value = " ".join(str(value or "").split())
            elif name in ("summary", "url"):
                value = str(value or "").strip()
            setattr(item, name, value)
    related = {
        name: errors.run(resolve, fields[name])
        for name, resolve in RELATED.items()
        if name in fields
    }
    links = (
        errors.run(resolve_partner_links, actor, fields["partners"], keep=_linked(item))
        if "partners" in fields
        else None
    )
    try:
        item.full_clean(exclude=["created_by", "version", "state", "published_at"])
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.errors.setdefault(field, messages)
    errors.raise_if_any()
    return related, links


def _replace_links(item: Item, links, actor) -> dict:
    """Set the item's partner links to `links`, keeping those the actor cannot see (a regional
    focal point edits an item without dropping partners of other regions)."""
    current = list(item.partner_links.select_related("organisation"))
    if actor is not None:
        scope = permissions.partner_scope(actor)
        seen = (
            set(ItemPartner.objects.filter(item=item).filter(scope).values_list("pk", flat=True))
            if scope is not None
            else set()
        )
        current = [link for link in current if link.pk in seen]
    before = _link_labels(current)
    ItemPartner.objects.filter(pk__in=[link.pk for link in current]).delete()
    made = ItemPartner.objects.bulk_create(
        ItemPartner(item=item, organisation=link.organisation, role=link.role) for link in links
    )
    for row, link in zip(made, links, strict=True):
        row.organisation = link.organisation
    after = _link_labels(made)
    return {"partners": [before, after]} if before != after else {}


@transaction.atomic
def item_create(*, actor, is_demo: bool = False, batch: str = "", **fields) -> Item:
    """Write down a good practice, story, publication or data set, as a draft."""
    _deny_unless(permissions.can_write(actor), actor, "You may not write knowledge items.")
    item = Item(created_by=actor, is_demo=is_demo)
    related, links = _validated(item, fields, actor)
    item.save()
    changes = diff({}, snapshot(item, HISTORY_FIELDS))
    for name, objects in related.items():
        getattr(item, name).set(objects)
        if objects:
            changes[name] = [[], _codes(objects)]
    if links:
        changes |= _replace_links(item, links, None)
    record(obj=item, action="create", actor=actor, changes=changes, batch=batch)
    return item


@transaction.atomic
def item_update(*, actor, item: Item, expected_version: int | None = None, **fields) -> Item:
    """Change an item; a stale edit (someone saved after `expected_version`) is refused."""
    _deny_unless(
        permissions.can_edit(actor, item),
        actor,
        f"You may not change an item that is “{item.get_state_display()}”.",
    )
    before = snapshot(item, HISTORY_FIELDS)
    related_before = {name: _codes(getattr(item, name).all()) for name in RELATED if name in fields}
    with restored_on_error(item):
        related, links = _validated(item, fields, actor)
        check_and_bump_version(item, expected_version)
    item.save()
    changes = diff(before, snapshot(item, HISTORY_FIELDS))
    for name, objects in related.items():
        getattr(item, name).set(objects)
        after = _codes(objects)
        if after != related_before[name]:
            changes[name] = [related_before[name], after]
    if links is not None:
        changes |= _replace_links(item, links, actor)
    if changes:
        record(obj=item, action="update", actor=actor, changes=changes)
    return item


@transaction.atomic
def item_transition(
    *, actor, item: Item, name: str, note: str = "", expected_version: int | None = None
) -> Item:
    """Move the item along its publishing life: submit, return, publish, archive, restore."""
    try:
        transition = states.find(item, name)
    except states.TransitionError as exc:
        raise ValidationError({exc.field: str(exc)}) from exc
    _deny_unless(
        permissions.can_view(actor) and can(actor, transition.action),
        actor,
        f"You may not do this: “{transition.label}”.",
    )
    note = str(note or "").strip()
    try:
        states.check(transition, item, note)
    except states.TransitionError as exc:
        raise ValidationError({exc.field: str(exc)}) from exc
    before = snapshot(item, HISTORY_FIELDS)
    check_and_bump_version(item, expected_version)
    item.state = transition.target
    changed = states.apply_effects(transition, item)
    item.save(update_fields=["state", "version", "updated_at", *changed])
    record(
        obj=item,
        action="update",
        actor=actor,
        changes=diff(before, snapshot(item, HISTORY_FIELDS)),
        note=note,
    )
    return item


@transaction.atomic
def dissemination_record(
    *,
    actor,
    item: Item,
    channel: str,
    sent_on: date,
    organisations=(),
    contacts=(),
    note: str = "",
    is_demo: bool = False,
) -> Dissemination:
    """Record that a published item was sent — “document and disseminate high-impact stories …
    and increase communication with foundations”. Every recipient is checked first: one
    unknown, archived or out-of-scope recipient and nothing is written."""
    _deny_unless(permissions.can_write(actor), actor, "You may not record disseminations.")
    errors = Collector()
    if item.state != State.PUBLISHED:
        errors.add("item", "Only a published item can be sent out: publish it first.")
    if channel not in Channel.values:
        errors.add("channel", f"Unknown channel {channel!r}. Use {', '.join(Channel.values)}.")
    if not isinstance(sent_on, date):
        errors.add("sent_on", "Give the date it was sent.")
    elif sent_on > date.today():
        errors.add("sent_on", "The date it was sent cannot be in the future.")
    note = str(note or "").strip()
    if len(note) > 2000:
        errors.add("note", "Keep the note under 2,000 characters.")
    recipients = errors.run(resolve_recipients, actor, organisations, contacts)
    errors.raise_if_any()
    dissemination = Dissemination.objects.create(
        item=item, channel=channel, sent_on=sent_on, sent_by=actor, note=note, is_demo=is_demo
    )
    Recipient.objects.bulk_create(
        [
            *(
                Recipient(dissemination=dissemination, organisation=o)
                for o in recipients.organisations
            ),
            *(
                Recipient(dissemination=dissemination, organisation_id=c.organisation_id, contact=c)
                for c in recipients.contacts
            ),
        ]
    )
    count = len(recipients.organisations) + len(recipients.contacts)
    record(
        obj=item,
        action="update",
        actor=actor,
        note=f"Sent by {dissemination.get_channel_display().lower()} on {sent_on:%Y-%m-%d} "
        f"to {count} recipient(s).",
    )
    return dissemination
