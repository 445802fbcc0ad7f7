"""The disaggregations an indicator may be reported by, and the parts of each: partner
categories and regions come from the strategy and the regions table; sex and age groups are
the fixed lists of the strategic plan's results framework (youth is 15-24 in UN usage)."""

from django.core.exceptions import ValidationError

from accord.accounts.models import Region
from accord.accounts.selectors import region_list
from accord.strategy.selectors import category_list

DIMENSIONS = {
    "category": "Partner category",
    "region": "Region",
    "sex": "Sex",
    "age": "Age group",
}
FIXED_PARTS = {
    "sex": [("female", "Female"), ("male", "Male")],
    "age": [
        ("0-14", "Under 15"),
        ("15-24", "15–24 (youth)"),
        ("25-64", "25–64"),
        ("65+", "65 and over"),
    ],
}


def parts(dimension: str) -> list[tuple[str, str]]:
    """The (code, label) of each part of `dimension`, in display order."""
    if dimension == "category":
        return [(c.code, c.short_name) for c in category_list()]
    if dimension == "region":
        return [(r.code, r.name) for r in region_list()]
    return list(FIXED_PARTS.get(dimension, []))


def labels() -> dict[tuple[str, str], str]:
    """Every part's label by (dimension, code): two queries."""
    return {(d, code): label for d in DIMENSIONS for code, label in parts(d)}


def clean_disaggregations(value) -> list[str]:
    """The dimension codes of a catalogue entry, checked (order kept, repeats dropped)."""
    if value in (None, ""):
        return []
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",") if v.strip()]
    if not isinstance(value, list | tuple):
        raise ValidationError({"disaggregations": ["Give a list of dimensions."]})
    wrong = [str(v) for v in value if v not in DIMENSIONS]
    if wrong:
        raise ValidationError(
            {
                "disaggregations": [
                    f"Unknown disaggregation “{', '.join(wrong)}”: use {', '.join(DIMENSIONS)}."
                ]
            }
        )
    return list(dict.fromkeys(value))


def resolve_part(indicator, dimension: str, code: str) -> tuple[str, str, Region | None]:
    """(dimension, part code, region) of a measurement, checked against the indicator: the
    total is ("", "", None); a region part carries its Region."""
    dimension, code = (dimension or "").strip(), (code or "").strip()
    if not dimension:
        if code:
            raise ValidationError({"dimension": ["Choose the disaggregation this part is of."]})
        return "", "", None
    if dimension not in (indicator.disaggregations or []):
        allowed = ", ".join(indicator.disaggregations or []) or "none"
        raise ValidationError(
            {
                "dimension": [
                    f"{indicator.code} is not disaggregated by “{dimension}” (it is by: {allowed})."
                ]
            }
        )
    if dimension == "region":
        region = Region.objects.filter(code__iexact=code).first() if code else None
        if region is None:
            raise ValidationError({"dimension_value": [f"There is no region “{code}”."]})
        return dimension, region.code, region
    codes = [c for c, _ in parts(dimension)]
    if code not in codes:
        raise ValidationError(
            {
                "dimension_value": [
                    f"“{code}” is not a part of {DIMENSIONS[dimension].lower()}: use "
                    f"{', '.join(codes)}."
                ]
            }
        )
    return dimension, code, None
