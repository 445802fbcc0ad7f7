"""Reviewers' declarations of conflicts of interest and their scores. A reviewer sees an
application only after declaring no conflict with it; a declared conflict hides it for good."""

from django.conf import settings
from django.db import models

from accord.core.models import TimeStamped
from accord.portal.calls.models.applications import Application
from accord.portal.calls.models.calls import Criterion

SCORE_MAX = 10  # each criterion is scored 0..10


class ConflictDeclaration(TimeStamped):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="declarations"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    has_conflict = models.BooleanField()
    note = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="one_declaration_per_reviewer"
            )
        ]

    def __str__(self) -> str:
        return f"Declaration of {self.reviewer_id} on application {self.application_id}"


class Review(TimeStamped):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    comment = models.TextField(blank=True)
    total = models.DecimalField(
        max_digits=6, decimal_places=2, help_text="Weighted score out of 100."
    )

    class Meta:
        ordering = ["application", "reviewer_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="one_review_per_reviewer"
            )
        ]

    def __str__(self) -> str:
        return f"Review {self.pk} of application {self.application_id}"


class Score(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField()
    comment = models.TextField()

    class Meta:
        ordering = ["review", "criterion__order", "criterion_id"]
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="one_score_per_criterion"),
            models.CheckConstraint(
                condition=models.Q(score__lte=SCORE_MAX), name="score_at_most_max"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.score}/{SCORE_MAX} on criterion {self.criterion_id}"
