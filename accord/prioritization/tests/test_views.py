"""The ranking, the what-if panel, the partner tab and the model pages: every role against every
page, region scoping, query bounds, and what the pages say."""

import pytest
from django.urls import reverse

from accord.accounts.models import Role
from accord.partners.tests.factories import OrganisationFactory, country
from accord.prioritization import scoring
from accord.prioritization.models import ModelStatus, ScoringModel

pytestmark = pytest.mark.django_db
READERS = [Role.ADMIN, Role.OFFICER, "regional", Role.PROGRAMME, Role.MANAGEMENT]
EVERYONE = [*READERS, Role.REVIEWER, "partner", "anonymous"]
WHAT_IF = {"alignment": 0, "resources": 0, "reach": 0, "relationship": 100, "risk": 100}


def status(client, user, url, method="get", data=None):
    if user.is_authenticated:
        client.force_login(user)
    response = getattr(client, method)(url, data or {})
    if response.status_code == 302 and "login" in response["Location"]:
        return "login"
    return response.status_code


def refused(kind):
    return "login" if kind == "anonymous" else 403


@pytest.mark.parametrize("kind", EVERYONE)
@pytest.mark.parametrize("name", ["ranking", "what_if", "run_status", "models"])
def test_reading_pages(client, user_of, kind, name, scored):
    expected = 200 if kind in READERS else refused(kind)
    data = WHAT_IF if name == "what_if" else {}
    assert status(client, user_of(kind), reverse(f"prioritization:{name}"), data=data) == expected


@pytest.mark.parametrize("kind", EVERYONE)
def test_the_partner_tab(client, user_of, kind, scored, kenyan):
    user = user_of(kind)
    expected = 200 if kind in READERS else refused(kind)
    url = reverse("prioritization:partner_score", args=[scored.acme.pk])  # in Africa
    assert status(client, user, url) == expected


@pytest.mark.parametrize("kind", EVERYONE)
def test_managing_models(client, user_of, kind, scored):
    user = user_of(kind)
    model = ScoringModel.objects.get(number=1)
    ok = kind == Role.ADMIN
    copy = status(client, user, reverse("prioritization:model_copy", args=[model.pk]), "post")
    assert copy == (302 if ok else refused(kind))
    edit = status(client, user, reverse("prioritization:model_edit", args=[model.pk]))
    assert edit == (200 if ok else refused(kind))
    recompute = status(client, user, reverse("prioritization:recompute"), "post")
    assert recompute == (302 if ok else refused(kind))
    detail = status(client, user, reverse("prioritization:model_detail", args=[model.pk]))
    assert detail == (200 if kind in READERS else refused(kind))


def test_a_regional_focal_point_sees_only_their_region(client, regional, scored):
    client.force_login(regional)  # Africa: Acme Water and Civic Lab (Kenya), not Beta Build
    page = client.get(reverse("prioritization:ranking")).content.decode()
    assert "Acme Water" in page and "Civic Lab" in page and "Beta Build" not in page
    url = reverse("prioritization:partner_score", args=[scored.beta.pk])
    assert client.get(url).status_code == 404
    what_if = client.get(reverse("prioritization:what_if"), WHAT_IF).content.decode()
    assert "Beta Build" not in what_if


def test_the_ranking_explains_why_the_first_ranks_first(admin_client, scored):
    response = admin_client.get(reverse("prioritization:ranking"), {"category": "private_sector"})
    page = response.content.decode()
    assert page.index("Acme Water") < page.index("Beta Build")
    assert "Strong alignment: 3 of the 4 priority outcomes, 1 of the 1 priority flagship" in page
    assert "works in 2 priority countries" in page
    assert "High risk" not in page and "Medium risk: no approved due-diligence review" in page
    assert 'role="img" aria-label="Score 71.8 of 100: strategic alignment 35.0' in page
    assert "Civic Lab" not in page  # another category


def test_the_ranking_filters_by_region(admin_client, scored):
    page = admin_client.get(reverse("prioritization:ranking"), {"region": "LAC"}).content.decode()
    assert "Beta Build" in page and "Acme Water" not in page


def test_the_ranking_queries_do_not_grow_with_rows(
    admin_client, scored, django_assert_max_num_queries
):
    url = reverse("prioritization:ranking")
    with django_assert_max_num_queries(14):
        admin_client.get(url)
    for n in range(30):
        OrganisationFactory(name=f"Extra {n}", category="private_sector", country=country("KE"))
    scoring.score_partners(model=scored.model)
    with django_assert_max_num_queries(14):
        response = admin_client.get(url, {"category": "private_sector"})
    assert response.content.decode().count('class="ranked"') == 25  # one page


def test_the_what_if_panel_reorders_without_saving(admin_client, scored):
    # With only relationship counting and risk as a penalty, Civic Lab equals Acme Water
    # (same engagement) and Beta Build falls; nothing is saved.
    url = reverse("prioritization:what_if")
    response = admin_client.get(
        url, {**WHAT_IF, "category": "private_sector"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert html.index("Acme Water") < html.index("Beta Build")
    flipped = {"alignment": 0, "resources": 0, "reach": 0, "relationship": 0, "risk": 0}
    html = admin_client.get(
        url, {**flipped, "category": "private_sector"}, headers={"HX-Request": "true"}
    ).content.decode()
    # All zero: ties fall back to the organisation id, and positions are compared.
    assert "unchanged" in html
    assert dict(scored.model.weights.values_list("criterion", "weight"))["alignment"] == 40


def test_the_what_if_panel_shows_who_moves(admin_client, scored):
    weights = {"alignment": 0, "resources": 0, "reach": 100, "relationship": 0, "risk": 0}
    html = admin_client.get(reverse("prioritization:what_if"), weights).content.decode()
    # Everyone: Acme 1, Civic 2, Beta 3 by total; by reach alone Acme and Civic tie (0.75),
    # Beta stays last.
    assert "unchanged" in html and "Beta Build" in html


def test_what_if_weights_out_of_range_are_refused_with_the_field(admin_client, scored):
    response = admin_client.get(reverse("prioritization:what_if"), {**WHAT_IF, "risk": 500})
    assert response.status_code == 400
    assert "less than or equal to 100" in response.content.decode()


def test_the_partner_tab_shows_the_score_rank_and_breakdown(admin_client, scored):
    url = reverse("prioritization:partner_score", args=[scored.acme.pk])
    html = admin_client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "71.8" in html and "ranked <strong>1</strong> of 2 Private sector partners" in html
    assert "USD 1,000 received" in html and "new since the last computation" in html


def test_the_partner_page_includes_the_priority_tab(admin_client, scored):
    url = reverse("partners:detail", args=[scored.acme.pk])
    html = admin_client.get(url, {"tab": "priority"}).content.decode()
    assert reverse("prioritization:partner_score", args=[scored.acme.pk]) in html


def test_an_unscored_partner_says_so(admin_client, scored):
    late = OrganisationFactory(name="Late Comer")
    html = admin_client.get(reverse("prioritization:partner_score", args=[late.pk])).content
    assert b"was not scored in the last computation" in html


def test_recompute_runs_in_the_background_and_the_page_says_so(admin_client, scored):
    response = admin_client.post(reverse("prioritization:recompute"), follow=True)
    assert b"Scores are being recomputed" in response.content
    assert scored.model.runs.count() == 2


def test_an_administrator_copies_edits_and_activates_a_version(admin_client, scored):
    model = ScoringModel.objects.get(status=ModelStatus.ACTIVE)
    response = admin_client.post(reverse("prioritization:model_copy", args=[model.pk]))
    draft = ScoringModel.objects.get(status=ModelStatus.DRAFT)
    assert response["Location"] == reverse("prioritization:model_edit", args=[draft.pk])
    form = {
        "version": draft.version,
        "name": "Relationships first",
        "weight_alignment": 10,
        "weight_resources": 10,
        "weight_reach": 10,
        "weight_relationship": 70,
        "weight_risk": 30,
        "outcomes": ["1.1"],
        "countries": ["KE"],
    }
    bad = admin_client.post(
        reverse("prioritization:model_edit", args=[draft.pk]), {**form, "weight_relationship": 50}
    )
    assert bad.status_code == 400 and b"they add up to 80" in bad.content
    good = admin_client.post(reverse("prioritization:model_edit", args=[draft.pk]), form)
    assert good.status_code == 302
    activate = admin_client.post(
        reverse("prioritization:model_activate", args=[draft.pk]),
        {"version": draft.version + 1},
        follow=True,
    )
    assert b"is now active" in activate.content
    draft.refresh_from_db()
    assert draft.status == ModelStatus.ACTIVE
    page = admin_client.get(reverse("prioritization:models")).content.decode()
    assert "Relationships first" in page and "Retired" in page


def test_model_detail_queries_are_bounded(admin_client, scored, django_assert_max_num_queries):
    model = ScoringModel.objects.get(status=ModelStatus.ACTIVE)
    with django_assert_max_num_queries(16):
        admin_client.get(reverse("prioritization:model_detail", args=[model.pk]))
    with django_assert_max_num_queries(10):
        admin_client.get(reverse("prioritization:models"))


def test_the_partner_tab_queries_are_bounded(admin_client, scored, django_assert_max_num_queries):
    url = reverse("prioritization:partner_score", args=[scored.acme.pk])
    with django_assert_max_num_queries(10):
        admin_client.get(url, headers={"HX-Request": "true"})


def test_a_pending_run_is_shown_with_its_progress(admin_client, scored):
    scoring.run_create(model=scored.model)
    page = admin_client.get(reverse("prioritization:ranking")).content.decode()
    assert "Waiting to start: scoring every partner with" in page
    assert 'hx-trigger="every 3s"' in page
    status = admin_client.get(reverse("prioritization:run_status"), headers={"HX-Request": "true"})
    assert b"Waiting to start" in status.content and b"<html" not in status.content
    refused = admin_client.post(reverse("prioritization:recompute"), follow=True)
    assert b"already waiting or in progress" in refused.content
