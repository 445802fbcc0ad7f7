"""Exchange rates by hand and by CSV import (page and `accord load_rates`): bad rows reported
with row, column and reason; valid rows applied together; existing months updated."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from accord.core.errors import PermissionDeniedError
from accord.funding import rate_services
from accord.funding.models import ExchangeRate

pytestmark = pytest.mark.django_db
GOOD = (
    "currency,month,rate,source\nEUR,2025-01,0.95,UN\nGBP,2025-01-15,0.8,\nJPY,2025-02,150.5,UN\n"
)


def test_a_good_file_is_loaded():
    report = rate_services.rates_import(actor=None, data=GOOD.encode(), source="Treasury")
    assert (report.created, report.updated, report.errors) == (3, 0, [])
    gbp = ExchangeRate.objects.get(currency="GBP")
    assert (gbp.month, gbp.rate, gbp.source) == (date(2025, 1, 1), Decimal("0.8"), "Treasury")


def test_existing_months_are_updated_and_unchanged_ones_counted(officer):
    rate_services.rates_import(actor=None, data=GOOD.encode())
    again = GOOD.replace("0.95", "0.96")
    report = rate_services.rates_import(actor=officer, data=again.encode())
    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    eur = ExchangeRate.objects.get(currency="EUR")
    assert eur.rate == Decimal("0.96") and eur.entered_by == officer


def test_bad_rows_are_reported_and_the_rest_applied():
    data = (
        "Currency;Month;Rate\n"
        "EUR;2025-01;0,95\n"
        "XXQ;2025-01;1\n"
        "GBP;Jan-2025x;0.8\n"
        "CHF;2025-01;-1\n"
        "USD;2025-01;1\n"
        "EUR;2025-01-20;0.9\n"
    )
    report = rate_services.rates_import(actor=None, data=data.encode("cp1252"))
    found = [(e.row, e.column) for e in report.errors]
    assert found == [(3, "currency"), (4, "month"), (5, "rate"), (6, "currency"), (7, "month")]
    assert "already on row 2" in report.errors[-1].reason
    assert report.created == 1 and ExchangeRate.objects.get().rate == Decimal("0.95")


def test_a_file_without_the_columns_writes_nothing():
    report = rate_services.rates_import(actor=None, data=b"code,when,value\nEUR,2025-01,1\n")
    assert [(e.row, e.column) for e in report.errors] == [
        (1, "currency"),
        (1, "month"),
        (1, "rate"),
    ]
    assert not ExchangeRate.objects.exists()


def test_utf16_tab_separated_files_are_read():
    data = "currency\tmonth\trate\nKES\tMarch 2025\t129.3\n".encode("utf-16")
    report = rate_services.rates_import(actor=None, data=data)
    assert report.created == 1 and ExchangeRate.objects.get().month == date(2025, 3, 1)


def test_a_dry_run_writes_nothing():
    report = rate_services.rates_import(actor=None, data=GOOD.encode(), dry_run=True)
    assert report.created == 3 and not ExchangeRate.objects.exists()


def test_only_rate_managers_import(make_user):
    from accord.accounts.models import Role

    with pytest.raises(PermissionDeniedError):
        rate_services.rates_import(actor=make_user(Role.REGIONAL), data=GOOD.encode())


def test_by_hand_the_month_is_its_first_day_and_unique(officer):
    row = rate_services.rate_save(
        actor=officer, currency="eur", month=date(2025, 3, 17), rate="0.9"
    )
    assert (row.month, row.source, row.entered_by) == (date(2025, 3, 1), "Entered by hand", officer)
    with pytest.raises(ValidationError) as caught:
        rate_services.rate_save(actor=officer, currency="EUR", month="2025-03", rate="0")
    assert {"month", "rate"} == set(caught.value.message_dict)
    edited = rate_services.rate_save(
        actor=officer, currency="EUR", month="2025-03", rate="0.91", exchange_rate=row
    )
    assert edited.pk == row.pk and edited.rate == Decimal("0.91")


def test_the_command(tmp_path, capsys):
    good = tmp_path / "rates.csv"
    good.write_text(GOOD)
    call_command("load_rates", str(good), "--dry-run")
    assert "3 rate(s) would be created" in capsys.readouterr().out
    assert not ExchangeRate.objects.exists()
    call_command("load_rates", str(good), "--source", "Treasury")
    assert ExchangeRate.objects.count() == 3
    bad = tmp_path / "bad.csv"
    bad.write_text("currency,month,rate\nEUR,2025-05,0.9\nEUR,nope,0.9\n")
    with pytest.raises(CommandError, match="1 row"):
        call_command("load_rates", str(bad))
    assert "Row 3, month" in capsys.readouterr().err
    assert ExchangeRate.objects.count() == 4  # the valid row was applied
    with pytest.raises(CommandError, match="no such file"):
        call_command("load_rates", str(tmp_path / "missing.csv"))


def test_the_pages(officer_client, django_assert_max_num_queries):
    upload = reverse("funding:rate_import")
    from django.core.files.uploadedfile import SimpleUploadedFile

    page = officer_client.post(upload, {"file": SimpleUploadedFile("r.csv", GOOD.encode())})
    assert page.status_code == 200 and "3 rates created" in page.content.decode()
    bad = officer_client.post(
        upload, {"file": SimpleUploadedFile("r.csv", b"currency,month,rate\nEUR,x,1\n")}
    )
    assert bad.status_code == 400 and "is not a month" in bad.content.decode()
    with django_assert_max_num_queries(10):
        listing = officer_client.get(reverse("funding:rates"), {"currency": "eur"})
    assert "0.95" in listing.content.decode() and "JPY" not in listing.content.decode()
    form = officer_client.post(
        reverse("funding:rate_create"), {"currency": "EUR", "month": "2025-01-09", "rate": "1"}
    )
    assert "already a EUR rate for January 2025" in form.content.decode()
    eur = ExchangeRate.objects.get(currency="EUR")
    edit = officer_client.post(
        reverse("funding:rate_edit", args=[eur.pk]),
        {"currency": "EUR", "month": "2025-01-01", "rate": "0.97"},
    )
    assert edit.status_code == 302 and ExchangeRate.objects.get(pk=eur.pk).rate == Decimal("0.97")
