"""Search that tolerates typos and finds by birth date; the duplicate check before a
registration."""

import datetime as dt
from unittest.mock import ANY

import pytest
from django.db import connection
from factories import person, user

from welzijn.core.dates import NotADate, parse_belgian_date
from welzijn.core.models import AuditEvent
from welzijn.core.roles import Role
from welzijn.registry.duplicates import likely_duplicates
from welzijn.registry.search import phonetic, search_terms
from welzijn.registry.selectors import person_search

pytestmark = pytest.mark.django_db

D = dt.date
ON = D(2024, 1, 1)


@pytest.fixture
def worker():
    return user(Role.ONTHAAL)


@pytest.fixture
def people(worker):
    return {
        "janssens": person(worker, first_name="Jan", last_name="Janssens", born=D(1990, 3, 14)),
        "peeters": person(worker, first_name="Mieke", last_name="Peeters", born=D(1975, 11, 2)),
        "jacobs": person(worker, first_name="An", last_name="Jacobs", born=D(1990, 3, 14)),
        "smidt": person(worker, first_name="Eva", last_name="Smidt", born=D(1960, 1, 5)),
    }


def _names(found):
    return [p.last_name for p in found]


@pytest.mark.parametrize(
    ("a", "b"),
    [("Janssens", "jansens"), ("Peeters", "peters"), ("Smidt", "Smith"), ("Meijer", "Meyer")],
)
def test_spelling_variants_share_a_key(a, b):
    assert phonetic(a) == phonetic(b)


def test_different_names_keep_different_keys():
    assert phonetic("Janssens") != phonetic("Jacobs")
    assert phonetic("Peeters") != phonetic("Pieters")


@pytest.mark.parametrize(
    ("query", "expected"),
    [("jansens", "Janssens"), ("janssen", "Janssens"), ("peters", "Peeters"), ("smit", "Smidt")],
)
def test_a_typo_still_finds_the_person(worker, people, query, expected):
    found = person_search(user=worker, query=query, on=ON)
    assert _names(found)[:1] == [expected]
    assert "Jacobs" not in _names(found)


def test_exact_matches_come_before_similar_names(worker, people):
    jansen = person(worker, first_name="Piet", last_name="Jansen")
    found = person_search(user=worker, query="jansen", on=ON)
    assert found[0] == jansen and not getattr(found[0], "similar_name", False)
    assert found[1] == people["janssens"] and found[1].similar_name


def test_word_order_with_a_typo(worker, people):
    assert _names(person_search(user=worker, query="jan jansens", on=ON)) == ["Janssens"]
    assert _names(person_search(user=worker, query="jansens jan", on=ON)) == ["Janssens"]


@pytest.mark.parametrize("born", ["14/03/1990", "14-03-1990", "14.03.1990", "14/3/1990"])
def test_a_birth_date_finds_everyone_born_that_day(worker, people, born):
    assert sorted(_names(person_search(user=worker, query=born, on=ON))) == ["Jacobs", "Janssens"]


def test_a_name_and_a_birth_date_both_apply(worker, people):
    person(worker, first_name="Jan", last_name="Janssens", born=D(1991, 3, 14))
    found = person_search(user=worker, query="jansens 14/03/1990", on=ON)
    assert found == [people["janssens"]]
    assert person_search(user=worker, query="peeters 14/03/1990", on=ON) == []


def test_a_date_that_does_not_exist_finds_nobody_and_is_not_an_insz(worker, people):
    assert person_search(user=worker, query="31/02/1990", on=ON) == []
    assert search_terms("14/03/1990").insz_digits == ""
    assert search_terms("90031400").insz_digits == "90031400"  # 8 bare digits: an INSZ start


def test_the_search_is_audited_with_its_term(worker, people):
    person_search(user=worker, query="jansens", on=ON)
    event = AuditEvent.objects.filter(action="list", reason="zoeken").last()
    assert event.detail == {"query": "jansens", "results": 1, "query_salt": ANY}


def test_the_tolerant_search_uses_indexes(worker, people):
    """No scan of the person table for a typo or a birth date (SQLite's query plan)."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's query plan")
    from django.test.utils import CaptureQueriesContext

    checked = 0
    for query in ("jansens", "14/03/1990 jacobs"):
        with CaptureQueriesContext(connection) as queries:
            person_search(user=worker, query=query, on=ON)
        for sql in [q["sql"] for q in queries.captured_queries]:
            tolerant = '"search_key" >=' in sql or '"birth_date" =' in sql
            if not tolerant or "registry_person" not in sql:
                continue
            with connection.cursor() as cursor:
                plan = " ".join(str(row) for row in cursor.execute(f"EXPLAIN QUERY PLAN {sql}"))
            assert "search_key" in plan or "person_birth_date" in plan, plan
            checked += 1
    assert checked >= 3  # two key ranges for 'jansens', the birth date


@pytest.mark.postgres
def test_trigram_similarity_finds_what_the_key_misses(worker, people):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (pg_trgm)")
    # A letter missing at the start: no key prefix matches, trigrams do.
    assert _names(person_search(user=worker, query="anssens", on=ON))[:1] == ["Janssens"]
    assert _names(person_search(user=worker, query="peeterz", on=ON))[:1] == ["Peeters"]


@pytest.mark.parametrize("text", ["14/03/1990", "4/3/1990", "04-03-1990", "1990-03-04"])
def test_belgian_dates(text):
    assert parse_belgian_date(text).year == 1990


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("14/03/90", "Geef de datum als dd/mm/jjjj"),
        ("14031990", "Geef de datum als dd/mm/jjjj"),
        ("14/03-1990", "Geef de datum als dd/mm/jjjj"),
        ("gisteren", "Geef de datum als dd/mm/jjjj"),
        ("31/02/1990", "bestaat niet"),
    ],
)
def test_other_dates_are_refused_in_dutch(text, message):
    with pytest.raises(NotADate, match=message):
        parse_belgian_date(text)


# -- likely duplicates --------------------------------------------------------------------


def _duplicates(worker, **fields):
    values = {"first_name": "Jan", "last_name": "Jansens", "birth_date": None, "insz": None}
    values.update(fields)
    return {d.person.last_name: d for d in likely_duplicates(user=worker, **values)}


def test_same_birth_date_and_a_similar_name(worker, people):
    found = _duplicates(worker, birth_date=D(1990, 3, 14))
    assert set(found) == {"Janssens"}  # An Jacobs shares the birthday, not the name
    assert "geboortedatum" in found["Janssens"].why and not found["Janssens"].same_insz


def test_first_and_last_name_swapped(worker, people):
    found = _duplicates(worker, first_name="Janssens", last_name="Jan", birth_date=D(1990, 3, 14))
    assert set(found) == {"Janssens"}


def test_same_name_and_birth_year(worker, people):
    found = _duplicates(worker, first_name="Jan", last_name="Janssens", birth_date=D(1990, 8, 1))
    assert set(found) == {"Janssens"} and "1990" in found["Janssens"].why
    assert _duplicates(worker, last_name="Janssens", birth_date=D(1991, 3, 14)) == {}


def test_same_insz_whatever_the_name(worker, people):
    found = _duplicates(
        worker, first_name="X", last_name="Y", insz=people["peeters"].insz, birth_date=D(2000, 1, 1)
    )
    assert set(found) == {"Peeters"} and found["Peeters"].same_insz


def test_the_duplicate_check_is_audited(worker, people):
    before = AuditEvent.objects.count()
    _duplicates(worker, birth_date=D(1990, 3, 14))
    event = AuditEvent.objects.last()
    assert AuditEvent.objects.count() == before + 1
    assert event.reason == "dubbels nakijken"
    assert event.detail["results"] == [people["janssens"].pk]


def test_an_analist_may_not_look_for_duplicates(people):
    from welzijn.core.access import AccessDenied

    with pytest.raises(AccessDenied):
        _duplicates(user(Role.ANALIST, office_code=None), birth_date=D(1990, 3, 14))
