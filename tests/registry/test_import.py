"""Import from a legacy system: persons, households and incomes (registry kinds)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from factories import user

from welzijn.core.access import AccessDenied
from welzijn.core.insz import make_insz
from welzijn.core.models import AuditEvent
from welzijn.core.roles import Role
from welzijn.registry.importing import import_kinds
from welzijn.registry.importing.runner import ImportRefused, run_import
from welzijn.registry.models import Address, Household, HouseholdMembership, Income, Person

pytestmark = pytest.mark.django_db

PERSON_HEADER = (
    "extern_id;voornaam;achternaam;geboortedatum;geslacht;insz;nationaliteit;verblijfsstatus;"
    "straat;huisnummer;postcode"
)


def write(path, header, lines, *, bom=False):
    text = "\n".join([header, *lines]) + "\n"
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode())
    return path


def person_lines(n=3):
    lines = []
    for i in range(1, n + 1):
        born = dt.date(1980, 1, i)
        insz = make_insz(born, 2 * i + 1)
        lines.append(
            f"P{i};Jan{i};Peeters;{born:%d/%m/%Y};M;{insz};BE;belg;Bevrijdingslaan;{i};9000"
        )
    return lines


@pytest.fixture
def worker():
    return user(Role.MAATSCHAPPELIJK_WERKER)


def imported(kind, path, actor, **kwargs):
    return run_import(import_kinds()[kind], path, actor=actor, **kwargs)


@pytest.mark.parametrize("bom", [False, True])
def test_a_good_file_imports_and_a_second_run_changes_nothing(tmp_path, worker, bom):
    path = write(tmp_path / "personen.csv", PERSON_HEADER, person_lines(3), bom=bom)
    first = imported("persons", path, worker)
    assert (first.created, first.updated, first.unchanged) == (3, 0, 0)
    people = Person.objects.filter(extern_id__in=["P1", "P2", "P3"])
    assert people.count() == 3
    jan = Person.objects.get(extern_id="P2")
    assert jan.birth_date == dt.date(1980, 1, 2)
    assert jan.search_name == "jan2 peeters"
    # Without a household, the person gets a one-person household at the address, with the
    # wijk from the street list.
    membership = HouseholdMembership.objects.get(person=jan)
    assert membership.role == "referentiepersoon"
    assert membership.household.address.wijk.code == "brugse-poort-rooigem"
    assert membership.household.name == "Huishouden Peeters"
    event = AuditEvent.objects.get(action="load", object_type="registry.person")
    assert event.detail["created"] == 3
    assert event.detail["file"] == "personen.csv"
    assert sorted(event.detail["created_ids"]) == sorted(people.values_list("pk", flat=True))

    second = imported("persons", path, worker)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 3)
    assert Person.objects.count() == 3
    assert Household.objects.count() == 3
    assert Address.objects.count() == 3


def test_a_changed_row_is_updated_through_the_service(tmp_path, worker):
    imported("persons", write(tmp_path / "a.csv", PERSON_HEADER, person_lines(2)), worker)
    changed = [line.replace("Jan2", "Johan") for line in person_lines(2)]
    result = imported("persons", write(tmp_path / "b.csv", PERSON_HEADER, changed), worker)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    johan = Person.objects.get(extern_id="P2")
    assert (johan.first_name, johan.search_name) == ("Johan", "johan peeters")
    update = AuditEvent.objects.get(action="update", object_type="registry.person")
    assert update.detail == {"fields": ["first_name"]}


def test_one_bad_line_refuses_the_whole_file_and_names_line_and_column(tmp_path, worker):
    lines = person_lines(6)
    lines[5] = lines[5].replace("06/01/1980", "31/02/1990")  # line 7 of the file
    lines[2] = lines[2].replace(";M;", ";Q;")  # line 4
    path = write(tmp_path / "personen.csv", PERSON_HEADER, lines)
    with pytest.raises(ImportRefused) as refused:
        imported("persons", path, worker)
    messages = [str(error) for error in refused.value.errors]
    assert "regel 7, kolom geboortedatum: '31/02/1990' is geen geldige datum (dd/mm/jjjj)" in (
        messages
    )
    assert any(
        m.startswith("regel 4, kolom geslacht: 'Q' is geen geldige waarde") for m in messages
    )
    assert Person.objects.count() == 0
    assert Household.objects.count() == 0
    assert not AuditEvent.objects.filter(action="load").exists()


def test_model_validation_is_reported_on_the_column(tmp_path, worker):
    lines = person_lines(2)
    lines[0] = lines[0].replace(";M;", ";V;")  # the INSZ says man
    lines[1] = lines[1].replace(";9000", ";1000")
    with pytest.raises(ImportRefused) as refused:
        imported("persons", write(tmp_path / "p.csv", PERSON_HEADER, lines), worker)
    messages = [str(error) for error in refused.value.errors]
    assert (
        "regel 2, kolom geslacht: Het geslacht komt niet overeen met het INSZ-nummer." in messages
    )
    assert "regel 3, kolom postcode: Onbekende Gentse postcode '1000'." in messages


def test_a_duplicate_key_in_the_file_names_both_lines(tmp_path, worker):
    lines = [*person_lines(2), person_lines(1)[0].replace("P1;", "P9;")]
    with pytest.raises(ImportRefused) as refused:
        imported("persons", write(tmp_path / "p.csv", PERSON_HEADER, lines), worker)
    assert [str(e) for e in refused.value.errors] == [
        f"regel 4, kolom insz: '{lines[0].split(';')[5]}' staat ook op regel 2"
    ]


def test_an_unknown_street_needs_the_wijk(tmp_path, worker):
    lines = [person_lines(1)[0].replace("Bevrijdingslaan", "Onbestaandestraat")]
    with pytest.raises(ImportRefused) as refused:
        imported("persons", write(tmp_path / "p.csv", PERSON_HEADER, lines), worker)
    assert [str(e) for e in refused.value.errors] == [
        "regel 2, kolom wijk: Straat niet gekend in de stratenlijst: kies de wijk."
    ]
    with_wijk = [lines[0] + ";ledeberg"]
    imported("persons", write(tmp_path / "q.csv", PERSON_HEADER + ";wijk", with_wijk), worker)
    assert Address.objects.get().wijk.code == "ledeberg"


def test_missing_and_unknown_columns_are_refused(tmp_path, worker):
    header = PERSON_HEADER.replace(";insz", "") + ";schoenmaat"
    with pytest.raises(ImportRefused) as refused:
        imported("persons", write(tmp_path / "p.csv", header, []), worker)
    messages = [str(e) for e in refused.value.errors]
    assert "regel 1, kolom insz: deze verplichte kolom ontbreekt" in messages
    assert any(m.startswith("regel 1, kolom schoenmaat: onbekende kolom") for m in messages)


def test_dry_run_validates_and_writes_nothing(tmp_path, worker):
    result = imported(
        "persons", write(tmp_path / "p.csv", PERSON_HEADER, person_lines(4)), worker, dry_run=True
    )
    assert (result.created, result.dry_run) == (4, True)
    assert Person.objects.count() == 0
    assert not AuditEvent.objects.filter(action="load").exists()


def test_xlsx_imports_like_csv(tmp_path, worker):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(PERSON_HEADER.split(";"))
    born = dt.date(1975, 5, 17)
    # Excel holds dates as dates and house numbers as numbers.
    identity = ["X1", "Fatma", "Yilmaz", born, "V", make_insz(born, 42), "TR", "derdelander"]
    sheet.append([*identity, "Sleepstraat", 12, "9000"])
    path = tmp_path / "personen.xlsx"
    workbook.save(path)
    result = imported("persons", path, worker)
    assert result.created == 1
    fatma = Person.objects.get(extern_id="X1")
    assert fatma.birth_date == born
    address = fatma.memberships.get().household.address
    assert (address.number, address.wijk.code) == ("12", "sluizeken-tolhuis-ham")


def test_households_then_members_by_reference(tmp_path, worker):
    households = write(
        tmp_path / "huishoudens.csv",
        "extern_id;naam;straat;huisnummer;bus;postcode",
        ["H1;Gezin Janssens;Wondelgemstraat;88;3;9000", "H2;Dakloos;;;;"],
    )
    assert imported("households", households, worker).created == 2
    h1 = Household.objects.get(extern_id="H1")
    assert (h1.address.box, h1.address.wijk.code) == ("3", "rabot-blaisantvest")
    assert Household.objects.get(extern_id="H2").address is None

    header = PERSON_HEADER + ";huishouden_extern_id;rol;lid_sinds"
    mother, child = dt.date(1990, 3, 14), dt.date(2014, 6, 2)
    lines = [
        f"M1;Sarah;Janssens;{mother:%d/%m/%Y};V;{make_insz(mother, 42)};BE;belg;"
        "wondelgemstraat;88;9000;H1;referentiepersoon;01/01/2015",
        f"K1;Lena;Janssens;{child:%d/%m/%Y};V;;BE;belg;;;;H1;kind;",
        f"K2;Noah;Janssens;{child:%d/%m/%Y};M;;BE;belg;;;;H9;kind;",
    ]
    with pytest.raises(ImportRefused) as refused:
        imported("persons", write(tmp_path / "p.csv", header, lines), worker)
    assert [str(e) for e in refused.value.errors] == [
        "regel 4, kolom huishouden_extern_id: huishouden 'H9' is niet gekend; importeer eerst "
        "de huishoudens"
    ]
    imported("persons", write(tmp_path / "p.csv", header, lines[:2]), worker)
    members = {m.person.first_name: m for m in h1.memberships.select_related("person")}
    assert members["Sarah"].start_date == dt.date(2015, 1, 1)
    assert (members["Lena"].role, members["Lena"].start_date) == ("kind", child)
    assert Household.objects.count() == 2  # no one-person households

    moved = [lines[1].replace(";;;;H1", ";Veldstraat;1;9000;H1")]
    with pytest.raises(ImportRefused) as refused:
        imported("persons", write(tmp_path / "p.csv", header, moved), worker)
    assert [str(e) for e in refused.value.errors] == [
        "regel 2, kolom straat: dit adres verschilt van dat van huishouden 'H1'"
    ]


def test_a_household_file_again_renames_through_the_service(tmp_path, worker):
    header = "extern_id;naam;straat;huisnummer;postcode"
    imported(
        "households", write(tmp_path / "h.csv", header, ["H1;Gezin A;Veldstraat;1;9000"]), worker
    )
    again = imported(
        "households", write(tmp_path / "h.csv", header, ["H1;Gezin B;Veldstraat;1;9000"]), worker
    )
    assert (again.created, again.updated) == (0, 1)
    assert Household.objects.get(extern_id="H1").name == "Gezin B"
    assert Address.objects.count() == 1


def test_incomes_match_on_person_year_and_kind(tmp_path, worker):
    imported("persons", write(tmp_path / "p.csv", PERSON_HEADER, person_lines(1)), worker)
    header = "persoon_extern_id;jaar;soort;bruto_belastbaar;netto;bron"
    lines = ["P1;2022;beroepsinkomen;1.214,13;1214.13;aanslagbiljet", "P1;2022;pensioen;0;0;"]
    assert imported("incomes", write(tmp_path / "i.csv", header, lines), worker).created == 2
    income = Income.objects.get(category="beroepsinkomen")
    assert (income.amount_gross_taxable, income.amount_net) == (Decimal("1214.13"),) * 2
    assert (income.per, income.start_date, income.end_date) == (
        "jaar",
        dt.date(2022, 1, 1),
        dt.date(2022, 12, 31),
    )
    lines[0] = "P1;2022;beroepsinkomen;1214,13;1000;aanslagbiljet"
    result = imported("incomes", write(tmp_path / "i.csv", header, lines), worker)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    income.refresh_from_db()
    assert income.amount_net == Decimal(1000)


@pytest.mark.parametrize("amount", ["1,214.13", "1.214"])
def test_ambiguous_income_amounts_are_refused(tmp_path, worker, amount):
    imported("persons", write(tmp_path / "p.csv", PERSON_HEADER, person_lines(1)), worker)
    header = "persoon_extern_id;jaar;soort;bruto_belastbaar;netto"
    path = write(tmp_path / "i.csv", header, [f"P1;2022;pensioen;{amount};0", "P7;2022;ander;0;0"])
    with pytest.raises(ImportRefused) as refused:
        imported("incomes", path, worker)
    assert [str(e) for e in refused.value.errors] == [
        f"regel 2, kolom bruto_belastbaar: '{amount}' is dubbelzinnig (schrijf bv. 1214,13 of "
        "1.214,13)",
        "regel 3, kolom persoon_extern_id: persoon 'P7' is niet gekend; importeer eerst de "
        "personen",
    ]
    assert not Income.objects.exists()


def test_an_analist_may_not_import_persons(tmp_path):
    path = write(tmp_path / "p.csv", PERSON_HEADER, person_lines(1))
    with pytest.raises(AccessDenied):
        imported("persons", path, user(Role.ANALIST, None))


def test_the_command_reports_counts_and_errors(tmp_path, worker, capsys):
    path = write(tmp_path / "p.csv", PERSON_HEADER, person_lines(2))
    call_command("import", "persons", str(path), user=worker.username)
    assert "2 nieuw, 0 gewijzigd, 0 ongewijzigd" in capsys.readouterr().out
    bad = write(tmp_path / "bad.csv", PERSON_HEADER, [person_lines(3)[2].replace("1980", "80")])
    with pytest.raises(CommandError, match="Niets geïmporteerd: 1 fout"):
        call_command("import", "persons", str(bad), user=worker.username)
    assert "regel 2, kolom geboortedatum" in capsys.readouterr().err
