"""The portal API's request and response shapes."""

from datetime import datetime

from ninja import Field, Schema


class ProfileOut(Schema):
    id: int
    name: str
    acronym: str
    category: str
    country: str | None
    city: str
    website: str
    email: str
    phone: str
    description: str
    iati_identifier: str
    registration_number: str
    outcomes: list[str]
    resources_offered: list[str]
    version: int


class ProfileIn(Schema):
    name: str | None = Field(None, max_length=300)
    category: str | None = Field(None, max_length=32, description="Partner category code")
    iati_identifier: str | None = Field(None, max_length=100)
    registration_number: str | None = Field(None, max_length=100)
    acronym: str | None = Field(None, max_length=40)
    country: str | None = Field(None, max_length=3, description="ISO 3166 code")
    city: str | None = Field(None, max_length=120)
    website: str | None = Field(None, max_length=300)
    email: str | None = Field(None, max_length=254)
    phone: str | None = Field(None, max_length=40)
    description: str | None = None
    outcomes: list[str] | None = Field(None, description="Outcome codes such as 1.2")
    resources_offered: list[str] | None = None
    note: str = Field("", max_length=2000, description="Why the key details change")
    version: int | None = Field(None, description="The version the edit was based on")


class ChangeOut(Schema):
    id: int
    organisation: str
    status: str
    changes: dict
    note: str
    reason: str
    created_at: datetime


class ProfileResult(Schema):
    applied: list[str]
    change_request: ChangeOut | None


class InterestIn(Schema):
    title: str = Field(..., max_length=200)
    offers: str = Field(..., max_length=5000)
    seeks: str = Field("", max_length=5000)
    resources: list[str] = []
    outcomes: list[str] = Field([], description="Outcome codes such as 1.2")
    flagships: list[str] = Field([], description="Flagship programme codes")
    countries: list[str] = Field([], description="ISO 3166 codes")


class InterestOut(Schema):
    id: int
    organisation: str
    title: str
    offers: str
    seeks: str
    resources: list[str]
    outcomes: list[str]
    flagships: list[str]
    countries: list[str]
    status: str
    answer: str
    answered_at: datetime | None
    engagement_id: int | None
    opportunity_id: int | None
    created_at: datetime


class InterestPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[InterestOut]


class InterestQuery(Schema):
    outcome: str = Field("", max_length=8)
    flagship: str = Field("", max_length=8)
    status: str = Field("", max_length=10)
    country: str = Field("", max_length=2)


class AnswerIn(Schema):
    answer: str = Field(..., min_length=1, max_length=5000)


class RegistrationOut(Schema):
    id: int
    kind: str
    status: str
    org_name: str
    acronym: str
    category: str | None
    country: str | None
    focal_point: str
    email: str
    organisation_id: int | None
    matches: list[dict]
    screening: list[dict]
    created_at: datetime


class RegistrationPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[RegistrationOut]


class ChangePage(Schema):
    count: int
    page: int
    page_size: int
    results: list[ChangeOut]
