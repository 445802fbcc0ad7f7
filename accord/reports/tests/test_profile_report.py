"""The partner profile report (PDF): what it holds, who may have it (out of region looks like it
does not exist), the partner page's link, and bounded queries."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from accord.accounts.models import Role
from accord.partners.tests.factories import ContactFactory
from accord.reports.document_permissions import system_reader
from accord.reports.profile_report import partner_profile
from accord.reports.tests.test_board_report_views import pdf_pages, pdf_text
from accord.reports.tests.test_iati_data import build_world
from accord.reports.tests.test_iati_views import login  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def url(organisation) -> str:
    return reverse("reports:partner_profile_pdf", args=[organisation.pk])


def test_the_profile_holds_the_partners_facts_contacts_money_and_agreements():
    world = build_world()
    ContactFactory(organisation=world.donor, first_name="Anna", last_name="Berg", is_primary=True)
    ContactFactory(organisation=world.donor, first_name="Jonas", last_name="Abel")
    profile = partner_profile(user=system_reader(), pk=world.donor.pk)
    assert [c.last_name for c in profile["contacts"]] == ["Berg", "Abel"]  # focal point first
    money = profile["funding"]["money"]
    assert money["received_usd"] == sum(c.amount_usd for c in world.contributions)
    assert [a.reference for a in profile["agreements"]] == [world.contribution_agreement.reference]
    assert profile["diligence"]["blocking"] == []
    assert profile["engagements"]["summary"]["count"] == 0


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (Role.ADMIN, 200),
        (Role.OFFICER, 200),
        (Role.PROGRAMME, 200),
        (Role.MANAGEMENT, 200),
        ("regional", 404),  # the donor is in Europe, the focal point's region is Africa
        (Role.REVIEWER, 403),
        ("partner", 403),
    ],
)
def test_permission_matrix(login, kind, expected):  # noqa: F811
    world = build_world()
    assert login(kind).get(url(world.donor)).status_code == expected


def test_a_regional_focal_point_has_the_profiles_of_their_region(login):  # noqa: F811
    world = build_world()
    assert login("regional").get(url(world.host)).status_code == 200


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(reverse("reports:partner_profile_pdf", args=[1]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_an_unknown_partner_is_404(login):  # noqa: F811
    assert (
        login(Role.OFFICER).get(reverse("reports:partner_profile_pdf", args=[999999])).status_code
        == 404
    )


def test_the_pdf(login, django_assert_max_num_queries):  # noqa: F811
    world = build_world()
    ContactFactory(organisation=world.donor, first_name="Anna", last_name="Berg", is_primary=True)
    client = login(Role.MANAGEMENT)
    with django_assert_max_num_queries(45):
        response = client.get(url(world.donor))
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="partner-profile-bmz.pdf"' in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF") and pdf_pages(response.content) >= 1
    text = pdf_text(response.content)
    if text is None:
        pytest.skip("neither pypdf nor pdftotext to read the PDF's text")
    flat = " ".join(text.split())
    for expected in (
        world.donor.name,
        "Anna Berg",
        "Focal point",
        "XM-DAC-5-7",
        world.contribution_agreement.reference,
        "Due diligence",
    ):
        assert expected in flat
    assert "XM-DAC-5-7" in flat.replace(" ", "")  # the identifier may wrap in its column


def test_the_partner_page_link_is_for_those_who_may_export(make_user):
    world = build_world()
    context = {"organisation": world.donor}
    officer = make_user(Role.OFFICER)
    shown = render_to_string("reports/_partner_profile_link.html", {**context, "user": officer})
    assert url(world.donor) in shown
    partner = make_user(Role.PARTNER, organisation=world.donor)
    hidden = render_to_string("reports/_partner_profile_link.html", {**context, "user": partner})
    assert url(world.donor) not in hidden
