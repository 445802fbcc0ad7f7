"""The partner picker of the knowledge forms: a search box, the chosen partners kept checked
(with their role on an item, or their contacts when sending an item), and an audience (every
partner of a category in a region) for sending to many partners at once."""

from accord.knowledge.models import PartnerRole
from accord.knowledge.resolve import MAX_RECIPIENTS
from accord.partners import permissions as partner_permissions
from accord.partners import selectors as partner_selectors

CONTACTS_SHOWN = 200


def _ids(values) -> list[int]:
    return list(dict.fromkeys(int(v) for v in values if str(v).strip().isdigit()))


class Initial(dict):
    """Initial values in the shape of request data (getlist), for an unbound form's picker."""

    def getlist(self, key):
        value = self.get(key) or []
        return value if isinstance(value, list) else [value]


def audience(user, *, category: str, region: str) -> list[int]:
    """The ids of the partners (not archived, visible to `user`) of a category and/or region,
    at most MAX_RECIPIENTS + 1 (one more says the audience is too large)."""
    if not category and not region:
        return []
    rows = partner_permissions.visible_organisations(user).filter(archived_at=None)
    if category:
        rows = rows.filter(category__code=category)
    if region:
        rows = rows.filter(region__code=region)
    return list(rows.order_by("sort_name").values_list("pk", flat=True)[: MAX_RECIPIENTS + 1])


def picker_context(user, *, field: str, data, extra_ids=()) -> dict:
    """What the picker shows: the chosen partners (field `field`, plus `extra_ids`), search
    results for `partner_q`; for items each chosen partner's role, for disseminations the
    chosen partners' contacts."""
    for_item = field == "partners"
    chosen_ids = _ids([*data.getlist(field), *extra_ids])
    chosen = list(
        partner_permissions.visible_organisations(user)
        .filter(pk__in=chosen_ids)
        .select_related("country", "category")
        .order_by("sort_name")
    )
    q = (data.get("partner_q") or "").strip()[:200]
    found = partner_selectors.organisation_search(user=user, q=q, limit=10) if q else []
    taken = {o.pk for o in chosen}
    roles = {o.pk: data.get(f"role_{o.pk}") or PartnerRole.TOOK_PART for o in chosen}
    contacts = []
    if not for_item and chosen:
        contacts = list(
            partner_selectors.contact_list(user=user)
            .filter(organisation_id__in=taken)
            .order_by("organisation__sort_name", "last_name")[:CONTACTS_SHOWN]
        )
    return {
        "picker_field": field,
        "picker_for_item": for_item,
        "picker_chosen": [(o, roles[o.pk]) for o in chosen],
        "picker_found": [o for o in found if o.pk not in taken],
        "picker_q": q,
        "picker_roles": PartnerRole.choices,
        "picker_contacts": contacts,
        "picker_contact_ids": set(_ids(data.getlist("contacts"))),
    }
