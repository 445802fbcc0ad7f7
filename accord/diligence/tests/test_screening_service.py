"""Screening partners and keeping the results: on create and on a change of names, for
everyone after a new list version, on demand; decisions remembered as the issue asks."""

import json

import pytest
from django.core.management import call_command

from accord.diligence.loading import load_list
from accord.diligence.models import HitStatus, SanctionsList, ScreeningHit
from accord.diligence.screening.service import screen, screen_everyone
from accord.diligence.tests.test_loading import entity, listing, person
from accord.partners import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def un_list():
    return SanctionsList.objects.get(code="un_sc")


@pytest.fixture
def listed(un_list):
    data = listing(person("1", "IVAN", "PETROV"), entity("9", "ACME TRADING LLC"))
    return load_list(actor=None, sanctions_list=un_list, file_name="v1.xml", data=data)


def make_org(name, country="KP", **extra):
    return services.organisation_create(
        actor=None, name=name, category="private_sector", country=country, **extra
    )


def test_a_new_organisation_is_screened_when_it_is_registered(
    listed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        org = make_org("Acme Trading Company")
    hit = ScreeningHit.objects.get(organisation=org)
    assert hit.status == HitStatus.OPEN and hit.version == listed
    assert hit.entry.data_id == "9" and float(hit.score) >= 0.8
    assert hit.explanation[0] == "“Acme Trading Company” ~ listed “ACME TRADING LLC”"
    assert "same country: KP" in hit.explanation


def test_a_name_change_that_no_longer_matches_clears_the_open_hit(
    listed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        org = make_org("Acme Trading Company")
    with django_capture_on_commit_callbacks(execute=True):
        services.organisation_update(actor=None, organisation=org, name="Kisumu Youth Network")
    hit = ScreeningHit.objects.get(organisation=org)
    assert hit.status == HitStatus.CLEARED and "No longer matches" in hit.reason


def test_a_false_positive_is_not_raised_again_unless_names_or_version_change(un_list, listed):
    org = make_org("Acme Trading Company")
    screen("organisation", [org.pk], trigger="on_demand")
    ScreeningHit.objects.update(status=HitStatus.FALSE_POSITIVE, reason="Another Acme")
    screen("organisation", [org.pk], trigger="on_demand")
    assert ScreeningHit.objects.count() == 1  # same entry, version and names: not again

    services.organisation_update(actor=None, organisation=org, aliases=["Acme Trading"])
    screen("organisation", [org.pk], trigger="changed")
    assert list(ScreeningHit.objects.order_by("id").values_list("status", flat=True)) == [
        HitStatus.FALSE_POSITIVE, HitStatus.OPEN
    ]


def test_a_false_positive_comes_back_with_a_new_list_version(un_list, listed):
    org = make_org("Acme Trading Company")
    screen("organisation", [org.pk], trigger="on_demand")
    ScreeningHit.objects.update(status=HitStatus.FALSE_POSITIVE)
    load_list(actor=None, sanctions_list=un_list, file_name="v2.xml", data=listing(
        person("1", "IVAN", "PETROV"), entity("9", "ACME TRADING LLC"),
        generated="2026-02-01T00:00:00Z",
    ))
    screen_everyone(trigger="new_version")
    assert ScreeningHit.objects.filter(status=HitStatus.OPEN).count() == 1


def test_a_confirmed_hit_stays_and_a_delisted_entry_clears_an_open_one(un_list, listed):
    acme = make_org("Acme Trading Company")
    ivan_org = make_org("Kisumu Youth Network", country="KE")
    ivan = services.contact_create(
        actor=None, organisation=ivan_org, first_name="Ivan", last_name="Petrov"
    )
    screen_everyone()
    ScreeningHit.objects.filter(organisation=acme).update(status=HitStatus.CONFIRMED)
    assert ScreeningHit.objects.get(contact=ivan).status == HitStatus.OPEN
    load_list(actor=None, sanctions_list=un_list, file_name="v2.xml", data=listing(
        entity("9", "ACME TRADING LLC"), generated="2026-02-01T00:00:00Z"
    ))  # Ivan Petrov delisted
    screen_everyone(trigger="new_version")
    assert ScreeningHit.objects.get(organisation=acme).status == HitStatus.CONFIRMED
    assert ScreeningHit.objects.get(contact=ivan).status == HitStatus.CLEARED


def test_nothing_is_screened_before_a_list_is_loaded():
    make_org("Acme Trading Company")
    assert screen_everyone() is None and not ScreeningHit.objects.exists()


def test_the_command_lists_hits_as_json(listed, capsys):
    make_org("Acme Trading Company")
    call_command("screen", "--format", "json")
    rows = json.loads(capsys.readouterr().out)
    assert [(r["subject"], r["entry_reference"], r["status"]) for r in rows] == [
        ("organisation", "", "open")
    ]
    assert rows[0]["reasons"][0].startswith("“Acme Trading Company”")


def test_loading_a_new_version_rescreens_everyone_in_the_background(
    un_list, django_capture_on_commit_callbacks
):
    org = make_org("Acme Trading Company")  # registered before any list: nothing to screen
    assert not ScreeningHit.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        load_list(actor=None, sanctions_list=un_list, file_name="v1.xml",
                  data=listing(entity("9", "ACME TRADING LLC")))
    hit = ScreeningHit.objects.get(organisation=org)  # the task ran (tests run tasks at once)
    assert hit.run.trigger == "new_version" and hit.status == HitStatus.OPEN
