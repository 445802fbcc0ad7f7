"""Relationship health: last engagement, frequency, staleness by partner category (a setting),
the "needs attention" lists per owner and region with scoping, and the partner tab's health and
coordination summary."""

import pytest
from django.urls import reverse

from accord.accounts.models import Role
from accord.engagement import coordination, health
from accord.engagement.tests.factories import EngagementFactory, days_ago
from accord.engagement.tests.helpers import BASE
from accord.partners.tests.factories import OrganisationFactory, country

pytestmark = pytest.mark.django_db


def partner(name, *, category="local_authority", code="KE", status="active", owner=None):
    return OrganisationFactory(
        name=name, category=category, country=country(code), status=status, owner=owner
    )


def test_stale_days_come_from_the_setting_by_category_with_a_default(settings):
    assert health.stale_days("development_bank") == 90
    assert health.stale_days("civil_society") == 180
    settings.ACCORD_STALE_DAYS = {"civil_society": 30, "default": 365}
    assert health.stale_days("civil_society") == 30
    assert health.stale_days("knowledge") == 365
    assert health.stale_days("foundation") == 90


def test_partner_health_gives_last_engagement_frequency_and_staleness(officer):
    bank = partner("Banco del Sur", category="development_bank")
    EngagementFactory(organisations=[bank], start_date=days_ago(120))
    EngagementFactory(organisations=[bank], start_date=days_ago(400))
    EngagementFactory(organisations=[bank], start_date=days_ago(-20))  # planned, not held
    figures = health.partner_health(organisation=bank)
    assert figures["last"] == days_ago(120) and figures["frequency"] == 1
    assert figures["days_since"] == 120 and figures["stale_days"] == 90
    assert figures["is_stale"] is True


def test_only_active_partners_go_stale():
    prospect = partner("Quiet Prospect", status="prospect")
    assert health.partner_health(organisation=prospect)["is_stale"] is False
    active = partner("Never Engaged", status="active")
    assert health.partner_health(organisation=active)["is_stale"] is True


def test_needs_attention_lists_quiet_active_partners_longest_quiet_first(officer):
    never = partner("Never Engaged", owner=officer)
    quiet = partner("Quiet City", owner=officer)
    EngagementFactory(organisations=[quiet], start_date=days_ago(200))
    fresh = partner("Busy City", owner=officer)
    EngagementFactory(organisations=[fresh], start_date=days_ago(20))
    partner("Dormant City", owner=officer, status="dormant")
    bank = partner("Bank Engaged A While Ago", category="development_bank", owner=officer)
    EngagementFactory(organisations=[bank], start_date=days_ago(100))  # 100 > 90 for banks
    found = list(health.needs_attention(user=officer, owner=officer))
    assert found == [never, quiet, bank]
    assert found[1].last_engagement == days_ago(200)


def test_needs_attention_by_region_and_within_the_users_scope(officer, regional, region):
    kenyan = partner("Kisumu County")
    brazilian = partner("Prefeitura de Olinda", code="BR")
    assert set(health.needs_attention(user=officer)) >= {kenyan, brazilian}
    assert list(health.needs_attention(user=officer, region=region)) == [kenyan]
    assert list(health.needs_attention(user=regional)) == [kenyan]


def test_attention_page_lists_my_partners_by_default_with_bounded_queries(
    client, make_user, django_assert_max_num_queries
):
    me = make_user(Role.OFFICER)
    for n in range(4):
        partner(f"Mine {n}", owner=me)
    partner("Someone Else's")
    client.force_login(me)
    with django_assert_max_num_queries(10):
        page = client.get(reverse("engagement:attention")).content.decode()
    assert "Mine 3" in page and "Someone Else" not in page
    page = client.get(reverse("engagement:attention"), {"who": "all"}).content.decode()
    assert "Someone Else" in page


def test_attention_page_filters_by_region_for_htmx(officer_client, officer):
    partner("Kisumu County", owner=officer)
    partner("Prefeitura de Olinda", code="BR", owner=officer)
    response = officer_client.get(
        reverse("engagement:attention"), {"who": "all", "region": "AFRICA"}, HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert "Kisumu" in page and "Olinda" not in page and "<html" not in page


def test_partner_tab_shows_health_and_who_engaged_the_partner(
    officer_client, region, django_assert_max_num_queries
):
    city = partner("Kisumu County")
    EngagementFactory(
        organisations=[city],
        start_date=days_ago(300),
        lead_region=region,
        office="Nairobi",
        outcomes=["1.1"],
        country="KE",
    )
    EngagementFactory(organisations=[city], start_date=days_ago(30), country="KE")
    with django_assert_max_num_queries(24):
        page = officer_client.get(
            reverse("engagement:partner_engagements", args=[city.pk])
        ).content.decode()
    assert "Relationship health" in page and "Engaged within 180 days" in page
    assert "Who engaged this partner" in page and "Africa · Nairobi" in page
    assert "Headquarters" in page and "1.1 × 1" in page and "Kenya (2)" in page


def test_api_partner_health_and_scope(api, client, regional):
    brazilian = partner("Prefeitura de Olinda", code="BR")
    data = api.get(f"{BASE}/organisations/{brazilian.pk}/health").json()
    assert data["is_stale"] is True and data["stale_days"] == 180
    client.force_login(regional)
    assert client.get(f"{BASE}/organisations/{brazilian.pk}/health").status_code == 404


def test_api_needs_attention_pages_and_checks_the_region(api, officer):
    partner("Kisumu County", owner=officer)
    data = api.get(f"{BASE}/needs-attention", {"mine": True}).json()
    assert data["count"] == 1 and data["results"][0]["stale_before"]
    response = api.get(f"{BASE}/needs-attention", {"region": "NOWHERE"})
    assert response.status_code == 400 and "region" in response.json()["errors"]


def test_who_engaged_summarises_only_the_latest_engagements(monkeypatch, region):
    city = partner("Kisumu County")
    EngagementFactory(organisations=[city], start_date=days_ago(300), lead_region=region)
    EngagementFactory(organisations=[city], start_date=days_ago(30), office="Partnerships Unit")
    monkeypatch.setattr(coordination, "RECENT", 1)
    summary = coordination.partner_coordination(organisation=city)
    assert [(row["region"], row["office"]) for row in summary["offices"]] == [
        (None, "Partnerships Unit")
    ]
    assert summary["sample"] == 1
