"""The read interface the reports app uses (docs/knowledge.md): highlights of a period and the
dissemination summary, as plain data, in a fixed number of queries."""

from datetime import date

import pytest

from accord.knowledge import services
from accord.knowledge.models import Kind
from accord.knowledge.selectors import dissemination_summary, highlights
from accord.knowledge.tests.factories import item, published
from accord.partners.tests.factories import OrganisationFactory, category, country

pytestmark = pytest.mark.django_db
YEAR = (date(2025, 1, 1), date(2025, 12, 31))


@pytest.fixture
def foundation(db):
    return OrganisationFactory(
        name="Fondation Habitat", category=category("foundation"), country=country("FR")
    )


def test_highlights_are_the_published_stories_of_the_period(kenyan, foundation):
    story = published(
        title="In period",
        date=date(2025, 6, 1),
        outcomes=["1.2"],
        countries=["KE"],
        flagships=["3"],
        partners=[(kenyan.pk, "took_part"), (foundation.pk, "produced")],
    )
    published(title="Practice", kind=Kind.GOOD_PRACTICE, date=date(2025, 2, 1))
    published(title="Too early", date=date(2024, 12, 31))
    published(
        title="A publication", kind=Kind.PUBLICATION, url="https://x.org", date=date(2025, 3, 1)
    )
    item(title="Draft", date=date(2025, 7, 1))
    services.dissemination_record(
        actor=None, item=story, channel="email", sent_on=date.today(), organisations=[foundation.pk]
    )
    found = highlights(*YEAR)
    assert [h.title for h in found] == ["In period", "Practice"]
    first = found[0]
    assert first.outcomes == [("1.2", first.outcomes[0][1])] and first.countries == ["Kenya"]
    assert first.flagships == ["3"] and first.times_sent == 1
    assert first.path == f"/knowledge/{story.pk}/"
    assert {(p.name, p.role, p.category) for p in first.partners} == {
        ("Nairobi City County", "took_part", "local_authority"),
        ("Fondation Habitat", "produced", "foundation"),
    }
    assert [h.title for h in highlights(*YEAR, category="foundation")] == ["In period"]
    assert [h.title for h in highlights(*YEAR, limit=1)] == ["In period"]
    kinds = (Kind.PUBLICATION,)
    assert [h.title for h in highlights(*YEAR, kinds=kinds)] == ["A publication"]


def test_highlights_run_a_fixed_number_of_queries(kenyan, django_assert_max_num_queries):
    for n in range(8):
        published(
            title=f"Story {n}",
            date=date(2025, 5, n + 1),
            outcomes=["1.1", "2.2"],
            countries=["KE"],
            partners=[(kenyan.pk, "featured")],
        )
    with django_assert_max_num_queries(6):
        found = highlights(*YEAR, limit=20)
    assert len(found) == 8 and all(h.partners for h in found)


def test_a_scoped_user_sees_only_their_partners_in_highlights(regional, kenyan, brazilian):
    published(date=date(2025, 4, 1), partners=[(kenyan.pk, "featured"), (brazilian.pk, "featured")])
    names = [p.name for p in highlights(*YEAR, user=regional)[0].partners]
    assert names == ["Nairobi City County"]


def test_the_dissemination_summary_counts_by_channel_and_category(
    kenyan, brazilian, foundation, django_assert_max_num_queries
):
    story, other = published(), published(title="Other")
    today = date.today()
    services.dissemination_record(
        actor=None,
        item=story,
        channel="newsletter",
        sent_on=today,
        organisations=[kenyan.pk, brazilian.pk, foundation.pk],
    )
    services.dissemination_record(
        actor=None, item=other, channel="event", sent_on=today, organisations=[foundation.pk]
    )
    with django_assert_max_num_queries(6):
        summary = dissemination_summary(date(today.year, 1, 1), date(today.year, 12, 31))
    assert (summary.disseminations, summary.items, summary.recipients, summary.organisations) == (
        2,
        2,
        4,
        3,
    )
    channels = {c.channel: (c.disseminations, c.recipients) for c in summary.by_channel}
    assert channels["newsletter"] == (1, 3) and channels["event"] == (1, 1)
    assert channels["email"] == (0, 0)
    categories = {c.category: (c.recipients, c.organisations) for c in summary.by_category}
    assert categories == {"local_authority": (2, 2), "foundation": (2, 1)}
    empty = dissemination_summary(date(2000, 1, 1), date(2000, 12, 31))
    assert empty.disseminations == 0 and empty.by_category == []
