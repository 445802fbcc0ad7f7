"""Writes for accounts: API tokens and the geography reference data."""

import csv
import hashlib
import secrets
from datetime import datetime
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from accord.accounts.models import ApiToken, User
from accord.accounts.regions import REGIONS, region_code_for

COUNTRIES_CSV = Path(__file__).parent / "data" / "countries.csv"
TOKEN_PREFIX = "acc_"  # noqa: S105 (a label, not a secret)


def hash_token(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def api_token_create(
    *, user: User, name: str, expires_at: datetime | None = None
) -> tuple[ApiToken, str]:
    """Create a token and return it with its key; the key is not stored and is shown once."""
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, prefix=key[:12], key_hash=hash_token(key), expires_at=expires_at
    )
    return token, key


def api_token_revoke(*, token: ApiToken) -> None:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])


def geography_load(region_model, country_model) -> None:
    """Load the regions and every current country or territory (OCHA taxonomy). Takes the model
    classes so that a data migration can pass its historical models."""
    regions = {}
    for code, name, office in REGIONS:
        regions[code], _ = region_model.objects.update_or_create(
            code=code, defaults={"name": name, "office": office}
        )
    with COUNTRIES_CSV.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            iso2 = row["ISO 3166-1 Alpha 2-Codes"].strip()
            if row["Deprecated"] == "Y" or len(iso2) != 2 or row["Admin Level"] != "0":
                continue
            region = regions[region_code_for(iso2, row["Region Name"], row["Sub-region Name"])]
            country_model.objects.update_or_create(
                code=iso2,
                defaults={
                    "iso3": row["ISO 3166-1 Alpha 3-Codes"].strip(),
                    "name": row["English Short"].strip() or row["Preferred Term"].strip(),
                    "names": {
                        "fr": row["French Short"], "es": row["Spanish Short"],
                        "ru": row["Russian Short"], "zh": row["Chinese Short"],
                        "ar": row["Arabic Short"], "formal": row["English Formal"],
                    },
                    "region": region,
                    "un_member": row["Appears in DGACM list"] == "Y",
                },
            )
