"""What the Executive Board report reads from the other apps, each through that app's own
read interface and the acting user's scope, in a fixed number of queries whatever the period
or the number of records:

- engagements per strategy line: accord/engagement (`scorecard`, `engagement_list`);
- resources mobilised: accord/funding (`funding_trend` of the funding view, and the pledge and
  contribution lists summed per partner category for the exact period);
- agreements signed: accord/agreements (`agreement_list`, parties the user may see);
- indicators against targets: accord/results (`indicators_against_targets`);
- highlights and stories: accord/knowledge (`highlights`, `dissemination_summary`)."""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.db.models import Sum

from accord.accounts.roles import can
from accord.agreements import selectors as agreement_selectors
from accord.agreements.models import IN_FORCE, AgreementStatus
from accord.engagement.models import EngagementStatus
from accord.engagement.scorecard import scorecard
from accord.engagement.selectors import EngagementFilters, engagement_list
from accord.funding.gap_selectors import funding_trend
from accord.funding.models import PledgeStatus, ResourceKind
from accord.funding.pledge_selectors import contribution_list, pledge_list
from accord.knowledge.selectors import dissemination_summary, highlights
from accord.results.selectors import indicators_against_targets

ZERO = Decimal("0.00")
SIGNED = (*IN_FORCE, AgreementStatus.EXPIRED, AgreementStatus.TERMINATED, AgreementStatus.CLOSED)
HIGHLIGHTS = 60  # read once, then shared out per category
TREND_YEARS = 6


def engagements(user, start: date, end: date) -> tuple[dict, int]:
    """The scorecard for the period ({category code: category figures with `lines`}) and the
    number of engagements held or planned in it."""
    if not can(user, "engagement.view"):
        return {}, 0
    card = scorecard(user=user, date_from=start, date_to=end)
    count = (
        engagement_list(user=user, filters=EngagementFilters(date_from=start, date_to=end))
        .exclude(status=EngagementStatus.CANCELLED)
        .count()
    )
    return {c["code"]: c for c in card["categories"]}, count


def _by_category(qs) -> dict[int, dict[str, Decimal]]:
    sums: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    rows = qs.order_by().values("organisation__category_id", "kind").annotate(usd=Sum("amount_usd"))
    for row in rows:
        sums[row["organisation__category_id"]][row["kind"]] += row["usd"] or ZERO
    return sums


def resources(user, start: date, end: date) -> dict:
    """Received (financial and in-kind) and newly pledged, in USD, per category id; and the
    funding view's target against received for each year of the period."""
    if not can(user, "funding.view"):
        return {"received": {}, "pledged": {}, "trend": []}
    received = contribution_list(user=user).filter(value_date__range=(start, end))
    pledged = (
        pledge_list(user=user)
        .filter(value_date__range=(start, end))
        .exclude(status=PledgeStatus.CANCELLED)
    )
    years = min(end.year - start.year + 1, TREND_YEARS)
    return {
        "received": _by_category(received),
        "pledged": _by_category(pledged),
        "trend": funding_trend(user, year=end.year, by="flagship", years=years),
    }


def financial_and_in_kind(sums: dict[str, Decimal]) -> tuple[Decimal, Decimal]:
    return sums.get(ResourceKind.FINANCIAL, ZERO), sums.get(ResourceKind.IN_KIND, ZERO)


def agreements_signed(user, start: date, end: date) -> list:
    """Agreements signed in the period, oldest signature first, with `parties_shown`."""
    if not can(user, "agreements.view"):
        return []
    qs = (
        agreement_selectors.agreement_list(user=user)
        .filter(signed_on__range=(start, end), status__in=SIGNED)
        .select_related("type")
        .prefetch_related(agreement_selectors.parties_prefetch(user))
        .order_by("signed_on", "id")
    )
    return list(qs)


def indicators(start: date, end: date, today: date) -> list:
    """Every indicator against its target for the period's last year, as at the period's end."""
    return indicators_against_targets(str(end.year), today=min(end, today))


def stories(user, start: date, end: date) -> tuple[list, object]:
    return (
        highlights(start, end, limit=HIGHLIGHTS, user=user),
        dissemination_summary(start, end, user=user),
    )
