"""The portal's tables: registrations and join requests, profile change requests,
expressions of interest."""

from accord.portal.models.interest import ExpressionOfInterest, InterestStatus
from accord.portal.models.requests import (
    ChangeRequest,
    ChangeStatus,
    Registration,
    RegistrationKind,
    RegistrationStatus,
)

__all__ = [
    "ChangeRequest",
    "ChangeStatus",
    "ExpressionOfInterest",
    "InterestStatus",
    "Registration",
    "RegistrationKind",
    "RegistrationStatus",
]
