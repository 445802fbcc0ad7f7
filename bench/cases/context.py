"""What every benchmark shares: the logged-in officer, a client, and deterministic parameter
lists drawn from the generated data (same scale, same parameters)."""

import random
from dataclasses import dataclass, field

from django.test import Client

from accord.accounts.models import User
from accord.partners import search
from accord.partners.models import Organisation
from accord.strategy.models import PartnerCategory
from bench.generate import OFFICER_USERNAME

SORTS = ["name", "-name", "country", "category", "-updated"]
SAMPLES = 60
# Words many names share, each with the category where it is common: the broad searches.
COMMON = [
    ("local_authority", "city"),
    ("knowledge", "univ"),
    ("foundation", "fond"),
    ("development_bank", "banco"),
    ("local_authority", "город"),
    ("local_authority", "بلدية"),
    ("foundation", "基金会"),
    ("government", "minist"),
    ("civil_society", "asso"),
    ("private_sector", "ltd"),
]


@dataclass
class Context:
    db: str
    scale: float
    marker: dict
    officer: User
    client: Client
    list_params: list[dict] = field(default_factory=list)
    detail_pks: list[int] = field(default_factory=list)
    search_queries: list[str] = field(default_factory=list)

    @classmethod
    def build(cls, *, db: str, scale: float, marker: dict) -> "Context":
        officer = User.objects.get(username=OFFICER_USERNAME)
        client = Client()
        client.force_login(officer)
        rng = random.Random(42)
        codes = dict(PartnerCategory.objects.values_list("id", "code"))
        ids = list(
            Organisation.objects.filter(archived_at=None)
            .order_by("id")
            .values_list("id", flat=True)
        )
        sample_ids = sorted(rng.sample(ids, min(SAMPLES, len(ids))))
        sample = list(
            Organisation.objects.filter(id__in=sample_ids)
            .order_by("id")
            .values_list("id", "name", "category_id")
        )
        rare = []
        for _, name, category_id in sample:
            words = [w for w in search.query_tokens(name) if len(w) >= 3] or search.query_tokens(
                name
            )
            word = rng.choice(words)
            rare.append((codes[category_id], word[: rng.randint(3, max(3, len(word)))]))
        pairs = [pair for both in zip(rare, COMMON * 6, strict=False) for pair in both]
        list_params = [
            {"category": category, "sort": SORTS[i % len(SORTS)], "q": q}
            for i, (category, q) in enumerate(pairs)
        ]
        return cls(
            db=db,
            scale=scale,
            marker=marker,
            officer=officer,
            client=client,
            list_params=list_params,
            detail_pks=[pk for pk, _, _ in sample],
            search_queries=[p["q"] for p in list_params],
        )
