"""Checking the numbers people type: values are Decimals, never text. Each refusal names the
field it is about, so the form or the API puts it in the right place."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from accord.results.models import Aggregation, Unit
from accord.results.rules import QUANTUM, ratio_value

PLACES = 4
LIMIT = Decimal(10) ** 16  # 20 digits, 4 after the point


def to_decimal(raw, field: str, *, required: bool = True) -> Decimal | None:
    """`raw` (a Decimal, an int, or text such as "1250.5") as a Decimal, or a ValidationError
    on `field`. Text that is not a number, booleans and non-finite values are refused."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if required:
            raise ValidationError({field: ["Give a number."]})
        return None
    if isinstance(raw, bool):
        raise ValidationError({field: ["Give a number, not true or false (yes is 1, no is 0)."]})
    try:
        value = Decimal(str(raw).strip().replace(",", "")) if not isinstance(raw, Decimal) else raw
    except (InvalidOperation, ValueError):
        raise ValidationError({field: [f"“{raw}” is not a number."]}) from None
    if not value.is_finite():
        raise ValidationError({field: [f"“{raw}” is not a number."]})
    if value.as_tuple().exponent < -PLACES and value != value.quantize(Decimal(1).scaleb(-PLACES)):
        raise ValidationError({field: [f"Give at most {PLACES} decimal places."]})
    if abs(value) >= LIMIT:
        raise ValidationError({field: ["This number is too large."]})
    if value < 0:
        raise ValidationError({field: ["Give a number of zero or more."]})
    return value.quantize(QUANTUM)  # the stored precision: "1" and "1.0000" are one value


def check_unit(value: Decimal, unit: str, field: str) -> None:
    if unit == Unit.YES_NO and value not in (0, 1):
        raise ValidationError({field: ["A yes/no indicator takes 1 (yes) or 0 (no)."]})
    if unit == Unit.PERCENTAGE and value > 100:
        raise ValidationError({field: ["A percentage is between 0 and 100."]})


def clean_measure(indicator, *, value=None, numerator=None, denominator=None):
    """(value, numerator, denominator) for `indicator`: a ratio indicator takes a numerator and
    a denominator (the value is computed from them); any other takes a value only."""
    errors: dict[str, list[str]] = {}

    def checked(raw, field, required=True):
        try:
            return to_decimal(raw, field, required=required)
        except ValidationError as exc:
            errors.update(exc.message_dict)
            return None

    if indicator.aggregation == Aggregation.RATIO:
        num, den = checked(numerator, "numerator"), checked(denominator, "denominator")
        if den is not None and den == 0:
            errors["denominator"] = ["The denominator cannot be zero."]
        if num is not None and den and indicator.unit == Unit.PERCENTAGE and num > den:
            errors["numerator"] = ["A share cannot have a numerator above its denominator."]
        if errors:
            raise ValidationError(errors)
        return ratio_value(num, den, indicator.unit), num, den
    if numerator not in (None, "") or denominator not in (None, ""):
        errors["numerator"] = [f"{indicator.code} is not a ratio: give the value only."]
    number = checked(value, "value")
    if number is not None:
        try:
            check_unit(number, indicator.unit, "value")
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    return number, None, None
