"""The shapes of the calls API (api.py): what goes in and what comes out."""

from datetime import datetime
from decimal import Decimal

from ninja import Field, Schema

from accord.api.common import Page


class CriterionOut(Schema):
    id: int
    name: str
    description: str
    weight: int


class QuestionOut(Schema):
    id: int
    text: str
    required: bool


class ClarificationOut(Schema):
    question: str
    answer: str
    answered_at: datetime | None


class PublicCallOut(Schema):
    """What anyone may read of a published call."""

    id: int
    kind: str
    title: str
    description: str
    status: str
    deadline: datetime
    clarification_deadline: datetime | None
    is_open: bool
    categories: list[str] = Field(description="Eligible partner category codes; empty: all")
    diligence: str
    outcomes: list[str]
    countries: list[str]


class PublicCallDetailOut(PublicCallOut):
    criteria: list[CriterionOut]
    questions: list[QuestionOut]
    clarifications: list[ClarificationOut] = Field(description="Answered ones, without who asked")


class TransitionOut(Schema):
    name: str
    label: str
    target: str
    blocked: str = Field(description="Why it cannot go ahead now, or empty")


class CallOut(PublicCallOut):
    version: int
    reviewers: list[int]
    applications_sent: int


class CallDetailOut(CallOut):
    criteria: list[CriterionOut]
    questions: list[QuestionOut]
    transitions: list[TransitionOut]


class CallPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[CallOut]


class CallQuery(Page):
    status: str = ""
    q: str = ""


class CriterionIn(Schema):
    name: str
    weight: int
    description: str = ""


class QuestionIn(Schema):
    text: str
    required: bool = True


class CallIn(Schema):
    title: str
    deadline: datetime
    kind: str = "proposals"
    description: str = ""
    clarification_deadline: datetime | None = None
    categories: list[str] = Field([], description="Partner category codes")
    diligence: str = Field("not_blocked", description="none, not_blocked or approved")
    outcomes: list[str] = Field([], description="Outcome codes, e.g. 1.2")
    countries: list[str] = Field([], description="ISO 3166 alpha-2 codes")
    reviewers: list[int] = Field([], description="User ids of reviewers")
    criteria: list[CriterionIn] = Field([], description="Weights must add up to 100")
    questions: list[QuestionIn] = []


class CallTransitionIn(Schema):
    name: str = Field(description="publish, close, start_review or finalise")
    version: int | None = None


class ApplicationIn(Schema):
    summary: str | None = None
    answers: dict[int, str] = Field({}, description="{question id: answer}")
    version: int | None = None


class ApplicationOut(Schema):
    id: int
    call: int
    call_title: str
    organisation: int
    organisation_name: str
    status: str
    summary: str
    submitted_at: datetime | None
    notice: str
    version: int


class AnswerOut(Schema):
    question: int
    text: str


class ApplicationDetailOut(ApplicationOut):
    answers: list[AnswerOut]
    documents: list[str]


class ApplicationPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[ApplicationOut]


class ClarificationIn(Schema):
    question: str


class DeclarationIn(Schema):
    has_conflict: bool
    note: str = ""


class ScoreIn(Schema):
    score: int = Field(ge=0, le=10)
    comment: str


class ReviewIn(Schema):
    scores: dict[int, ScoreIn] = Field(description="{criterion id: {score 0-10, comment}}")
    comment: str = ""


class ReviewOut(Schema):
    application: int
    total: Decimal = Field(description="Weighted score out of 100")


class AssignmentOut(Schema):
    application: int
    call: int
    call_title: str
    organisation_name: str
    declared: bool
    has_conflict: bool
    review_total: Decimal | None


class RankedOut(Schema):
    rank: int
    application: int
    organisation_name: str
    status: str
    mean: Decimal | None
    reviews: int


class DecisionIn(Schema):
    decision: str = Field(description="shortlist, select, reject or reset")


class ConvertIn(Schema):
    into: str = Field(description="opportunity or agreement")
    type: str = Field("mou", description="Agreement type code (for an agreement)")


class ConvertOut(Schema):
    application: int
    opportunity: int | None
    agreement: int | None
