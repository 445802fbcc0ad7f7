from accord.diligence.models.lists import (
    AliasQuality,
    Entry,
    EntryKind,
    EntryName,
    ListVersion,
    NameKind,
    SanctionsList,
)
from accord.diligence.models.reviews import (
    DiligencePolicy,
    DiligenceReview,
    ReviewStatus,
    RiskRating,
)
from accord.diligence.models.screening import (
    BLOCKING_HITS,
    HitStatus,
    ScreeningHit,
    ScreeningRun,
    ScreeningTrigger,
)

__all__ = [
    "BLOCKING_HITS",
    "AliasQuality",
    "DiligencePolicy",
    "DiligenceReview",
    "Entry",
    "EntryKind",
    "EntryName",
    "HitStatus",
    "ListVersion",
    "NameKind",
    "ReviewStatus",
    "RiskRating",
    "SanctionsList",
    "ScreeningHit",
    "ScreeningRun",
    "ScreeningTrigger",
]
