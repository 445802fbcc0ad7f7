""" "What needs attention" on the dashboard: overdue obligations, agreements expiring soon,
screening hits left open for more than a week, and relationships gone quiet — each a count
and the first few records, read from the owning app's selectors (so scoped to the user) and
linking to that app's list of them.

The first three are indexed reads of small sets. Stale relationships need, for every active
partner, its last engagement (one probe each: seconds at 100,000 partners), so that count is
cached under a key that changes with any partner write, with the day, and with the engagement
app's scorecard snapshot, which that app recomputes after every engagement change (the
dashboard reads the scorecard first)."""

from datetime import timedelta

from django.utils import timezone

from accord.accounts.models import Region
from accord.accounts.roles import can
from accord.agreements import selectors as agreement_selectors
from accord.diligence import permissions as diligence_permissions
from accord.diligence import selectors as diligence_selectors
from accord.diligence.models import HitStatus
from accord.engagement import health
from accord.funding.change_markers import last_saved
from accord.partners.models import Organisation
from accord.reports.dashboard_selectors import DashboardFilters, cached

FIRST = 5
EXPIRING_DAYS = 90
HIT_AGE_DAYS = 7


def _section(key: str, title: str, qs, rows, url: str, query: dict) -> dict:
    return {
        "key": key,
        "title": title,
        "count": qs.count(),
        "rows": rows,
        "url": url,
        "query": {k: v for k, v in query.items() if v},
    }


def _obligations(user, f: DashboardFilters, today) -> dict:
    qs = agreement_selectors.obligation_list(user=user, due_before=today)
    if f.region:
        qs = qs.filter(agreement__region__code=f.region.upper())
    rows = [
        {"label": f"{o.title} ({o.agreement.reference})", "date": o.due_date,
         "path": ("agreements:detail", o.agreement_id)}
        for o in qs.select_related("agreement")[:FIRST]
    ]  # fmt: skip
    return _section("obligations", "Overdue obligations", qs, rows, "agreements:calendar", {})


def _expiring(user, f: DashboardFilters, today) -> dict:
    filters = agreement_selectors.AgreementFilters(expiring_within=EXPIRING_DAYS, region=f.region)
    qs = agreement_selectors.agreement_list(user=user, filters=filters, today=today)
    rows = [
        {
            "label": f"{a.reference} {a.title}",
            "date": a.end_date,
            "path": ("agreements:detail", a.pk),
        }
        for a in qs.order_by("end_date", "id")[:FIRST]
    ]
    query = {"expiring": EXPIRING_DAYS, "region": f.region}
    return _section(
        "expiring", f"Agreements ending within {EXPIRING_DAYS} days", qs, rows,
        "agreements:list", query,
    )  # fmt: skip


def _hits(user, f: DashboardFilters) -> dict:
    filters = diligence_selectors.HitFilters(status=HitStatus.OPEN, region=f.region)
    before = timezone.now() - timedelta(days=HIT_AGE_DAYS)
    qs = diligence_selectors.hit_list(user=user, filters=filters).filter(created_at__lt=before)
    rows = [
        {"label": h.screened_name, "date": timezone.localdate(h.created_at),
         "path": ("diligence:hit_detail", h.pk)}
        for h in qs.order_by("created_at", "id")[:FIRST]
    ]  # fmt: skip
    return _section(
        "hits", f"Screening hits open for more than {HIT_AGE_DAYS} days", qs, rows,
        "diligence:hits", {"region": f.region},
    )  # fmt: skip


def _stale(user, f: DashboardFilters, today, engagement_marker: str) -> dict:
    def compute() -> dict:
        region = Region.objects.filter(code=f.region.upper()).first() if f.region else None
        if f.region and region is None:
            qs = health.needs_attention(user=user, today=today).none()
        else:
            qs = health.needs_attention(user=user, region=region, today=today)
        rows = [
            {"label": o.name, "date": o.last_engagement, "path": ("partners:detail", o.pk)}
            for o in qs[:FIRST]
        ]
        return _section(
            "stale", "Relationships gone quiet", qs, rows, "engagement:attention",
            {"who": "all", "region": f.region},
        )  # fmt: skip

    marker = f"{today}:{last_saved(Organisation)}:{engagement_marker}"
    return cached("stale", user, f, marker, compute)


def attention(user, f: DashboardFilters, *, engagement_marker: str = "") -> list[dict]:
    """The sections the user may read, each {key, title, count, rows: [{label, date, path}],
    url (a URL name), query}. `engagement_marker` changes with every engagement change (the
    scorecard snapshot's computed_at)."""
    today = timezone.localdate()
    sections = []
    if can(user, "agreements.view"):
        sections += [_obligations(user, f, today), _expiring(user, f, today)]
    if diligence_permissions.can_view(user):
        sections.append(_hits(user, f))
    if can(user, "engagement.view"):
        sections.append(_stale(user, f, today, engagement_marker))
    return sections
