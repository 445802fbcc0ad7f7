"""Writes of the monthly exchange rates (UN operational rates of exchange style): entered by
hand, or imported from a CSV file. Rates are institution-wide settings, changed only by users
who may manage them (`actor=None` is the system). An import reports every bad row with its row
number, column and reason, and applies the valid rows in one transaction: an existing
(currency, month) is updated, a new one created, nothing is half-written."""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accord.core.errors import PermissionDeniedError
from accord.core.money import USD, is_currency
from accord.funding import permissions
from accord.funding.models import ExchangeRate

COLUMNS = ("currency", "month", "rate", "source")
REQUIRED = ("currency", "month", "rate")
MAX_RATE = Decimal("1e12")
DEFAULT_SOURCE = "Entered by hand"
ENCODINGS = ("utf-8-sig", "utf-16", "cp1252")
MONTH_FORMATS = ("%Y-%m-%d", "%Y-%m", "%Y/%m/%d", "%Y/%m", "%B %Y", "%b %Y", "%m/%Y")


def _deny_unless_manager(actor) -> None:
    if actor is not None and not permissions.can_manage_rates(actor):
        raise PermissionDeniedError("You may not change exchange rates.")


def clean_currency(value) -> str:
    code = str(value or "").strip().upper()
    if not code:
        raise ValueError("Give the ISO 4217 currency code (e.g. EUR).")
    if code == USD:
        raise ValueError("USD needs no rate: amounts in US dollars are not converted.")
    if not is_currency(code):
        raise ValueError(f"“{code}” is not an ISO 4217 currency code.")
    return code


def clean_month(value) -> date:
    """The first day of the month given as YYYY-MM, a date, or "March 2026"."""
    if isinstance(value, datetime):
        return value.date().replace(day=1)
    if isinstance(value, date):
        return value.replace(day=1)
    text = str(value or "").strip()
    for fmt in MONTH_FORMATS:
        try:
            return datetime.strptime(text, fmt).date().replace(day=1)
        except ValueError:
            continue
    raise ValueError(f"“{text}” is not a month: write it as YYYY-MM (e.g. 2026-03) or a date.")


def clean_rate(value) -> Decimal:
    """Units of the currency per US dollar, more than zero; a decimal comma is accepted."""
    text = re.sub(r"[\s\u00a0']", "", str(value if value is not None else ""))
    if "," in text:
        text = text.replace(",", "") if "." in text else text.replace(",", ".")
    try:
        rate = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"“{value}” is not a number.") from None
    if not rate.is_finite() or rate <= 0:
        raise ValueError("The rate must be more than zero (units of the currency per 1 USD).")
    if rate >= MAX_RATE:
        raise ValueError("The rate is too large to be real.")
    return rate.quantize(Decimal("1e-8"))


@transaction.atomic
def rate_save(
    *, actor, currency, month, rate, source: str = "", exchange_rate: ExchangeRate | None = None
) -> ExchangeRate:
    """Enter one month's rate by hand (or correct one): one rate per currency and month."""
    _deny_unless_manager(actor)
    errors, values = {}, {}
    for name, cleaner, raw in (
        ("currency", clean_currency, currency),
        ("month", clean_month, month),
        ("rate", clean_rate, rate),
    ):
        try:
            values[name] = cleaner(raw)
        except ValueError as exc:
            errors[name] = [str(exc)]
    if "currency" not in errors and "month" not in errors:
        clash = ExchangeRate.objects.filter(currency=values["currency"], month=values["month"])
        if exchange_rate is not None:
            clash = clash.exclude(pk=exchange_rate.pk)
        if clash.exists():
            errors["month"] = [
                f"There is already a {values['currency']} rate for {values['month']:%B %Y}: "
                "edit that one instead."
            ]
    if errors:
        raise ValidationError(errors)
    row = exchange_rate or ExchangeRate()
    row.currency, row.month, row.rate = values["currency"], values["month"], values["rate"]
    row.source = " ".join(str(source or "").split())[:120] or DEFAULT_SOURCE
    row.entered_by = actor if actor is not None and actor.is_authenticated else None
    row.save()
    return row


# --- CSV import ---


@dataclass
class RowError:
    row: int  # the line of the file, the header being row 1
    column: str
    reason: str

    def __str__(self) -> str:
        return f"Row {self.row}, {self.column}: {self.reason}"


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False

    @property
    def applied(self) -> int:
        return self.created + self.updated


def decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")  # never fails: every byte is a character


def read_rows(text: str) -> tuple[list[tuple[int, dict]], list[RowError]]:
    """The file's data rows as (row number, {column: value}) with any common delimiter, or the
    errors that make the whole file unreadable (missing columns)."""
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    header = next(reader, None)
    if not header:
        return [], [RowError(1, "file", "The file is empty.")]
    names = [h.strip().lower() for h in header]
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        return [], [RowError(1, c, "This column is missing from the header.") for c in missing]
    rows = []
    for number, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        rows.append(
            (number, {n: (values[i] if i < len(values) else "") for i, n in enumerate(names)})
        )
    return rows, []


def _validated(rows, source: str, report: ImportReport) -> dict[tuple[str, date], tuple]:
    wanted: dict[tuple[str, date], tuple] = {}
    for number, values in rows:
        cleaned, bad = {}, False
        for column, cleaner in (
            ("currency", clean_currency),
            ("month", clean_month),
            ("rate", clean_rate),
        ):
            try:
                cleaned[column] = cleaner(values.get(column))
            except ValueError as exc:
                report.errors.append(RowError(number, column, str(exc)))
                bad = True
        if bad:
            continue
        key = (cleaned["currency"], cleaned["month"])
        if key in wanted:
            first = wanted[key][0]
            report.errors.append(
                RowError(number, "month", f"{key[0]} {key[1]:%Y-%m} is already on row {first}.")
            )
            continue
        row_source = " ".join((values.get("source") or "").split()) or source
        wanted[key] = (number, cleaned["rate"], row_source[:120] or DEFAULT_SOURCE)
    return wanted


@transaction.atomic
def rates_import(*, actor, data: bytes, source: str = "", dry_run: bool = False) -> ImportReport:
    """Import monthly rates from CSV (columns currency, month, rate, optional source)."""
    _deny_unless_manager(actor)
    report = ImportReport(dry_run=dry_run)
    rows, fatal = read_rows(decode(data))
    report.errors += fatal
    wanted = _validated(rows, source, report)
    if not wanted:
        return report
    currencies = {c for c, _ in wanted}
    months = {m for _, m in wanted}
    existing = {
        (r.currency, r.month): r
        for r in ExchangeRate.objects.filter(currency__in=currencies, month__in=months)
    }
    entered_by = actor if actor is not None and actor.is_authenticated else None
    new, changed = [], []
    for key, (_, rate, row_source) in wanted.items():
        current = existing.get(key)
        if current is None:
            new.append(
                ExchangeRate(
                    currency=key[0],
                    month=key[1],
                    rate=rate,
                    source=row_source,
                    entered_by=entered_by,
                )
            )
        elif current.rate != rate or current.source != row_source:
            current.rate, current.source, current.entered_by = rate, row_source, entered_by
            current.updated_at = timezone.now()  # bulk_update does not stamp auto_now fields
            changed.append(current)
        else:
            report.unchanged += 1
    report.created, report.updated = len(new), len(changed)
    if not dry_run:
        ExchangeRate.objects.bulk_create(new, batch_size=500)
        ExchangeRate.objects.bulk_update(
            changed, ["rate", "source", "entered_by", "updated_at"], batch_size=500
        )
    return report
