"""Entering values and their life cycle: draft → submitted → approved / returned, four eyes,
history, versions, regional scope, and refusals that name the field and store nothing."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from accord.accounts.models import Role
from accord.core.errors import ConflictError, PermissionDeniedError
from accord.core.history import history_for
from accord.results.models import Measurement, MeasurementStatus
from accord.results.services import (
    measurement_create,
    measurement_transition,
    measurement_update,
)
from accord.results.tests.factories import indicator

pytestmark = pytest.mark.django_db


def errors_of(call) -> dict:
    with pytest.raises(ValidationError) as exc:
        call()
    return exc.value.message_dict


def test_a_value_goes_from_draft_to_approved_by_another_person(trained, enterer, approver):
    m = measurement_create(actor=enterer, indicator=trained, period="2025", value="12")
    assert (m.status, m.value, m.entered_by) == ("draft", D(12), enterer)
    measurement_transition(actor=enterer, measurement=m, transition="submit")
    measurement_transition(actor=approver, measurement=m, transition="approve")
    m.refresh_from_db()
    assert (m.status, m.submitted_by_id, m.decided_by_id) == ("approved", enterer.pk, approver.pk)
    notes = [e.note for e in history_for(m)]
    assert notes[:2] == ["Approve", "Submit for approval"]


def test_four_eyes_the_submitter_may_not_approve(trained, approver):
    m = measurement_create(actor=approver, indicator=trained, period="2025", value="1")
    measurement_transition(actor=approver, measurement=m, transition="submit")
    found = errors_of(
        lambda: measurement_transition(actor=approver, measurement=m, transition="approve")
    )
    assert "Four eyes" in found["transition"][0]
    assert Measurement.objects.get(pk=m.pk).status == "submitted"


def test_four_eyes_someone_who_edited_may_not_approve(trained, enterer, approver):
    m = measurement_create(actor=enterer, indicator=trained, period="2025", value="1")
    measurement_update(actor=approver, measurement=m, value="2")
    measurement_transition(actor=enterer, measurement=m, transition="submit")
    with pytest.raises(ValidationError, match="Four eyes"):
        measurement_transition(actor=approver, measurement=m, transition="approve")


def test_return_needs_a_reason_and_the_value_can_be_fixed_and_resubmitted(
    trained, enterer, approver
):
    m = measurement_create(actor=enterer, indicator=trained, period="2025", value="1")
    measurement_transition(actor=enterer, measurement=m, transition="submit")
    assert errors_of(
        lambda: measurement_transition(actor=approver, measurement=m, transition="return")
    )["reason"] == ["Give the reason."]
    measurement_transition(
        actor=approver, measurement=m, transition="return", reason="Count only completed trainings."
    )
    assert (m.status, m.return_reason) == ("returned", "Count only completed trainings.")
    measurement_update(actor=enterer, measurement=m, value="3")
    measurement_transition(actor=enterer, measurement=m, transition="submit")
    assert m.status == "submitted" and m.return_reason == ""


def test_only_drafts_and_returned_values_are_edited(trained, enterer, approver):
    m = measurement_create(actor=enterer, indicator=trained, period="2025", value="1")
    measurement_transition(actor=enterer, measurement=m, transition="submit")
    assert "__all__" in errors_of(
        lambda: measurement_update(actor=enterer, measurement=m, value="9")
    )


def test_reopening_an_approved_value_needs_a_reason_and_it_stops_counting(
    trained, enterer, approver
):
    m = measurement_create(actor=enterer, indicator=trained, period="2025", value="1")
    measurement_transition(actor=enterer, measurement=m, transition="submit")
    measurement_transition(actor=approver, measurement=m, transition="approve")
    assert "reason" in errors_of(
        lambda: measurement_transition(actor=approver, measurement=m, transition="reopen")
    )
    measurement_transition(
        actor=approver, measurement=m, transition="reopen", reason="Figure corrected by the office."
    )
    assert (m.status, m.decided_by) == ("draft", None)


def test_a_transition_from_the_wrong_state_is_refused(trained, enterer, approver):
    m = measurement_create(actor=enterer, indicator=trained, period="2025", value="1")
    message = errors_of(
        lambda: measurement_transition(actor=approver, measurement=m, transition="approve")
    )["transition"]
    assert message == ["A measurement that is “Draft” cannot be approved."]
    assert "transition" in errors_of(
        lambda: measurement_transition(actor=approver, measurement=m, transition="fly")
    )


def test_a_programme_manager_may_not_approve(trained, enterer, make_user):
    m = measurement_create(actor=enterer, indicator=trained, period="2025", value="1")
    measurement_transition(actor=enterer, measurement=m, transition="submit")
    with pytest.raises(PermissionDeniedError):
        measurement_transition(actor=make_user(Role.PROGRAMME), measurement=m, transition="approve")


def test_management_may_not_enter(trained, make_user):
    with pytest.raises(PermissionDeniedError):
        measurement_create(
            actor=make_user(Role.MANAGEMENT), indicator=trained, period="2025", value="1"
        )


def test_bad_input_names_every_field_and_stores_nothing(trained, enterer):
    found = errors_of(
        lambda: measurement_create(
            actor=enterer, indicator=trained, period="20x5", value="many", dimension="colour"
        )
    )
    assert set(found) == {"period", "value", "dimension"}
    assert found["value"] == ["“many” is not a number."]
    assert not Measurement.objects.filter(indicator=trained).exists()


def test_an_unknown_part_is_refused(trained, enterer):
    found = errors_of(
        lambda: measurement_create(
            actor=enterer,
            indicator=trained,
            period="2025",
            value="1",
            dimension="sex",
            dimension_value="robot",
        )
    )
    assert found["dimension_value"][0].startswith("“robot” is not a part of sex")


def test_one_value_per_indicator_period_and_part(trained, enterer):
    measurement_create(actor=enterer, indicator=trained, period="2025", value="1")
    assert "period" in errors_of(
        lambda: measurement_create(actor=enterer, indicator=trained, period="2025", value="2")
    )
    measurement_create(
        actor=enterer,
        indicator=trained,
        period="2025",
        value="2",
        dimension="sex",
        dimension_value="female",
    )


def test_computed_indicators_are_not_entered(enterer):
    computed = indicator("CMP", source="computed", compute_function="new_partners")
    assert "indicator" in errors_of(
        lambda: measurement_create(actor=enterer, indicator=computed, period="2025", value="1")
    )


def test_a_stale_edit_is_refused(trained, enterer):
    m = measurement_create(actor=enterer, indicator=trained, period="2025", value="1")
    measurement_update(actor=enterer, measurement=m, value="2", expected_version=1)
    with pytest.raises(ConflictError):
        measurement_update(actor=enterer, measurement=m, value="3", expected_version=1)
    assert Measurement.objects.get(pk=m.pk).value == D(2)


def test_edits_are_in_the_history_and_a_no_change_records_nothing(trained, enterer):
    m = measurement_create(actor=enterer, indicator=trained, period="2025", value="1")
    measurement_update(actor=enterer, measurement=m, value="1.0000")
    measurement_update(actor=enterer, measurement=m, value="4", note="Revised")
    entries = list(history_for(m))
    assert [e.action for e in entries] == ["update", "create"]
    assert entries[0].changes["value"] == ["1.0000", "4.0000"]


def test_regional_focal_points_enter_values_of_their_region_only(
    trained, make_user, region, other_region
):
    regional = make_user(Role.REGIONAL, regions=[region])
    assert "dimension_value" in errors_of(
        lambda: measurement_create(actor=regional, indicator=trained, period="2025", value="1")
    )
    assert "dimension_value" in errors_of(
        lambda: measurement_create(
            actor=regional,
            indicator=trained,
            period="2025",
            value="1",
            dimension="region",
            dimension_value=other_region.code,
        )
    )
    m = measurement_create(
        actor=regional,
        indicator=trained,
        period="2025",
        value="1",
        dimension="region",
        dimension_value=region.code,
    )
    assert m.region == region


def test_a_ratio_is_entered_as_numerator_and_denominator(enterer):
    share = indicator("SH", unit="percentage", aggregation="ratio")
    m = measurement_create(
        actor=enterer, indicator=share, period="2025-Q1", numerator="3", denominator="12"
    )
    assert (m.value, m.numerator, m.denominator) == (D("25.0000"), D(3), D(12))
    assert m.period.label == "Q1 2025"
    assert m.status == MeasurementStatus.DRAFT
