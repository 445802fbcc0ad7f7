"""Demonstration knowledge: `load_demo_knowledge()` writes a dozen items — impact stories, good
practices, publications and data sets — linked to demo partners, outcomes, countries and
flagship programmes, takes most of them through review to publication (one stays a draft, one
in review, one is archived), and records their dissemination, most of it to foundations
("document and disseminate high-impact stories … and increase communication with
foundations").

Everything goes through the services (`is_demo`, history batch "demo"), is deterministic, and
is idempotent: an item already there (same title, marked demo) is left alone. Dates count back
from the day the demo partners were first loaded."""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction

from accord.engagement.demo import anchor
from accord.knowledge import services
from accord.knowledge.models import Item, Kind
from accord.partners.models import Organisation

BATCH = "demo"
K = Kind


@dataclass(frozen=True)
class Spec:
    title: str
    kind: str
    summary: str
    body: str
    days_ago: int
    outcomes: tuple[str, ...]
    countries: tuple[str, ...]
    flagships: tuple[str, ...]
    partners: tuple[tuple[str, str, str], ...]  # (category, country or "", role)
    path: tuple[str, ...] = ("submit", "publish")
    url: str = ""
    sent: tuple[tuple[str, int, str], ...] = ()  # (channel, days after its date, audience)


SPECS = [
    Spec(
        "Residents map Mathare's streets, and the upgrading plan follows",
        K.IMPACT_STORY,
        "Young people from Mathare mapped 3,000 structures; the county used the map to route "
        "water and drainage through the settlement.",
        "<p>For years Mathare did not exist on the county's maps. In six months, <strong>"
        "forty young residents</strong> surveyed every lane and structure.</p><h2>What "
        "changed</h2><ul><li>Water kiosks sited where people live</li><li>Drainage routed "
        "along existing paths, with no evictions</li></ul>",
        420,
        ("1.1", "1.2"),
        ("KE",),
        ("2",),
        (("local_authority", "KE", "took_part"), ("civil_society", "KE", "produced")),
        sent=(("newsletter", 20, "foundations"), ("event", 45, "local_authorities")),
    ),
    Spec(
        "Participatory budgeting for public space in Recife",
        K.GOOD_PRACTICE,
        "Neighbourhood assemblies choose one public space a year; the city funds and maintains it.",
        "<p>Each district votes on the space it needs most. <em>Maintenance is budgeted "
        "before the works start.</em></p><ol><li>Assemblies</li><li>Design with residents"
        "</li><li>Works and upkeep</li></ol>",
        380,
        ("1.3",),
        ("BR",),
        ("1",),
        (("local_authority", "BR", "produced"),),
        sent=(("email", 15, "foundations"),),
    ),
    Spec(
        "World Cities Report 2024: cities and climate action",
        K.PUBLICATION,
        "The flagship report on the role of cities in climate action, with regional data.",
        "",
        300,
        ("3.1", "3.2"),
        (),
        ("3",),
        (("knowledge", "", "took_part"),),
        url="https://unhabitat.org/wcr",
        sent=(("website", 0, "foundations"), ("newsletter", 10, "local_authorities")),
    ),
    Spec(
        "Urban Indicators Database: housing affordability, 2015–2024",
        K.DATASET,
        "Price-to-income ratios and rent burdens for 400 cities.",
        "",
        260,
        ("1.2",),
        (),
        ("5",),
        (("knowledge", "", "produced"),),
        url="https://data.unhabitat.org/",
        sent=(("email", 5, "knowledge"),),
    ),
    Spec(
        "Solar street lights run by a women's cooperative in Herat",
        K.IMPACT_STORY,
        "A cooperative installs and maintains 600 street lights; night-time mobility for women "
        "rose by half.",
        "<p>The cooperative was trained by the municipality and is paid per working light."
        "</p><blockquote>“We walk to the clinic after dark now.”</blockquote>",
        230,
        ("2.1", "3.2"),
        ("AF",),
        ("4",),
        (("civil_society", "AF", "featured"),),
        sent=(("newsletter", 30, "foundations"), ("meeting", 40, "foundations")),
    ),
    Spec(
        "Land readjustment without displacement in Kigali",
        K.GOOD_PRACTICE,
        "Owners pool plots, the city returns serviced land, nobody leaves the neighbourhood.",
        "<p>Pooling and returning plots financed roads and drainage. <a href="
        '"https://unhabitat.org/">Method note</a>.</p>',
        200,
        ("1.1",),
        ("RW",),
        ("1",),
        (("government", "RW", "took_part"), ("local_authority", "RW", "produced")),
        sent=(("event", 12, "local_authorities"),),
    ),
    Spec(
        "Her City: girls redesign a park in Nairobi",
        K.IMPACT_STORY,
        "Girls aged 12 to 18 designed a park with the Her City toolbox; the county built it.",
        "<p>Lighting, toilets and seating where the girls said they would feel safe.</p>",
        170,
        ("1.3", "2.1"),
        ("KE",),
        ("1",),
        (("private_sector", "", "took_part"), ("local_authority", "KE", "featured")),
        sent=(("social_media", 2, "foundations"), ("email", 20, "private_sector")),
    ),
    Spec(
        "Voluntary Local Reviews: a guide for cities",
        K.PUBLICATION,
        "How cities report on the SDGs: steps, data sources and examples from 30 reviews.",
        "",
        140,
        ("4.1",),
        (),
        ("2",),
        (("local_authority", "", "took_part"),),
        url="https://unhabitat.org/vlr",
        sent=(("newsletter", 7, "local_authorities"),),
    ),
    Spec(
        "Flood early warning shared by neighbouring municipalities in Mozambique",
        K.GOOD_PRACTICE,
        "Three municipalities share gauges and SMS alerts along one river.",
        "<p>Alerts reach 120,000 residents within fifteen minutes.</p>",
        110,
        ("3.2",),
        ("MZ",),
        ("3",),
        (("local_authority", "MZ", "produced"),),
        sent=(("meeting", 20, "foundations"),),
    ),
    Spec(
        "Safer streets for schoolchildren in Quito",
        K.IMPACT_STORY,
        "Raised crossings and slower traffic around 40 schools.",
        "<p>Draft: numbers to be confirmed with the municipality.</p>",
        60,
        ("2.1",),
        ("EC",),
        ("1",),
        (("local_authority", "EC", "featured"),),
        path=("submit",),
    ),
    Spec(
        "Rental housing cooperatives in Montevideo",
        K.GOOD_PRACTICE,
        "Mutual-aid cooperatives build and manage affordable rental housing.",
        "",
        30,
        ("1.2",),
        ("UY",),
        ("1",),
        (("civil_society", "UY", "produced"),),
        path=(),
    ),
    Spec(
        "Informal settlements profile 2019 (superseded)",
        K.PUBLICATION,
        "Replaced by the 2024 edition.",
        "",
        600,
        ("1.1",),
        (),
        ("2",),
        (),
        url="https://unhabitat.org/isp-2019",
        path=("submit", "publish", "archive"),
    ),
]
AUDIENCES = {  # which demo partners an audience reaches, and how many at most
    "foundations": ("foundation", 12),
    "local_authorities": ("local_authority", 8),
    "knowledge": ("knowledge", 6),
    "private_sector": ("private_sector", 5),
}


def _demo_partners() -> dict[str, list[Organisation]]:
    by_category: dict[str, list[Organisation]] = {}
    rows = (
        Organisation.objects.filter(is_demo=True, archived_at=None)
        .select_related("category", "country")
        .order_by("sort_name", "id")
    )
    for org in rows:
        by_category.setdefault(org.category.code, []).append(org)
    return by_category


def _pick(partners: dict, category: str, country: str, taken: set) -> Organisation | None:
    pool = [o for o in partners.get(category, []) if o.pk not in taken]
    local = [o for o in pool if o.country_id == country] if country else []
    return (local or pool or [None])[0]


def _item(spec: Spec, partners: dict, day0) -> Item:
    taken: set[int] = set()
    links = []
    for category, country, role in spec.partners:
        org = _pick(partners, category, country, taken)
        if org is not None:
            taken.add(org.pk)
            links.append((org.pk, role))
    made = services.item_create(
        actor=None,
        is_demo=True,
        batch=BATCH,
        kind=spec.kind,
        title=spec.title,
        summary=spec.summary,
        body=spec.body,
        date=day0 - timedelta(days=spec.days_ago),
        url=spec.url,
        outcomes=list(spec.outcomes),
        countries=list(spec.countries),
        flagships=list(spec.flagships),
        partners=links,
    )
    for name in spec.path:
        note = "Superseded by a newer edition" if name == "archive" else ""
        services.item_transition(actor=None, item=made, name=name, note=note)
    return made


@transaction.atomic
def load_demo_knowledge() -> dict[str, int]:
    """Load the demo items and their disseminations; returns what was created."""
    existing = set(Item.objects.filter(is_demo=True).values_list("title", flat=True))
    partners = _demo_partners()
    day0 = anchor()
    counts = {"items": 0, "published": 0, "disseminations": 0, "recipients": 0}
    for number, spec in enumerate(SPECS):
        if spec.title in existing:
            continue
        made = _item(spec, partners, day0)
        counts["items"] += 1
        counts["published"] += made.state == "published"
        for channel, after, audience in spec.sent if made.state == "published" else ():
            category, size = AUDIENCES[audience]
            pool = partners.get(category, [])
            start = number * size // 2 % max(len(pool), 1)  # each item reaches other partners
            recipients = [o.pk for o in (pool[start:] + pool[:start])[:size]]
            sent_on = min(made.date + timedelta(days=after), day0)
            if not recipients:
                continue
            services.dissemination_record(
                actor=None,
                item=made,
                channel=channel,
                sent_on=sent_on,
                organisations=recipients,
                is_demo=True,
                note=f"Sent to {len(recipients)} {audience.replace('_', ' ')}.",
            )
            counts["disseminations"] += 1
            counts["recipients"] += len(recipients)
    return counts
