"""On a database with only the reference data a city installs, the annual report runs and
every figure is 0 or "geen gegevens" (capacity, which is reference data, excepted); a few
registrations through the services then show in the figures that count them."""

import datetime as dt
from decimal import Decimal

import factories as f
import pytest
from django.core.management import call_command

from welzijn.casework import services as casework
from welzijn.core.roles import Role
from welzijn.reporting.privacy import NO_DATA, SMALL
from welzijn.reporting.report import build_report

pytestmark = pytest.mark.django_db
Y = 2023


def _texts(report) -> dict[str, str]:
    return {code: item.shown.text for code, item in report.items.items()}


def test_the_report_of_an_empty_database_is_zeros_and_no_data(tmp_path):
    out = tmp_path / "jaaroverzicht.csv"
    call_command("jaaroverzicht", str(Y), "--format", "csv", "--out", str(out), verbosity=0)
    with out.open(encoding="utf-8-sig") as handle:
        assert sum(1 for _ in handle) > 150  # a row per indicator, written
    report = build_report(Y, with_charts=False)
    reference = {c for c, i in report.items.items() if (m := i.indicator.measure) and m.reference}
    wrong = {
        code: text
        for code, text in _texts(report).items()
        if code not in reference and text not in ("0", NO_DATA)
    }
    assert not wrong
    assert len(report.items) > 150


def test_a_few_registrations_show_in_the_figures():
    worker = f.user(Role.MAATSCHAPPELIJK_WERKER)
    adult, child = f.person(worker), f.person(worker, born=dt.date(2015, 4, 1))
    dossier = f.dossier(worker, f.household(worker, adult, child))
    casework.trajectory_start(
        actor=worker,
        dossier_id=dossier.pk,
        service="maatschappelijke-begeleiding",
        start_date=dt.date(Y, 2, 1),
    )
    casework.intervention_register(
        actor=worker,
        dossier_id=dossier.pk,
        service="huurwaarborg",
        date=dt.date(Y, 3, 1),
        amount=Decimal("900.00"),
        person=adult,
    )
    report = build_report(Y, with_charts=False)
    value = {code: item.result.value for code, item in report.items.items()}
    assert value["clienten_huishoudens"] == 1
    assert value["clienten_personen"] == 2
    assert value["clienten_met_kinderen"] == 1.0  # a share of one household
    assert value["huurwaarborg"] == 1
    assert value["leefloon_personen"] == 0
    texts = _texts(report)
    assert texts["clienten_personen"] == SMALL  # shown, but as a small count
    assert texts["clienten_met_kinderen"] == "niet getoond"  # a share of fewer than 20
    assert texts["leefloon_personen"] == "0"
