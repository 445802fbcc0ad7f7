"""The knowledge app's dissemination endpoints (included in accord/knowledge/api.py's
router): where items were sent, and recording that a published item was sent to many
partners and contacts at once (one transaction: one bad recipient and nothing is written)."""

import datetime as dt

from ninja import Field, Query, Router, Schema, Status

from accord.api.common import Page, Ref, paginate, require
from accord.core.fetch import guarded
from accord.knowledge import permissions, selectors, services
from accord.knowledge.models import Dissemination

router = Router(tags=["Knowledge hub"])


class DisseminationRecipientOut(Schema):
    organisation: Ref
    contact: Ref | None


class DisseminationOut(Schema):
    id: int
    item: int
    channel: str
    sent_on: dt.date
    sent_by: str | None
    note: str
    recipient_count: int = Field(description="Every recipient, also those you may not see")
    recipients: list[DisseminationRecipientOut] = Field(description="The recipients you may see")


class DisseminationIn(Schema):
    channel: str
    sent_on: dt.date
    organisations: list[int] = []
    contacts: list[int] = []
    note: str = Field("", max_length=2000)


class DisseminationQuery(Page):
    item: int | None = None
    partner: int | None = Field(None, description="Received by this partner")
    channel: str = ""


def dissemination_out(d: Dissemination) -> dict:
    return {
        "id": d.pk,
        "item": d.item_id,
        "channel": d.channel,
        "sent_on": d.sent_on,
        "sent_by": str(d.sent_by) if d.sent_by else None,
        "note": d.note,
        "recipient_count": d.recipient_total,
        "recipients": [
            {
                "organisation": {"id": r.organisation_id, "name": r.organisation.name},
                "contact": {"id": r.contact_id, "name": r.contact.full_name}
                if r.contact_id
                else None,
            }
            for r in d.recipients.all()
        ],
    }


class DisseminationPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[DisseminationOut]


@router.get(
    "/knowledge/disseminations", response=DisseminationPage, summary="Where items were sent"
)
def dissemination_list(request, filters: Query[DisseminationQuery]):
    require(request.auth, "knowledge.view")
    qs = selectors.dissemination_list(
        user=request.auth, item=filters.item, partner=filters.partner, channel=filters.channel
    )
    data = paginate(qs, filters, prefetch=[selectors.recipients_prefetch(request.auth)])
    data["results"] = [dissemination_out(d) for d in data.pop("rows")]
    return data


@router.post(
    "/knowledge/items/{item_id}/disseminations",
    response={201: DisseminationOut},
    summary="Record that an item was sent (to many partners at once)",
)
def dissemination_create(request, item_id: int, payload: DisseminationIn):
    item = permissions.item_for(request.auth, item_id, action="disseminate")
    sent = services.dissemination_record(actor=request.auth, item=item, **payload.dict())
    qs = selectors.dissemination_list(user=request.auth).filter(pk=sent.pk)
    return Status(
        201,
        dissemination_out(
            guarded(qs).prefetch_related(selectors.recipients_prefetch(request.auth)).get()
        ),
    )
