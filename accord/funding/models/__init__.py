from accord.funding.models.pipeline import (
    Opportunity,
    Reporting,
    ResourceKind,
    Stage,
    StageKind,
)
from accord.funding.models.pledges import (
    Allocation,
    Contribution,
    Instalment,
    PaymentStatus,
    Pledge,
    PledgeStatus,
    SoftCredit,
)
from accord.funding.models.rates import ExchangeRate
from accord.funding.models.targets import FundingTarget

__all__ = [
    "Allocation",
    "Contribution",
    "ExchangeRate",
    "FundingTarget",
    "Instalment",
    "Opportunity",
    "PaymentStatus",
    "Pledge",
    "PledgeStatus",
    "Reporting",
    "ResourceKind",
    "SoftCredit",
    "Stage",
    "StageKind",
]
