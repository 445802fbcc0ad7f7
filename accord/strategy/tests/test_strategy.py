import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from accord.accounts.models import Role
from accord.strategy import loader
from accord.strategy.models import EngagementStrategy, PartnerCategory, SdgGoal, SdgTarget

SEED = next((Path(__file__).resolve().parents[3] / ".." / "shared" / "seed").glob("*.txt"), None)


def export() -> dict:
    out = StringIO()
    call_command("export_strategy", stdout=out)
    return json.loads(out.getvalue())


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.django_db
def test_export_carries_every_category_with_objectives_and_strategies_in_order():
    data = export()
    counts = {c["code"]: (len(c["objectives"]), len(c["strategies"]))
              for c in data["partner_categories"]}
    assert counts == {
        "government": (6, 8), "local_authority": (7, 10), "un_entity": (2, 5),
        "development_bank": (1, 3), "private_sector": (3, 5), "civil_society": (3, 5),
        "knowledge": (2, 4), "foundation": (2, 3),
    }
    local = next(c for c in data["partner_categories"] if c["code"] == "local_authority")
    assert local["strategies"][5] == (
        "Enhance capacity-building, advocacy, outreach and communication with targeted "
        "messages to local authorities."
    )
    assert local["objectives"][-1] == (
        "Localizing the New Urban Agenda and the Sustainable Development Goals"
    )
    assert [p["code"] for p in data["purposes"]] == list("abcdefg")
    assert [r["code"] for r in data["expected_results"]] == list("abcde")
    assert len(data["domains_of_change"]) == 4
    assert sum(len(d["outcomes"]) for d in data["domains_of_change"]) == 12
    assert len(data["drivers_of_change"]) == 4
    assert len(data["flagship_programmes"]) == 5


@pytest.mark.django_db
@pytest.mark.skipif(SEED is None, reason="the strategy document is not beside the checkout")
def test_every_objective_and_strategy_is_the_documents_own_words():
    """Each line begins and ends with the document's words (lines the extraction broke across
    a page or table cell are joined, so only their two ends are checked)."""
    document = _words(SEED.read_text(encoding="utf-8"))
    for category in export()["partner_categories"]:
        for line in category["objectives"] + category["strategies"]:
            assert _words(line)[:30] in document, line
            assert _words(line)[-25:] in document, line


@pytest.mark.django_db
def test_loading_twice_changes_nothing():
    before = (PartnerCategory.objects.count(), EngagementStrategy.objects.count())
    loader.load_all(lambda name: __import__("django.apps").apps.apps.get_model("strategy", name))
    assert (PartnerCategory.objects.count(), EngagementStrategy.objects.count()) == before


@pytest.mark.django_db
def test_sdgs_are_loaded_with_all_targets():
    assert SdgGoal.objects.count() == 17
    assert SdgTarget.objects.count() == 169
    assert SdgTarget.objects.get(code="11.1").goal_id == 11


@pytest.mark.django_db
def test_categories_map_to_iati_organisation_types():
    types = dict(PartnerCategory.objects.values_list("code", "iati_organisation_types"))
    assert types["local_authority"] == ["11"]
    assert types["foundation"] == ["60"]
    assert types["knowledge"] == ["80"]


@pytest.mark.django_db
def test_strategy_pages_show_objectives_and_numbered_strategy_lines(client, make_user):
    client.force_login(make_user(Role.PROGRAMME))
    overview = client.get("/strategy/")
    assert overview.status_code == 200
    assert "Foundations and philanthropists" in overview.content.decode()
    page = client.get("/strategy/categories/private_sector/").content.decode()
    assert "Connect corporate sector investors with cities and local authorities" in page
    assert 'id="line-5-4"' in page
    assert client.get("/strategy/categories/nope/").status_code == 404


@pytest.mark.django_db
def test_strategy_pages_need_login(client):
    response = client.get("/strategy/")
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.django_db
def test_strategy_api_lists_categories_and_lines(client, make_user):
    client.force_login(make_user(Role.MANAGEMENT))
    categories = client.get("/api/v1/strategy/categories").json()
    assert [c["code"] for c in categories][:2] == ["government", "local_authority"]
    detail = client.get("/api/v1/strategy/categories/foundation").json()
    assert [s["code"] for s in detail["strategies"]] == ["8.1", "8.2", "8.3"]
    assert client.get("/api/v1/strategy/categories/unknown").json() == {
        "detail": "Not found.", "errors": {}}
    assert len(client.get("/api/v1/strategy/outcomes").json()) == 12


@pytest.mark.django_db
def test_strategy_api_refuses_anonymous_with_json(client):
    response = client.get("/api/v1/strategy/categories")
    assert response.status_code == 401
    assert "detail" in response.json()


@pytest.mark.django_db
def test_export_strategy_reports_unknown_code():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No partnership strategy with code"):
        call_command("export_strategy", code="nope", stdout=StringIO())
