"""Versions of the scoring model: the default one, copying, editing a draft (with clear
messages for bad weights and priorities), activating, stale edits, history."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accord.core.errors import ConflictError
from accord.core.history import history_for
from accord.prioritization import services
from accord.prioritization.criteria import default_weights, weight_errors
from accord.prioritization.models import ModelStatus, RunStatus, ScoringModel
from accord.prioritization.tests.conftest import WEIGHTS, active_model, focused_model

pytestmark = pytest.mark.django_db


def test_the_default_version_is_active_with_the_default_weights():
    model = active_model()
    assert model.number == 1
    assert dict(model.weights.values_list("criterion", "weight")) == default_weights()
    assert model.priority_outcomes.count() == 12
    assert model.priority_flagships.count() == 5


def test_copy_makes_a_draft_with_the_next_number_and_the_same_settings(admin_user):
    default = active_model()
    copy = services.model_copy(actor=admin_user, model=default)
    assert (copy.number, copy.status, copy.copied_from_id) == (2, ModelStatus.DRAFT, default.pk)
    assert copy.name == f"Copy of {default.name}"
    assert dict(copy.weights.values_list("criterion", "weight")) == default_weights()
    assert set(copy.priority_outcomes.all()) == set(default.priority_outcomes.all())
    assert history_for(copy)[0].note == "Copied from version 1"


def test_editing_a_draft_changes_weights_and_priorities_and_records_history(admin_user):
    draft = focused_model(activate=False)
    assert draft.status == ModelStatus.DRAFT
    assert dict(draft.weights.values_list("criterion", "weight")) == WEIGHTS
    assert sorted(draft.priority_outcomes.values_list("code", flat=True)) == [
        "1.1",
        "1.2",
        "2.1",
        "3.1",
    ]
    assert sorted(draft.priority_countries.values_list("code", flat=True)) == ["BR", "KE"]
    entry = history_for(draft)[0]
    assert entry.action == "update"
    assert entry.changes["weights"][1][0] == "alignment 40"


@pytest.mark.parametrize(
    ("weights", "field", "message"),
    [
        ({**WEIGHTS, "reach": 25}, "__all__", "must add up to 100; they add up to 110"),
        ({**WEIGHTS, "risk": 120}, "risk", "Risk: 120 is outside 0 to 100."),
        ({**WEIGHTS, "reach": "many"}, "reach", "“many” is not a whole number"),
        (
            {k: v for k, v in WEIGHTS.items() if k != "alignment"},
            "alignment",
            "Strategic alignment: give a weight",
        ),
    ],
)
def test_bad_weights_are_refused_with_a_clear_message(weights, field, message):
    draft = focused_model(activate=False)
    with pytest.raises(ValidationError) as caught:
        services.model_update(
            actor=None, model=draft, expected_version=draft.version, name="x", weights=weights
        )
    assert any(message in m for m in caught.value.message_dict[field])
    draft.refresh_from_db()
    assert dict(draft.weights.values_list("criterion", "weight")) == WEIGHTS  # unchanged


def test_unknown_priorities_are_named():
    draft = focused_model(activate=False)
    with pytest.raises(ValidationError) as caught:
        services.model_update(
            actor=None,
            model=draft,
            expected_version=draft.version,
            name="x",
            weights=WEIGHTS,
            outcomes=["9.9"],
            countries=["XX"],
            resources=["gold"],
        )
    errors = caught.value.message_dict
    assert errors["priority_outcomes"] == ["Unknown priority outcomes: 9.9."]
    assert errors["priority_countries"] == ["Unknown priority countries: XX."]
    assert "Unknown resources: gold" in errors["priority_resources"][0]


def test_what_if_weights_need_not_add_up():
    assert weight_errors({**WEIGHTS, "reach": 60}, full=False) == {}
    assert "__all__" in weight_errors({**WEIGHTS, "reach": 60})


def test_a_stale_edit_is_refused():
    draft = focused_model(activate=False)
    with pytest.raises(ConflictError):
        services.model_update(
            actor=None, model=draft, expected_version=draft.version - 1, name="x", weights=WEIGHTS
        )


def test_activating_retires_the_active_version_and_queues_a_run(
    admin_user, django_capture_on_commit_callbacks
):
    old = active_model()
    draft = focused_model(activate=False)
    with django_capture_on_commit_callbacks(execute=True):
        services.model_activate(actor=admin_user, model=draft, expected_version=draft.version)
    draft.refresh_from_db()
    old.refresh_from_db()
    assert (draft.status, old.status) == (ModelStatus.ACTIVE, ModelStatus.RETIRED)
    assert draft.activated_by == admin_user and draft.activated_at is not None
    assert ScoringModel.objects.filter(status=ModelStatus.ACTIVE).count() == 1
    run = draft.runs.get()
    assert run.status == RunStatus.DONE  # the immediate task backend of the tests ran it


def test_active_and_retired_versions_cannot_be_edited_or_activated_again():
    old = active_model()
    focused_model(activate=True)
    old.refresh_from_db()
    with pytest.raises(ValidationError, match="only a draft can be changed"):
        services.model_update(
            actor=None, model=old, expected_version=old.version, name="x", weights=WEIGHTS
        )
    with pytest.raises(ValidationError, match="Version 1 is retired"):
        services.model_activate(actor=None, model=old, expected_version=old.version)


def test_the_database_refuses_a_second_active_version():
    draft = focused_model(activate=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        ScoringModel.objects.filter(pk=draft.pk).update(status=ModelStatus.ACTIVE)
