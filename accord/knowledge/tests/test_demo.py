"""The knowledge demonstration data: a dozen items in every state, linked to demo partners and
outcomes, published stories sent to foundations; idempotent."""

import pytest

from accord.knowledge.demo import SPECS, load_demo_knowledge
from accord.knowledge.models import Dissemination, Item, Recipient
from accord.partners.tests.factories import OrganisationFactory, category, country

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_partners(db):
    made = []
    for code, iso in [
        ("foundation", "US"),
        ("foundation", "DE"),
        ("local_authority", "KE"),
        ("civil_society", "KE"),
        ("knowledge", "GB"),
        ("private_sector", "SE"),
    ]:
        made.append(
            OrganisationFactory(
                name=f"Demo {code} {iso}",
                category=category(code),
                country=country(iso),
                is_demo=True,
            )
        )
    return made


def test_the_demo_loads_items_links_and_disseminations_once(demo_partners):
    counts = load_demo_knowledge()
    assert counts["items"] == len(SPECS) == Item.objects.filter(is_demo=True).count()
    states = sorted(set(Item.objects.values_list("state", flat=True)))
    assert states == ["archived", "draft", "in_review", "published"]
    story = Item.objects.get(title__startswith="Residents map Mathare")
    assert {link.organisation.country_id for link in story.partner_links.all()} == {"KE"}
    assert sorted(o.code for o in story.outcomes.all()) == ["1.1", "1.2"]
    foundations = Recipient.objects.filter(organisation__category__code="foundation")
    assert len(set(foundations.values_list("dissemination__item", flat=True))) >= 5
    assert counts["disseminations"] == Dissemination.objects.count() > 0
    assert not Dissemination.objects.exclude(item__state="published").exists()
    again = load_demo_knowledge()
    assert again["items"] == 0 and again["disseminations"] == 0
    assert Item.objects.count() == len(SPECS)
