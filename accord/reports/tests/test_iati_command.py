"""`accord export_iati organisation|activities -o FILE`: the file written validates; bad
arguments are a clear CommandError and leave what was there untouched."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accord.reports.iati import schema
from accord.reports.tests.test_iati_data import build_world

pytestmark = pytest.mark.django_db


def test_writes_a_valid_activity_file(tmp_path):
    world = build_world()
    out = tmp_path / "activities.xml"
    call_command("export_iati", "activities", "-o", str(out))
    assert schema.validation_errors("activities", out) == []
    assert world.contribution_agreement.reference in out.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["activities.xml"]  # no temporary left
    assert out.stat().st_mode & 0o777 == 0o644


def test_writes_a_valid_organisation_file(tmp_path, capsys):
    out = tmp_path / "organisation.xml"
    call_command("export_iati", "organisation", "--output", str(out))
    assert schema.validation_errors("organisation", out) == []
    assert "Wrote the IATI organisation file" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["budget", "-o", "x.xml"], "choose `organisation` or `activities`"),
        (["activities"], "-o/--output"),
        (["activities", "-o", "/no/such/folder/a.xml"], "does not exist"),
    ],
)
def test_bad_arguments_are_a_clear_error(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("export_iati", *args)


def test_a_folder_as_output_is_refused(tmp_path):
    with pytest.raises(CommandError, match="is a folder"):
        call_command("export_iati", "organisation", "-o", str(tmp_path))


def test_nothing_to_export_is_an_error_and_keeps_the_previous_file(tmp_path):
    out = tmp_path / "activities.xml"
    out.write_text("previous export")
    with pytest.raises(CommandError, match="No activity to export"):
        call_command("export_iati", "activities", "-o", str(out))
    assert out.read_text() == "previous export"


def test_a_bad_organisation_identifier_setting_is_named(tmp_path, settings):
    settings.ACCORD_IATI_ORGANISATION_ID = "HABITAT-1"
    with pytest.raises(CommandError, match="ACCORD_IATI_ORGANISATION_ID 'HABITAT-1'"):
        call_command("export_iati", "organisation", "-o", str(tmp_path / "o.xml"))
