"""The publishing life of an item: draft → in review → published → archived, with its guards,
the roles each change needs, stale edits refused, and the history of every change."""

import pytest
from django.core.exceptions import ValidationError

from accord.core.errors import ConflictError, PermissionDeniedError
from accord.core.history import history_for
from accord.knowledge import services, states
from accord.knowledge.models import Kind, State
from accord.knowledge.tests.factories import item, published

pytestmark = pytest.mark.django_db


def move(actor, made, name, note=""):
    return services.item_transition(actor=actor, item=made, name=name, note=note)


def test_an_item_goes_from_draft_through_review_to_published_and_archived(writer, publisher):
    made = item(actor=writer)
    assert made.state == State.DRAFT
    move(writer, made, "submit")
    assert made.state == State.IN_REVIEW
    move(publisher, made, "publish")
    made.refresh_from_db()
    assert made.state == State.PUBLISHED and made.published_at is not None
    move(publisher, made, "archive", note="Superseded by the 2026 edition")
    assert made.state == State.ARCHIVED
    move(publisher, made, "restore")
    assert made.state == State.PUBLISHED
    entries = list(history_for(made))
    assert [e.changes.get("state") for e in reversed(entries[:4])] == [
        ["draft", "in_review"],
        ["in_review", "published"],
        ["published", "archived"],
        ["archived", "published"],
    ]
    archived = next(e for e in entries if e.changes.get("state") == ["published", "archived"])
    assert archived.note == "Superseded by the 2026 edition" and archived.actor == publisher


def test_a_returned_item_goes_back_to_draft_with_the_reason(writer, publisher):
    made = item(actor=writer)
    move(writer, made, "submit")
    with pytest.raises(ValidationError) as refused:
        move(publisher, made, "return")
    assert refused.value.message_dict == {"note": ["Give the reason for this change."]}
    move(publisher, made, "return", note="Name the city")
    assert made.state == State.DRAFT


def test_a_writer_may_submit_but_not_publish(writer):
    made = item(actor=writer)
    move(writer, made, "submit")
    with pytest.raises(PermissionDeniedError):
        move(writer, made, "publish")
    made.refresh_from_db()
    assert made.state == State.IN_REVIEW


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"summary": ""}, "summary", "Write a summary"),
        ({"body": "<p> </p>"}, "body", "Write the story"),
        ({"kind": Kind.PUBLICATION, "url": ""}, "url", "Give the address"),
    ],
)
def test_an_item_without_its_content_cannot_be_submitted(writer, fields, field, message):
    made = item(actor=writer, **fields)
    with pytest.raises(ValidationError) as refused:
        move(writer, made, "submit")
    assert message in refused.value.message_dict[field][0]
    made.refresh_from_db()
    assert made.state == State.DRAFT


def test_a_publication_needs_its_address_not_a_body(writer):
    made = item(actor=writer, kind=Kind.DATASET, body="", url="https://data.unhabitat.org/x")
    move(writer, made, "submit")
    assert made.state == State.IN_REVIEW


def test_changes_that_do_not_start_from_the_state_are_refused(publisher):
    made = published()
    with pytest.raises(ValidationError, match="cannot be submitted for review"):
        move(publisher, made, "submit")
    with pytest.raises(ValidationError, match="no status change called"):
        move(publisher, made, "fly")


def test_a_stale_change_is_refused(publisher):
    made = item()
    with pytest.raises(ConflictError):
        services.item_transition(actor=publisher, item=made, name="submit", expected_version=99)
    made.refresh_from_db()
    assert made.state == State.DRAFT


def test_the_changes_a_user_may_make_now(writer, publisher, reader):
    made = item()
    assert [t.name for t in states.available(writer, made)] == ["submit"]
    assert states.available(reader, made) == []
    move(writer, made, "submit")
    assert [t.name for t in states.available(publisher, made)] == ["return", "publish"]
    assert states.available(writer, made) == []
