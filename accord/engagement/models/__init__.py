"""The engagement app's models: the engagement log, governance bodies, the implementation plan."""

from accord.engagement.models.engagements import (
    Engagement,
    EngagementKind,
    EngagementPartner,
    EngagementStatus,
    EngagementStrategyLine,
    FollowUp,
)
from accord.engagement.models.governance import (
    BodyKind,
    BodyMembership,
    BodySession,
    GovernanceBody,
    ParticipationRole,
    SessionParticipation,
)
from accord.engagement.models.insight import ReminderRun, ReminderSent, ScorecardSnapshot
from accord.engagement.models.plan import OPEN_STATUSES, ActionStatus, PlanAction, ProgressNote

__all__ = [
    "OPEN_STATUSES",
    "ActionStatus",
    "BodyKind",
    "BodyMembership",
    "BodySession",
    "Engagement",
    "EngagementKind",
    "EngagementPartner",
    "EngagementStatus",
    "EngagementStrategyLine",
    "FollowUp",
    "GovernanceBody",
    "ParticipationRole",
    "PlanAction",
    "ProgressNote",
    "ReminderRun",
    "ReminderSent",
    "ScorecardSnapshot",
    "SessionParticipation",
]
