"""The lists Accord exports: for each, the permission its page needs, its rows
(exports_rows.py: the list's own selector and filter form) and its columns."""

from collections.abc import Callable
from dataclasses import dataclass

from accord.agreements.models import AgreementParty
from accord.engagement.models import Engagement, EngagementPartner
from accord.knowledge.models import Item, ItemPartner
from accord.partners import permissions as partner_permissions
from accord.partners.models import Organisation, OrganisationName
from accord.reports import exports_rows as rows
from accord.reports.exports import Column, Many


def _visible_partners(prefix: str):
    """A Many scope: only the partners the exporting user may see are named."""
    return lambda user: partner_permissions.organisation_scope(user, prefix)


@dataclass(frozen=True)
class ExportList:
    name: str  # the URL's <list>
    title: str  # the sheet's name
    action: str  # the permission the list's page needs
    rows: Callable  # rows(user, query): the list's queryset (or a short list of records)
    columns: tuple


MONEY = (
    Column("Currency", "currency"),
    Column("Amount", "amount"),
    Column("Value date", "value_date"),
    Column("Amount (USD)", "amount_usd"),
    Column("Rate (units per USD)", "usd_rate"),
    Column("Rate source", "rate_source"),
)

LISTS: dict[str, ExportList] = {
    e.name: e
    for e in (
        ExportList("partners", "Partners", "partners.view", rows.partners, (
            Column("Id", "pk"),
            Column("Name", "name"),
            Column("Acronym", "acronym"),
            Column("Category", "category__short_name"),
            Column("Sub-type", "subtype"),
            Column("Country", "country__name"),
            Column("Country code", "country_id"),
            Column("Region", "region__name"),
            Column("City", "city"),
            Column("Website", "website"),
            Column("E-mail", "email"),
            Column("Phone", "phone"),
            Column("Status", "status"),
            Column("Relationship owner", "owner__username"),
            Column("IATI identifier", "iati_identifier"),
            Column("Registration number", "registration_number"),
            Column("Source reference", "ref"),
            Column("Archived at", "archived_at"),
            Column("Created at", "created_at"),
            Column("Updated at", "updated_at"),
            Many("Aliases", lambda: OrganisationName, "organisation_id", "name"),
            Many("Outcomes", lambda: Organisation.outcomes.through, "organisation_id",
                 "outcome__code"),
        )),
        ExportList("contacts", "Contacts", "contacts.view", rows.contacts, (
            Column("Id", "pk"),
            Column("First name", "first_name"),
            Column("Last name", "last_name"),
            Column("Organisation", "organisation__name"),
            Column("Job title", "job_title"),
            Column("E-mail", "email"),
            Column("Phone", "phone"),
            Column("Primary contact", "is_primary"),
            Column("Lawful basis", "lawful_basis"),
            Column("Consent given at", "consent_given_at"),
            Column("Source", "source"),
            Column("Updated at", "updated_at"),
        )),
        ExportList("engagements", "Engagements", "engagement.view", rows.engagements, (
            Column("Id", "pk"),
            Column("Start date", "start_date"),
            Column("End date", "end_date"),
            Column("Title", "title"),
            Column("Kind", "kind"),
            Column("Status", "status"),
            Column("Lead region", "lead_region__name"),
            Column("Lead office", "office"),
            Column("Country", "country__name"),
            Column("Flagship programme", "flagship__code"),
            Many("Partners", lambda: EngagementPartner, "engagement_id", "organisation__name",
                 _visible_partners("organisation__")),
            Many("Outcomes", lambda: Engagement.outcomes.through, "engagement_id",
                 "outcome__code"),
        )),
        ExportList("opportunities", "Opportunities", "funding.view", rows.opportunities, (
            Column("Id", "pk"),
            Column("Title", "title"),
            Column("Partner", "organisation__name"),
            Column("Kind", "kind"),
            Column("Stage", "stage__name"),
            Column("Probability (%)", "probability"),
            *MONEY,
            Column("Weighted (USD)", "weighted_usd", "decimal"),
            Column("Expected decision", "expected_decision_date"),
            Column("Closed on", "closed_on"),
            Column("Flagship programme", "flagship__code"),
            Column("Region", "region__name"),
            Column("Owner", "owner__username"),
            Column("Updated at", "updated_at"),
        )),
        ExportList("pledges", "Pledges", "funding.view", rows.pledges, (
            Column("Id", "pk"),
            Column("Title", "title"),
            Column("Partner", "organisation__name"),
            Column("Kind", "kind"),
            Column("Status", "status"),
            Column("Payment", "payment_status"),
            *MONEY,
            Column("Received", "received_amount"),
            Column("Received (USD)", "received_usd"),
            Column("Flagship programme", "flagship__code"),
            Column("Region", "region__name"),
            Column("Updated at", "updated_at"),
        )),
        ExportList("contributions", "Contributions", "funding.view", rows.contributions, (
            Column("Id", "pk"),
            Column("Partner", "organisation__name"),
            Column("Kind", "kind"),
            *MONEY,
            Column("Pledge", "pledge__title"),
            Column("Reference", "reference"),
            Column("Region", "region__name"),
            Column("Updated at", "updated_at"),
        )),
        ExportList("agreements", "Agreements", "agreements.view", rows.agreements, (
            Column("Id", "pk"),
            Column("Reference", "reference"),
            Column("Title", "title"),
            Column("Type", "type__name"),
            Column("Status", "status"),
            Column("Currency", "currency"),
            Column("Amount", "amount"),
            Column("Amount (USD)", "amount_usd"),
            Column("Signed on", "signed_on"),
            Column("Start date", "start_date"),
            Column("End date", "end_date"),
            Column("Flagship programme", "flagship__code"),
            Column("Region", "region__name"),
            Column("Owner", "owner__username"),
            Many("Parties", lambda: AgreementParty, "agreement_id", "organisation__name",
                 _visible_partners("organisation__")),
        )),
        ExportList("obligations", "Open obligations", "agreements.view", rows.obligations, (
            Column("Id", "pk"),
            Column("Due date", "due_date"),
            Column("Title", "title"),
            Column("Kind", "kind"),
            Column("Status", "status"),
            Column("Agreement", "agreement__reference"),
            Column("Agreement title", "agreement__title"),
            Column("Owner", "owner__username"),
        )),
        ExportList("hits", "Screening hits", "diligence.view", rows.hits, (
            Column("Id", "pk"),
            Column("Found at", "created_at"),
            Column("Score", "score"),
            Column("Status", "status"),
            Column("Name screened", "screened_name"),
            Column("Organisation", "organisation__name"),
            Column("Contact first name", "contact__first_name"),
            Column("Contact last name", "contact__last_name"),
            Column("Contact's organisation", "contact__organisation__name"),
            Column("Listed name", "entry__name"),
            Column("List reference", "entry__reference_number"),
            Column("Decided by", "decided_by__username"),
            Column("Decided at", "decided_at"),
            Column("Reason", "reason"),
        )),
        ExportList("knowledge", "Knowledge", "knowledge.view", rows.knowledge, (
            Column("Id", "pk"),
            Column("Date", "date"),
            Column("Kind", "kind"),
            Column("Title", "title"),
            Column("Summary", "summary"),
            Column("State", "state"),
            Column("Link", "url"),
            Column("Published at", "published_at"),
            Many("Partners", lambda: ItemPartner, "item_id", "organisation__name",
                 _visible_partners("organisation__")),
            Many("Outcomes", lambda: Item.outcomes.through, "item_id", "outcome__code"),
            Many("Countries", lambda: Item.countries.through, "item_id", "country__name"),
        )),
        ExportList("indicators", "Indicators", "results.view", rows.indicators, (
            Column("Code", "code"),
            Column("Indicator", "name"),
            Column("Unit", "unit_label"),
            Column("Partner category", "category_name"),
            Column("Outcome", "outcome"),
            Column("Period", "period_label"),
            Column("Baseline", "baseline", "decimal"),
            Column("Target", "target", "decimal"),
            Column("Value", "value", "decimal"),
            Column("Latest value", "latest_value", "decimal"),
            Column("Latest period", "latest_period"),
            Column("Progress", "progress", "decimal"),
            Column("Status", "status_label"),
        )),
    )
}  # fmt: skip
