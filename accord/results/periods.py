"""Reporting periods: a year "2025" or a quarter "2025-Q2", made on first use from the code
(so a target or a measurement can name any plausible period without an administrator
creating it first)."""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accord.results.models import Period, PeriodKind

CODE = re.compile(r"^(?P<year>\d{4})(?:-Q(?P<quarter>[1-4]))?$")
QUARTER_END = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}
FIRST_YEAR, LAST_YEAR = 2000, 2100


def spec(code: str) -> dict:
    """The fields of the period `code`, or a ValidationError on "period"."""
    match = CODE.match(str(code or "").strip().upper())
    if not match:
        raise ValidationError(
            {"period": [f"“{code}” is not a period: give a year (2025) or a quarter (2025-Q2)."]}
        )
    year = int(match["year"])
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError({"period": [f"Give a year between {FIRST_YEAR} and {LAST_YEAR}."]})
    if match["quarter"] is None:
        return {
            "code": str(year),
            "label": str(year),
            "kind": PeriodKind.YEAR,
            "start": date(year, 1, 1),
            "end": date(year, 12, 31),
        }
    quarter = int(match["quarter"])
    month, day = QUARTER_END[quarter]
    return {
        "code": f"{year}-Q{quarter}",
        "label": f"Q{quarter} {year}",
        "kind": PeriodKind.QUARTER,
        "start": date(year, month - 2, 1),
        "end": date(year, month, day),
    }


def period_get(code) -> Period:
    """The period `code` (a Period passes through), created when it does not exist yet."""
    if isinstance(code, Period):
        return code
    fields = spec(code)
    period = Period.objects.filter(code=fields["code"]).first()
    if period is not None:
        return period
    try:
        with transaction.atomic():
            return Period.objects.create(**fields)
    except IntegrityError:  # made by someone else in between
        return Period.objects.get(code=fields["code"])


def period_find(code) -> Period:
    """The period `code` as stored, or an unsaved one with the same fields: reads (pages,
    reports) never write a row just because someone asked about a period."""
    if isinstance(code, Period):
        return code
    fields = spec(code)
    return Period.objects.filter(code=fields["code"]).first() or Period(**fields)


def current_year(today: date | None = None) -> Period:
    return period_get(str((today or timezone.localdate()).year))


def years_between(first: int, last: int) -> list[Period]:
    return [period_get(str(y)) for y in range(first, last + 1)]
