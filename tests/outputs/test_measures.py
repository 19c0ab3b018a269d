"""The report's figures from monthly figures and external figures: a flow sums the months,
a stock takes the last month; cancelled rows, other units and other years do not count;
an empty database gives ‘geen gegevens’; an external figure carries its source."""

import datetime as dt
from decimal import Decimal

import pytest
from factories import user

from welzijn.core.roles import Role
from welzijn.outputs import services as outputs
from welzijn.outputs.models import OutputKind
from welzijn.reporting.compute import compute
from welzijn.reporting.indicators import BY_CODE, INDICATORS
from welzijn.reporting.privacy import show
from welzijn.reporting.report import build_report, render_csv, render_html

pytestmark = pytest.mark.django_db
D = dt.date


def _register(actor, service, unit, figures: dict[dt.date, int]):
    kind = OutputKind.objects.get(service__code=service, unit=unit)
    return [
        outputs.output_register(actor=actor, kind=kind, month=m, quantity=q, source="test")
        for m, q in figures.items()
    ]


def test_every_monthly_indicator_has_a_kind_that_matches_its_aggregation():
    """A sum counts flows, a stock counts stands: the kind's flag must agree, or the
    figure would read nothing."""
    for ind in INDICATORS:
        if ind.kind.startswith(("outputs.sum", "outputs.stock")):
            kinds = OutputKind.objects.filter(service__code__in=ind.services, unit=ind.detail)
            assert kinds.exists(), ind.code
            stock = ind.kind.startswith("outputs.stock")
            assert all(k.stock is stock for k in kinds), ind.code


def test_a_flow_sums_the_months_of_the_year():
    dbse = user(Role.MAANDCIJFERS, "team-dbse")
    _register(dbse, "sociale-restaurants", "maaltijden",
              {D(2023, 1, 1): 8000, D(2023, 2, 1): 7500, D(2022, 12, 1): 9999})  # fmt: skip
    wrong = _register(dbse, "sociale-restaurants", "maaltijden", {D(2023, 3, 1): 5})[0]
    outputs.output_cancel(actor=dbse, output_id=wrong.pk, reason="fout")
    _register(dbse, "sociale-restaurants", "restaurants", {D(2023, 1, 1): 9})  # another unit
    ind = BY_CODE["sociale_restaurants_maaltijden"]
    assert compute(2023, [ind])[ind.code].value == 15500
    assert "Som over de maanden" in ind.definition


def test_a_stock_is_the_last_month_with_a_figure():
    noodplanning = user(Role.MAANDCIJFERS, "team-noodplanning")
    _register(noodplanning, "be-alert", "aansluitingen",
              {D(2023, 1, 1): 33000, D(2023, 10, 1): 35211, D(2023, 6, 1): 34000})  # fmt: skip
    ind = BY_CODE["be_alert"]
    assert compute(2023, [ind])[ind.code].value == 35211
    assert "Stand op het einde van het jaar" in ind.definition


def test_small_counts_of_people_are_suppressed_but_not_of_things():
    vrijwilligerspunt = user(Role.MAANDCIJFERS, "team-vrijwilligerspunt")
    _register(vrijwilligerspunt, "dag-van-de-vrijwilliger", "vrijwilligers", {D(2023, 12, 1): 3})
    _register(vrijwilligerspunt, "dag-van-de-vrijwilliger", "organisaties", {D(2023, 12, 1): 3})
    results = compute(
        2023, [BY_CODE["dag_van_de_vrijwilliger"], BY_CODE["dag_van_de_vrijwilliger_org"]]
    )
    assert show(results["dag_van_de_vrijwilliger"]).text == "< 5"
    assert show(results["dag_van_de_vrijwilliger_org"]).text == "3"


def test_an_empty_database_shows_no_data():
    inds = [i for i in INDICATORS if i.kind.startswith("outputs.")]
    results = compute(2023, inds)
    assert {show(r).text for r in results.values()} == {"geen gegevens"}


def test_an_external_figure_is_shown_with_its_source():
    analist = user(Role.ANALIST, None)
    for key, value in (("armoede", Decimal("14.3")), ("haatmisdrijven", Decimal(86))):
        outputs.external_figure_register(
            actor=analist, key=key, year=2023, value=value, source="Politie Gent",
            source_date=D(2024, 3, 1),
        )  # fmt: skip
    results = compute(2023, [BY_CODE["armoede"], BY_CODE["haatmisdrijven"]])
    assert results["armoede"].value == pytest.approx(0.143)
    assert show(results["armoede"]).text == "14,3%"
    assert results["haatmisdrijven"].value == 86
    assert results["haatmisdrijven"].source == "Politie Gent (01/03/2024)"
    report = build_report(2023, with_charts=False)
    html = render_html(report)
    assert "Extern cijfer. Bron: Politie Gent (01/03/2024)" in html
    assert "Bron: Politie Gent (01/03/2024)." in render_csv(report).decode("utf-8")
