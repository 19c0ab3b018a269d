"""An attacker's try to recover a suppressed cell of a published breakdown: the published
total minus the shown cells is the sum of the hidden ones; a hidden cell is recovered when
that sum leaves it a single value (it alone, all hidden at 1, all at 4). The month, wijk and
office breakdowns of every indicator on Synthetic Ghent, and hand-made worst cases."""

import pytest

from welzijn.analytics.reading import pseudonymised
from welzijn.reporting.breakdowns import breakdowns
from welzijn.reporting.compute import (
    ServiceIds,
    compute,
    households_per_office,
    households_per_wijk,
)
from welzijn.reporting.indicators import INDICATORS
from welzijn.reporting.privacy import MIN_COUNT, count_cells, count_shown
from welzijn.reporting.records import Records, total


def recovered(total_: float, cells, truth: dict) -> list:
    """Keys of hidden cells the attacker gets right, who knows the rule: a hidden cell is 1
    or more, a small one at most MIN_COUNT - 1."""
    hidden = [c.key for c in cells if c.number is None]
    if not hidden:
        return []
    rest = total_ - sum(c.number for c in cells if c.number is not None)
    k = len(hidden)
    if k == 1:
        guess = dict.fromkeys(hidden, rest)
    elif rest == k:
        guess = dict.fromkeys(hidden, 1)
    elif rest == k * (MIN_COUNT - 1):
        guess = dict.fromkeys(hidden, MIN_COUNT - 1)
    else:
        return []
    return [key for key in hidden if guess[key] == truth[key]]


@pytest.mark.parametrize(
    "values",
    [
        {"a": 50, "b": 1, "c": 1},  # two ones: their sum 2 gave both away
        {"a": 50, "b": 4, "c": 4},
        {"a": 50, "b": 4, "c": 4, "d": 4},
        {"a": 50, "b": 9, "c": 3},
        {"a": 50, "b": 0, "c": 3},
    ],
)
def test_no_hidden_cell_is_recovered_from_the_total(values):
    cells = count_cells(values)
    assert any(c.number is None for c in cells)
    assert recovered(sum(values.values()), cells, values) == []


def test_the_attacker_does_recover_what_is_left_unprotected():
    """The check itself works: without a complement, one hidden cell falls out."""
    from welzijn.reporting.privacy import Cell

    cells = [Cell("a", "50", 50), Cell("b", "< 5", None)]
    assert recovered(53, cells, {"a": 50, "b": 3}) == ["b"]


def test_no_breakdown_of_the_report_gives_a_hidden_cell_away(ghent):
    ids = ServiceIds()
    tried = 0
    with pseudonymised():
        results = compute(ghent, ids=ids)
        for ind in INDICATORS:
            if ind.is_share or not ind.is_count_of_people:
                continue
            shown_total = count_shown(results[ind.code].value)
            if shown_total is None:
                continue
            from welzijn.reporting.compute import records_of
            from welzijn.reporting.records import tally

            records: Records | None = records_of(ind, ghent, ids)
            if records is None or records.distinct:  # a distinct count is no sum of its cells
                continue
            assert total(records).value == results[ind.code].value
            for b in breakdowns(ind, ghent, ids):
                truth = {k: t.value for k, t in tally(records, b.by).items()}
                truth = {c.key: truth.get(c.key, 0) for c in b.cells}
                # the year against the sum of its months, wijken or offices
                assert recovered(shown_total, b.cells, truth) == [], (ind.code, b.by)
                tried += 1
        for rows in (households_per_wijk(ghent, ids), households_per_office(ghent, ids)):
            for column in (1, 2):
                values = {row[0]: row[column] for row in rows}
                cells = count_cells(values)
                assert recovered(sum(values.values()), cells, values) == []
                tried += 1
    assert tried > 20
