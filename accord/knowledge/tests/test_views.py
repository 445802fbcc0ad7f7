"""The knowledge pages: list filters and search, detail, the forms (editor, partner picker,
dissemination to an audience), the partner page's Stories tab, and a bounded number of queries
whatever the number of rows."""

from datetime import date

import pytest
from django.urls import reverse

from accord.knowledge import services
from accord.knowledge.models import Dissemination, Item, Kind, State
from accord.knowledge.tests.factories import item, published
from accord.partners.tests.factories import ContactFactory, OrganisationFactory, category, country

pytestmark = pytest.mark.django_db
LIST = reverse("knowledge:list")


def titles(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def catalogue(kenyan, brazilian):
    """Four published items, one of each kind, with different links, and a draft."""
    return {
        "story": published(
            title="Nairobi story",
            outcomes=["1.1"],
            countries=["KE"],
            flagships=["1"],
            partners=[(kenyan.pk, "featured")],
        ),
        "practice": published(
            title="Recife practice",
            kind=Kind.GOOD_PRACTICE,
            outcomes=["2.1"],
            countries=["BR"],
            partners=[(brazilian.pk, "produced")],
        ),
        "publication": published(
            title="Housing report",
            kind=Kind.PUBLICATION,
            url="https://unhabitat.org/report",
            flagships=["2"],
        ),
        "dataset": published(
            title="Urban indicators data",
            kind=Kind.DATASET,
            url="https://data.unhabitat.org/x",
            summary="Cities data",
        ),
        "draft": item(title="Unfinished draft"),
    }


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ({"kind": "good_practice"}, "Recife practice", "Nairobi story"),
        ({"country": "KE"}, "Nairobi story", "Recife practice"),
        ({"q": "housing"}, "Housing report", "Nairobi story"),
        ({"q": "cities data"}, "Urban indicators data", "Housing report"),
        ({"state": "draft"}, "Unfinished draft", "Nairobi story"),
    ],
)
def test_the_list_filters(officer_client, catalogue, query, shown, hidden):
    html = titles(officer_client.get(LIST, query))
    assert shown in html and hidden not in html


def test_the_list_filters_by_outcome_flagship_and_partner(officer_client, catalogue, kenyan):
    story = catalogue["story"]
    outcome = story.outcomes.get().pk
    flagship = story.flagships.get().pk
    for query in ({"outcome": outcome}, {"flagship": flagship}, {"partner": kenyan.pk}):
        html = titles(officer_client.get(LIST, query))
        assert "Nairobi story" in html and "Recife practice" not in html


def test_a_partner_filter_includes_what_the_partner_received(officer_client, catalogue, kenyan):
    services.dissemination_record(
        actor=None,
        item=catalogue["publication"],
        channel="email",
        sent_on=date.today(),
        organisations=[kenyan.pk],
    )
    html = titles(officer_client.get(LIST, {"partner": kenyan.pk}))
    assert "Housing report" in html and "Nairobi story" in html


def test_htmx_gets_only_the_results(officer_client, catalogue):
    html = titles(officer_client.get(LIST, {"kind": "dataset"}, headers={"HX-Request": "true"}))
    assert "Urban indicators data" in html and "<h1>" not in html


def test_the_list_is_paginated_with_bounded_queries(
    officer_client, kenyan, brazilian, django_assert_max_num_queries, settings
):
    settings.ACCORD_PAGE_SIZE = 10
    for n in range(14):
        published(
            title=f"Story {n:02}",
            outcomes=["1.1", "1.2"],
            partners=[(kenyan.pk, "took_part"), (brazilian.pk, "featured")],
        )
    with django_assert_max_num_queries(12):
        html = titles(officer_client.get(LIST))
    assert "page 1 of 2" in html and html.count("Nairobi City County") == 0
    assert html.count("NCC") == 10


def test_the_detail_page_shows_the_safe_story_and_where_it_went(
    officer_client, kenyan, django_assert_max_num_queries
):
    made = published(
        body='<p>Hello<script>alert(1)</script> <a href="https://x.org">x</a></p>',
        partners=[(kenyan.pk, "produced")],
    )
    foundations = [
        OrganisationFactory(
            name=f"Fondation {n}", category=category("foundation"), country=country("KE")
        )
        for n in range(15)
    ]
    for channel in ("email", "event", "newsletter"):
        services.dissemination_record(
            actor=None,
            item=made,
            channel=channel,
            sent_on=date.today(),
            organisations=[f.pk for f in foundations],
        )
    with django_assert_max_num_queries(16):
        html = titles(officer_client.get(reverse("knowledge:detail", args=[made.pk])))
    assert '<a href="https://x.org" rel="noopener noreferrer">x</a>' in html
    assert "alert(1)" not in html
    assert "Nairobi City County" in html and "(produced)" in html
    assert html.count("15 recipients in all") == 3


def test_writing_an_item_with_the_form(client, writer, kenyan):
    client.force_login(writer)
    response = client.post(
        reverse("knowledge:create"),
        {
            "kind": "impact_story",
            "title": "Water kiosks",
            "summary": "Run by youth groups.",
            "body": "<h2>Kiosks</h2><p onclick='x()'>Run <strong>well</strong></p>",
            "date": "2025-06-01",
            "partners": [kenyan.pk],
            f"role_{kenyan.pk}": "took_part",
        },
    )
    made = Item.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "knowledge:detail", args=[made.pk]
    )
    assert made.body == "<h2>Kiosks</h2><p>Run <strong>well</strong></p>"
    assert made.partner_links.get().organisation == kenyan


def test_the_form_shows_every_error_and_keeps_what_was_typed(client, writer):
    client.force_login(writer)
    response = client.post(
        reverse("knowledge:create"),
        {
            "kind": "impact_story",
            "title": "",
            "date": "soon",
            "body": "<p>Kept text</p>",
        },
    )
    html = titles(response)
    assert "Nothing has been saved" in html and "Kept text" in html
    assert not Item.objects.exists()


def test_the_picker_finds_partners_to_link(client, writer, kenyan):
    client.force_login(writer)
    html = titles(client.get(reverse("knowledge:partner_picker"), {"partner_q": "nairobi"}))
    assert f'value="{kenyan.pk}"' in html


def test_a_stale_edit_is_refused_on_the_form(client, writer):
    made = item(actor=writer)
    services.item_update(actor=writer, item=made, title="Someone else's edit")
    client.force_login(writer)
    html = titles(
        client.post(
            reverse("knowledge:edit", args=[made.pk]),
            {
                "kind": "impact_story",
                "title": "Mine",
                "date": "2025-01-01",
                "version": 1,
            },
        )
    )
    assert "changed by someone else" in html
    made.refresh_from_db()
    assert made.title == "Someone else's edit"


def test_publishing_from_the_page(client, publisher):
    made = item()
    services.item_transition(actor=None, item=made, name="submit")
    client.force_login(publisher)
    url = reverse("knowledge:transition", args=[made.pk])
    response = client.post(url, {"transition": "publish", "version": made.version})
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.state == State.PUBLISHED
    response = client.post(url, {"transition": "archive", "version": made.version}, follow=True)
    assert "Give the reason for this change." in titles(response)
    response = client.post(url, {"transition": "fly", "version": made.version}, follow=True)
    assert "There is no status change called “fly”." in titles(response)
    response = client.post(url, {"transition": "restore", "version": 1}, follow=True)
    assert "cannot be published again" in titles(response)


def test_sending_to_every_foundation_of_a_region(client, writer, kenyan):
    foundations = [
        OrganisationFactory(
            name=f"Fondation {n}", category=category("foundation"), country=country(code)
        )
        for n, code in enumerate(["KE", "NG", "ZA", "BR"])
    ]
    contact = ContactFactory(organisation=foundations[0])
    made = published()
    client.force_login(writer)
    url = reverse("knowledge:disseminate", args=[made.pk])
    form = {
        "channel": "newsletter",
        "sent_on": date.today().isoformat(),
        "audience_category": "foundation",
        "audience_region": "AFRICA",
    }
    html = titles(client.post(url, {**form, "add_audience": "1"}))
    for f in foundations[:3]:
        assert f'value="{f.pk}" id="pick_organisations_{f.pk}" checked' in html
    assert f'value="{foundations[3].pk}"' not in html
    assert f'value="{contact.pk}"' in html  # the chosen partners' contacts, to tick
    ids = [f.pk for f in foundations[:3]]
    response = client.post(url, {**form, "organisations": ids, "contacts": [contact.pk]})
    assert response.status_code == 302
    sent = Dissemination.objects.get()
    assert sent.recipients.count() == 4 and sent.channel == "newsletter"


def test_a_bad_recipient_on_the_form_records_nothing(client, writer, kenyan):
    made = published()
    client.force_login(writer)
    html = titles(
        client.post(
            reverse("knowledge:disseminate", args=[made.pk]),
            {
                "channel": "email",
                "sent_on": date.today().isoformat(),
                "organisations": [kenyan.pk, 424242],
            },
        )
    )
    assert "424242" in html and "Nothing has been saved" in html
    assert not Dissemination.objects.exists()


# --- the partner page's Stories tab ---


def test_the_partner_tab_shows_what_the_partner_took_part_in_and_received(
    officer_client, kenyan, django_assert_max_num_queries
):
    for n in range(6):
        published(title=f"Featured {n}", partners=[(kenyan.pk, "featured")])
    for n in range(6):
        sent = published(title=f"Received {n}", kind=Kind.PUBLICATION, url="https://x.org/r")
        for channel in ("email", "event"):
            services.dissemination_record(
                actor=None,
                item=sent,
                channel=channel,
                sent_on=date.today(),
                organisations=[kenyan.pk],
            )
    item(title="Draft with them", partners=[(kenyan.pk, "took_part")])
    url = reverse("knowledge:partner_items", args=[kenyan.pk])
    with django_assert_max_num_queries(12):
        html = titles(officer_client.get(url, headers={"HX-Request": "true"}))
    assert html.count("Featured ") == 6 and html.count("Received ") == 6
    assert "2 times" in html and "(e-mail, event)" in html
    assert "Draft with them" in html  # an officer writes knowledge: drafts are visible
    page = titles(officer_client.get(reverse("partners:detail", args=[kenyan.pk]) + "?tab=stories"))
    assert url in page


def test_the_partner_tab_hides_drafts_from_readers(client, reader, kenyan):
    published(title="Out there", partners=[(kenyan.pk, "featured")])
    item(title="Not yet", partners=[(kenyan.pk, "featured")])
    client.force_login(reader)
    html = titles(client.get(reverse("knowledge:partner_items", args=[kenyan.pk])))
    assert "Out there" in html and "Not yet" not in html
