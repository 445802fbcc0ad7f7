"""The matchmaking part of the demonstration data (`load_matchmaking_demo()`, run by `accord
load_demo` after the other apps' parts): the partnership network computed from the demo data,
and two decisions — the best suggestion of the first demo funder accepted (so an introduction
shows on both partners' timelines) and its next one dismissed.

Idempotent: decisions are taken only when no demo decision exists yet; the network is simply
recomputed. Decisions go through the services, in the name of a demo partnerships officer."""

from accord.accounts.models import Role
from accord.partners.demo import demo_staff
from accord.partners.models import Organisation
from accord.prioritization.matchmaking import services
from accord.prioritization.matchmaking.models import Decision, MatchDecision
from accord.prioritization.matchmaking.network_services import refresh_network
from accord.prioritization.matchmaking.profiles import FUNDER, SIDES
from accord.prioritization.matchmaking.suggestions import suggestions_for

BATCH = "demo"


def _decide(officer) -> int:
    funders = [code for code, side in SIDES.items() if side == FUNDER]
    candidates = (
        Organisation.objects.filter(is_demo=True, archived_at=None, category__code__in=funders)
        .exclude(ref="")  # the registry demo partners (not the look-alikes of listed entities)
        .select_related("category", "country")
        .order_by("ref", "id")
    )
    for funder in candidates:
        found = suggestions_for(user=officer, organisation=funder, limit=2)
        if len(found) < 2:
            continue
        # Its best suggestion accepted, the next one dismissed.
        decisions = [
            (Decision.ACCEPTED, "Demonstration: accepted from the suggestions."),
            (Decision.DISMISSED, "Demonstration: not a fit this year."),
        ]
        others = Organisation.objects.select_related("category").in_bulk(
            [s.other(funder.pk).id for s in found]
        )
        for s, (decision, note) in zip(found, decisions, strict=True):
            services.match_decide(
                actor=officer,
                partner=funder,
                other=others[s.other(funder.pk).id],
                decision=decision,
                note=note,
                is_demo=True,
                batch=BATCH,
            )
        return 2
    return 0


def load_matchmaking_demo() -> dict:
    """Compute the network for the demo data and take two demo decisions (once)."""
    decisions = 0
    if not MatchDecision.objects.filter(is_demo=True).exists():
        staff, _ = demo_staff()
        officer = next((u for u, _ in staff if u.role == Role.OFFICER), None)
        if officer is not None:
            decisions = _decide(officer)
    run = refresh_network()
    return {
        "match decisions": decisions,
        "network partners": run.nodes,
        "network ties": run.edges,
        "communities": run.communities,
    }
