"""The partner registry's models: the registry itself and its data-quality records."""

from accord.partners.models.quality import (
    ColumnMapping,
    DuplicateCandidate,
    ImportBatch,
    ImportKind,
    ImportRow,
    Merge,
    OnMatch,
)
from accord.partners.models.registry import (
    Contact,
    LawfulBasis,
    Organisation,
    OrganisationName,
    OrganisationStatus,
    Relationship,
    RelationshipKind,
    Resource,
    SearchToken,
)

__all__ = [
    "ColumnMapping", "Contact", "DuplicateCandidate", "ImportBatch", "ImportKind", "ImportRow",
    "LawfulBasis", "Merge", "OnMatch", "Organisation", "OrganisationName", "OrganisationStatus",
    "Relationship", "RelationshipKind", "Resource", "SearchToken",
]
