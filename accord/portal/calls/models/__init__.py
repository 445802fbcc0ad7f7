"""The calls app's tables: calls with their criteria and questions, clarifications,
applications with answers and documents, conflict-of-interest declarations and reviews."""

from accord.portal.calls.models.applications import (
    SENT_STATUSES,
    Answer,
    Application,
    ApplicationDocument,
    ApplicationStatus,
)
from accord.portal.calls.models.calls import (
    Call,
    CallKind,
    CallStatus,
    Clarification,
    Criterion,
    DiligenceRequirement,
    Question,
)
from accord.portal.calls.models.reviews import ConflictDeclaration, Review, Score

__all__ = [
    "Answer",
    "Application",
    "ApplicationDocument",
    "ApplicationStatus",
    "Call",
    "CallKind",
    "CallStatus",
    "Clarification",
    "ConflictDeclaration",
    "Criterion",
    "DiligenceRequirement",
    "Question",
    "Review",
    "SENT_STATUSES",
    "Score",
]
