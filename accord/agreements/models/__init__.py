from accord.agreements.models.agreements import (
    IN_FORCE,
    Agreement,
    AgreementParty,
    AgreementStatus,
    AgreementType,
    Amendment,
    Document,
    PartyRole,
)
from accord.agreements.models.obligations import (
    OPEN_OBLIGATIONS,
    Obligation,
    ObligationKind,
    ObligationStatus,
)

__all__ = [
    "IN_FORCE",
    "OPEN_OBLIGATIONS",
    "Agreement",
    "AgreementParty",
    "AgreementStatus",
    "AgreementType",
    "Amendment",
    "Document",
    "Obligation",
    "ObligationKind",
    "ObligationStatus",
    "PartyRole",
]
