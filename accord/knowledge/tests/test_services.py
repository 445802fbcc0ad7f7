"""Writing items and recording disseminations: every wrong field reported at once and nothing
stored; partner links within the writer's scope; one dissemination to many partners in one
transaction."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from accord.core.errors import ConflictError, PermissionDeniedError
from accord.core.history import history_for
from accord.knowledge import services
from accord.knowledge.models import Dissemination, Item, Recipient
from accord.knowledge.tests.factories import item, published
from accord.partners.tests.factories import ContactFactory, OrganisationFactory, category, country

pytestmark = pytest.mark.django_db


def test_an_item_records_its_links_and_history(writer, kenyan):
    made = item(
        actor=writer,
        outcomes=["1.2", "2.1"],
        countries=["KE"],
        flagships=["1"],
        partners=[(kenyan.pk, "featured")],
    )
    assert sorted(o.code for o in made.outcomes.all()) == ["1.2", "2.1"]
    assert [c.code for c in made.countries.all()] == ["KE"]
    link = made.partner_links.get()
    assert (link.organisation_id, link.role) == (kenyan.pk, "featured")
    created = history_for(made)[0]
    assert created.action == "create" and created.actor == writer
    assert created.changes["outcomes"] == [[], ["1.2", "2.1"]]
    assert created.changes["partners"] == [[], ["Nairobi City County (Featured)"]]


def test_every_wrong_field_is_reported_at_once_and_nothing_is_stored(writer):
    with pytest.raises(ValidationError) as refused:
        services.item_create(
            actor=writer,
            kind="poem",
            title="",
            date=None,
            url="not a url",
            outcomes=["9.9"],
            countries=["XX"],
            flagships=["7"],
            partners=[(999999, "sponsor")],
        )
    errors = refused.value.message_dict
    assert {
        "kind",
        "title",
        "date",
        "url",
        "outcomes",
        "countries",
        "flagships",
        "partners",
    } <= set(errors)
    assert "9.9" in errors["outcomes"][0] and "XX" in errors["countries"][0]
    assert "sponsor" in errors["partners"][0]
    assert not Item.objects.exists()


def test_a_partner_outside_the_writers_region_cannot_be_linked(regional, brazilian):
    with pytest.raises(ValidationError) as refused:
        item(actor=regional, partners=[(brazilian.pk, "took_part")])
    assert "outside your scope" in refused.value.message_dict["partners"][0]


def test_a_regional_edit_keeps_the_partners_it_cannot_see(regional, kenyan, brazilian):
    made = item(partners=[(kenyan.pk, "took_part"), (brazilian.pk, "produced")])
    services.item_update(
        actor=regional,
        item=made,
        expected_version=made.version,
        partners=[(kenyan.pk, "featured")],
    )
    links = {link.organisation_id: link.role for link in made.partner_links.all()}
    assert links == {kenyan.pk: "featured", brazilian.pk: "produced"}


def test_an_update_records_what_changed_and_refuses_a_stale_edit(writer):
    made = item(actor=writer)
    services.item_update(
        actor=writer,
        item=made,
        expected_version=1,
        title="Mapping Mathare, again",
        outcomes=["1.1"],
    )
    entry = history_for(made)[0]
    assert entry.changes["title"] == [
        "Mapping Mathare with its residents",
        "Mapping Mathare, again",
    ]
    assert entry.changes["outcomes"] == [[], ["1.1"]]
    with pytest.raises(ConflictError):
        services.item_update(actor=writer, item=made, expected_version=1, title="Older edit")
    made.refresh_from_db()
    assert made.title == "Mapping Mathare, again"


def test_only_publishers_correct_a_published_item_and_nobody_an_archived_one(writer, publisher):
    made = published()
    with pytest.raises(PermissionDeniedError):
        services.item_update(actor=writer, item=made, title="Changed")
    services.item_update(actor=publisher, item=made, title="Corrected")
    services.item_transition(actor=publisher, item=made, name="archive", note="Old")
    with pytest.raises(PermissionDeniedError):
        services.item_update(actor=publisher, item=made, title="Again")


# --- dissemination ---


@pytest.fixture
def foundations(db):
    return [
        OrganisationFactory(
            name=f"Foundation {n}", category=category("foundation"), country=country("KE")
        )
        for n in range(5)
    ]


def send(actor, made, **kwargs):
    values = {"channel": "newsletter", "sent_on": date.today()} | kwargs
    return services.dissemination_record(actor=actor, item=made, **values)


def test_an_item_is_sent_to_many_partners_and_contacts_at_once(writer, foundations):
    made = published()
    contact = ContactFactory(organisation=foundations[0])
    sent = send(
        writer,
        made,
        organisations=[f.pk for f in foundations],
        contacts=[contact.pk],
        note="Issue 12",
    )
    rows = list(Recipient.objects.filter(dissemination=sent).order_by("id"))
    assert len(rows) == 6
    assert rows[-1].contact_id == contact.pk and rows[-1].organisation_id == foundations[0].pk
    assert sent.sent_by == writer and sent.note == "Issue 12"
    assert "to 6 recipient(s)" in history_for(made)[0].note


def test_one_bad_recipient_and_nothing_is_written(writer, foundations, brazilian):
    made = published()
    archived = OrganisationFactory(name="Closed Foundation", category=category("foundation"))
    from accord.partners import services as partner_services

    partner_services.organisation_archive(actor=None, organisation=archived)
    ids = [f.pk for f in foundations]
    for bad, field, words in [
        ([*ids, 987654], "organisations", "987654"),
        ([*ids, archived.pk], "organisations", "Closed Foundation"),
        ([*ids, "abc"], "organisations", "abc"),
    ]:
        with pytest.raises(ValidationError) as refused:
            send(writer, made, organisations=bad)
        assert words in " ".join(refused.value.message_dict[field])
    with pytest.raises(ValidationError) as refused:
        send(writer, made, organisations=ids, contacts=[123456])
    assert "123456" in refused.value.message_dict["contacts"][0]
    assert not Dissemination.objects.exists() and not Recipient.objects.exists()


def test_a_regional_focal_point_sends_only_to_their_region(make_user, region, kenyan, brazilian):
    from accord.accounts.models import Role

    regional_writer = make_user(Role.REGIONAL, regions=[region])
    made = published()
    with pytest.raises(ValidationError) as refused:
        send(regional_writer, made, organisations=[kenyan.pk, brazilian.pk])
    assert str(brazilian.pk) in refused.value.message_dict["organisations"][0]
    assert not Recipient.objects.exists()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"channel": "pigeon"}, "channel"),
        ({"sent_on": date.today() + timedelta(days=2)}, "sent_on"),
        ({"sent_on": None}, "sent_on"),
        ({"organisations": []}, "organisations"),
    ],
)
def test_a_dissemination_needs_a_channel_a_past_date_and_recipients(writer, kenyan, kwargs, field):
    values = {"organisations": [kenyan.pk]} | kwargs
    with pytest.raises(ValidationError) as refused:
        send(writer, published(), **values)
    assert field in refused.value.message_dict


def test_only_a_published_item_is_sent(writer, kenyan):
    with pytest.raises(ValidationError) as refused:
        send(writer, item(), organisations=[kenyan.pk])
    assert "publish it first" in refused.value.message_dict["item"][0]


def test_readers_do_not_record_disseminations(reader, kenyan):
    with pytest.raises(PermissionDeniedError):
        send(reader, published(), organisations=[kenyan.pk])


def test_an_archived_partner_cannot_be_linked_but_an_existing_link_stays(writer, kenyan):
    from accord.partners import services as partner_services

    made = item(actor=writer, partners=[(kenyan.pk, "featured")])
    partner_services.organisation_archive(actor=None, organisation=kenyan)
    services.item_update(actor=writer, item=made, partners=[(kenyan.pk, "produced")])
    assert made.partner_links.get().role == "produced"
    with pytest.raises(ValidationError) as refused:
        item(actor=writer, title="Another", partners=[(kenyan.pk, "featured")])
    assert "Archived partners cannot be linked" in refused.value.message_dict["partners"][0]


def test_a_refused_edit_leaves_the_callers_item_as_it_was(writer):
    made = item(actor=writer)
    with pytest.raises(ValidationError):
        services.item_update(actor=writer, item=made, title="", outcomes=["9.9"])
    assert made.title == "Mapping Mathare with its residents"
