"""Every role against every knowledge page: readers read published items, writers also see
drafts and write, publishers publish; partners, reviewers and anonymous are refused; an item a
user may not see answers 404. Items are not scoped by region, the partners they name are."""

from datetime import date

import pytest
from django.urls import reverse

from accord.accounts.models import Role
from accord.knowledge import services
from accord.knowledge.tests.factories import item, published

pytestmark = pytest.mark.django_db
READERS = [Role.ADMIN, Role.OFFICER, "regional", Role.PROGRAMME, Role.MANAGEMENT]
WRITERS = [Role.ADMIN, Role.OFFICER, "regional", Role.PROGRAMME]
PUBLISHERS = [Role.ADMIN, Role.OFFICER]
EVERYONE = [*READERS, Role.REVIEWER, "partner", "anonymous"]


def status(client, user, url, method="get", data=None):
    client.logout()
    if user.is_authenticated:
        client.force_login(user)
    response = getattr(client, method)(url, data or {})
    if response.status_code == 302 and "login" in response["Location"]:
        return "login"
    return response.status_code


def refused(kind):
    return "login" if kind == "anonymous" else 403


@pytest.mark.parametrize("kind", EVERYONE)
def test_reading(client, user_of, kind, kenyan):
    user = user_of(kind)
    story = published(partners=[(kenyan.pk, "featured")])
    draft = item(title="A draft")
    ok = kind in READERS
    assert status(client, user, reverse("knowledge:list")) == (200 if ok else refused(kind))
    detail = status(client, user, reverse("knowledge:detail", args=[story.pk]))
    assert detail == (200 if ok else refused(kind))
    draft_status = status(client, user, reverse("knowledge:detail", args=[draft.pk]))
    assert draft_status == (200 if kind in WRITERS else 404 if ok else refused(kind))
    tab = status(client, user, reverse("knowledge:partner_items", args=[kenyan.pk]))
    assert tab == (200 if ok else refused(kind))


@pytest.mark.parametrize("kind", EVERYONE)
def test_writing(client, user_of, kind, kenyan):
    user = user_of(kind)
    draft = item()
    story = published()
    writer_ok = kind in WRITERS
    assert status(client, user, reverse("knowledge:create")) == (
        200 if writer_ok else refused(kind)
    )
    assert status(client, user, reverse("knowledge:partner_picker")) == (
        200 if writer_ok else refused(kind)
    )
    edit = status(client, user, reverse("knowledge:edit", args=[draft.pk]))
    assert edit == (200 if writer_ok else 404 if kind in READERS else refused(kind))
    correct = status(client, user, reverse("knowledge:edit", args=[story.pk]))
    assert correct == (200 if kind in PUBLISHERS else 403 if kind in READERS else refused(kind))
    send = status(client, user, reverse("knowledge:disseminate", args=[story.pk]))
    assert send == (200 if writer_ok else 403 if kind in READERS else refused(kind))


@pytest.mark.parametrize("kind", EVERYONE)
def test_publishing(client, user_of, kind):
    user = user_of(kind)
    made = item()
    services.item_transition(actor=None, item=made, name="submit")
    url = reverse("knowledge:transition", args=[made.pk])
    result = status(client, user, url, "post", {"transition": "publish", "version": made.version})
    expected = (
        302
        if kind in PUBLISHERS
        else 403
        if kind in WRITERS
        else (404 if kind in READERS else refused(kind))
    )
    assert result == expected
    made.refresh_from_db()
    assert made.state == ("published" if kind in PUBLISHERS else "in_review")


def test_a_regional_focal_point_sees_every_item_but_only_partners_of_their_region(
    client, regional, kenyan, brazilian
):
    story = published(partners=[(kenyan.pk, "featured"), (brazilian.pk, "featured")])
    services.dissemination_record(
        actor=None,
        item=story,
        channel="email",
        sent_on=date.today(),
        organisations=[kenyan.pk, brazilian.pk],
    )
    client.force_login(regional)
    html = client.get(reverse("knowledge:detail", args=[story.pk])).content.decode()
    assert "Nairobi City County" in html and "Prefeitura de Recife" not in html
    html = client.get(reverse("knowledge:list")).content.decode()
    assert story.title in html and "Recife" not in html
    assert client.get(reverse("knowledge:partner_items", args=[brazilian.pk])).status_code == 404
    filtered = client.get(reverse("knowledge:list"), {"partner": brazilian.pk}).content.decode()
    assert story.title not in filtered  # filtering by a partner they cannot see finds nothing


def test_partner_users_never_reach_the_partner_tab_of_their_own_organisation(
    client, user_of, kenyan
):
    published(partners=[(kenyan.pk, "featured")])
    partner = user_of("partner")
    client.force_login(partner)
    assert client.get(reverse("knowledge:partner_items", args=[kenyan.pk])).status_code == 403
    html = client.get(reverse("partners:detail", args=[kenyan.pk])).content.decode()
    assert reverse("knowledge:partner_items", args=[kenyan.pk]) not in html
