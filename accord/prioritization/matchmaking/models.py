"""The matchmaking app's tables: decisions taken on suggested connections, and the partnership
network as last computed (positions of each partner, edges, and the run that produced them).

Suggestions themselves are not stored: they are computed when asked for, from the registry as
it is (see accord/prioritization/matchmaking/suggestions.py), so they never go stale."""

from django.conf import settings
from django.db import models


class Decision(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    DISMISSED = "dismissed", "Dismissed"


class MatchDecision(models.Model):
    """What someone decided about a suggested connection between a partner who funds or invests
    and a partner who implements. A pair is decided once: it is never suggested again. An
    accepted pair points at the "introduction" engagement recorded for it."""

    funder = models.ForeignKey("partners.Organisation", on_delete=models.PROTECT, related_name="+")
    implementer = models.ForeignKey(
        "partners.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    decision = models.CharField(max_length=10, choices=Decision.choices)
    score = models.FloatField(help_text="The suggestion's score when it was decided (0-1).")
    reasons = models.JSONField(default=list, help_text="The reasons shown at the time.")
    note = models.CharField(max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(auto_now_add=True)
    engagement = models.ForeignKey(
        "engagement.Engagement",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The introduction recorded when the match was accepted.",
    )
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["-decided_at", "-id"]
        indexes = [
            models.Index(fields=["implementer", "funder"], name="match_implementer_idx"),
            models.Index(fields=["decision", "-decided_at"], name="match_decision_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["funder", "implementer"], name="match_pair_uniq"),
            models.CheckConstraint(
                condition=~models.Q(funder=models.F("implementer")), name="match_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.funder_id} ↔ {self.implementer_id}: {self.decision}"


class NetworkRun(models.Model):
    """One computation of the partnership network: when, how big, and how (so a page can say
    how fresh and how approximate its figures are)."""

    computed_at = models.DateTimeField(auto_now_add=True)
    nodes = models.PositiveIntegerField()
    edges = models.PositiveIntegerField()
    communities = models.PositiveIntegerField()
    betweenness_samples = models.PositiveIntegerField(
        null=True, blank=True, help_text="Pivots sampled for betweenness; empty when exact."
    )
    seconds = models.FloatField()

    class Meta:
        ordering = ["-computed_at", "-id"]

    def __str__(self) -> str:
        return f"network of {self.nodes} partners at {self.computed_at:%Y-%m-%d %H:%M}"


class NetworkPosition(models.Model):
    """A partner's place in the network as last computed: how many partners it is tied to, how
    often it lies on the shortest path between others (betweenness, 0-1: high means it connects
    otherwise separate groups), and the community it falls in."""

    organisation = models.OneToOneField(
        "partners.Organisation", on_delete=models.CASCADE, related_name="network_position"
    )
    degree = models.PositiveIntegerField()
    strength = models.PositiveIntegerField(help_text="Sum of the weights of its ties.")
    betweenness = models.FloatField()
    community = models.PositiveIntegerField()

    class Meta:
        ordering = ["-betweenness", "-degree", "organisation_id"]
        indexes = [
            models.Index(fields=["-betweenness", "-degree"], name="netpos_rank_idx"),
            models.Index(fields=["community", "-betweenness"], name="netpos_community_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id}: degree {self.degree}, betweenness {self.betweenness:.3f}"


class NetworkEdge(models.Model):
    """A tie between two partners (source id < target id), weighted by how many links of each
    kind join them: relationships, engagements and governance sessions attended together,
    opportunities co-funded and agreements signed together."""

    source = models.ForeignKey("partners.Organisation", on_delete=models.CASCADE, related_name="+")
    target = models.ForeignKey("partners.Organisation", on_delete=models.CASCADE, related_name="+")
    weight = models.PositiveIntegerField()
    kinds = models.JSONField(default=dict, help_text="{kind: count}")

    class Meta:
        indexes = [
            models.Index(fields=["source", "-weight"], name="netedge_source_idx"),
            models.Index(fields=["target", "-weight"], name="netedge_target_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["source", "target"], name="netedge_pair_uniq"),
        ]

    def __str__(self) -> str:
        return f"{self.source_id} — {self.target_id} ({self.weight})"
