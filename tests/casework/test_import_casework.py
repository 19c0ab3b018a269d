"""Import from a legacy system: dossiers and interventions referencing extern_ids."""

import datetime as dt
from decimal import Decimal

import pytest
from factories import user

from welzijn.casework.models import Dossier, Intervention
from welzijn.core.insz import make_insz
from welzijn.core.models import AuditEvent
from welzijn.core.roles import Role
from welzijn.registry.importing import import_kinds
from welzijn.registry.importing.runner import ImportRefused, run_import

pytestmark = pytest.mark.django_db

BORN = dt.date(1990, 3, 14)


def write(path, header, lines):
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return path


def imported(kind, path, actor, **kwargs):
    return run_import(import_kinds()[kind], path, actor=actor, **kwargs)


@pytest.fixture
def worker(tmp_path):
    """A caseworker of Brugse Poort, with household H1 and its member P1 imported."""
    worker = user(Role.MAATSCHAPPELIJK_WERKER)
    imported(
        "households",
        write(
            tmp_path / "h.csv", "extern_id;naam;straat;huisnummer;postcode", ["H1;Gezin;Ham;5;9000"]
        ),
        worker,
    )
    header = (
        "extern_id;voornaam;achternaam;geboortedatum;geslacht;insz;nationaliteit;"
        "verblijfsstatus;straat;huisnummer;postcode;huishouden_extern_id;rol;lid_sinds"
    )
    line = (
        f"P1;Sarah;Peeters;{BORN:%d/%m/%Y};V;{make_insz(BORN, 42)};BE;belg;;;;H1;"
        "referentiepersoon;01/01/2015"
    )
    imported("persons", write(tmp_path / "p.csv", header, [line]), worker)
    return worker


DOSSIER_HEADER = "extern_id;huishouden_extern_id;bureau;geopend_op;status;gesloten_op"
INTERVENTION_HEADER = (
    "extern_id;dossier_extern_id;dienst;datum;bedrag;hoeveelheid;persoon_extern_id"
)


def test_dossiers_reference_households_and_offices(tmp_path, worker):
    lines = [
        "D1;H1;wb-brugse-poort;02/01/2021;gesloten;30/06/2022",
        "D2;H1;wb-brugse-poort;01/09/2022;open;",
    ]
    result = imported("dossiers", write(tmp_path / "d.csv", DOSSIER_HEADER, lines), worker)
    assert result.created == 2
    closed = Dossier.objects.get(extern_id="D1")
    assert (closed.status, closed.closed_on) == ("gesloten", dt.date(2022, 6, 30))
    assert closed.close_reason == "afgesloten in het vorige systeem"
    again = imported("dossiers", write(tmp_path / "d.csv", DOSSIER_HEADER, lines), worker)
    assert (again.created, again.unchanged) == (0, 2)
    # Closing the open one in a later export goes through dossier_transition.
    lines[1] = "D2;H1;wb-brugse-poort;01/09/2022;gesloten;31/12/2023"
    assert (
        imported("dossiers", write(tmp_path / "d.csv", DOSSIER_HEADER, lines), worker).updated == 1
    )
    assert (
        AuditEvent.objects.filter(action="transition", object_type="casework.dossier").count() == 1
    )


def test_dossier_errors_name_line_and_column(tmp_path, worker):
    lines = [
        "D1;H1;wb-rabot;02/01/2021;;",  # another office than the worker's
        "D2;H1;wb-brugse-poort;02/01/2021;open;",
        "D3;H1;wb-brugse-poort;03/01/2021;open;",  # a second open dossier there
        "D4;H8;wb-brugse-poort;03/01/2021;;",
        "D5;H1;wb-nergens;03/01/2021;;",
        "D6;H1;team-energiecel;05/05/2021;gesloten;01/01/2021",
    ]
    with pytest.raises(ImportRefused) as refused:
        imported("dossiers", write(tmp_path / "d.csv", DOSSIER_HEADER, lines), worker)
    messages = [str(e) for e in refused.value.errors]
    assert messages[0] == "regel 2, kolom bureau: U werkt niet voor dit welzijnsbureau of team."
    assert messages[1].startswith(
        "regel 4, kolom huishouden_extern_id: 'H1 (open bij wb-brugse-poort)' staat ook op regel 3"
    )
    assert messages[2] == (
        "regel 5, kolom huishouden_extern_id: 'H8' is niet gekend; importeer eerst de huishoudens"
    )
    assert messages[3] == "regel 6, kolom bureau: onbekend welzijnsbureau of team 'wb-nergens'"
    assert messages[4].startswith("regel 7, kolom bureau: U werkt niet")
    assert not Dossier.objects.exists()


def test_interventions_with_belgian_amounts(tmp_path, worker):
    imported(
        "dossiers",
        write(tmp_path / "d.csv", DOSSIER_HEADER, ["D1;H1;wb-brugse-poort;02/01/2021;;"]),
        worker,
    )
    lines = [
        "I1;D1;leefloon;01/02/2021;1214,13;;P1",
        "I2;D1;leefloon;01/03/2021;1.214,13;;P1",
        "I3;D1;leefloon;01/04/2021;1214.13;;",
    ]
    path = write(tmp_path / "i.csv", INTERVENTION_HEADER, lines)
    assert imported("interventions", path, worker).created == 3
    assert set(Intervention.objects.values_list("amount", flat=True)) == {Decimal("1214.13")}
    assert Intervention.objects.get(extern_id="I1").person.extern_id == "P1"
    again = imported("interventions", path, worker)
    assert (again.created, again.unchanged) == (0, 3)
    lines[2] = "I3;D1;leefloon;01/04/2021;1300;;"
    result = imported(
        "interventions", write(tmp_path / "i.csv", INTERVENTION_HEADER, lines), worker
    )
    assert result.updated == 1
    assert Intervention.objects.get(extern_id="I3").amount == Decimal(1300)


def test_intervention_errors_name_line_and_column(tmp_path, worker):
    imported(
        "dossiers",
        write(
            tmp_path / "d.csv",
            DOSSIER_HEADER,
            ["D1;H1;wb-brugse-poort;02/01/2021;gesloten;31/12/2021"],
        ),
        worker,
    )
    lines = [
        "I1;D1;leefloon;01/02/2021;1,214.13;;",
        "I2;D1;leefloon;01/03/2021;1.214;;",
        "I3;D1;leefloon;01/03/2022;100;;",  # after the dossier was closed
        "I4;D1;onbestaand;01/03/2021;100;;",
        "I5;D1;leefloon;01/03/2021;;;",
        "I6;D1;leefloon;01/03/2014;100;;P1",  # not yet a member then (and before the dossier)
        "I7;D9;leefloon;01/03/2021;100;;",
    ]
    with pytest.raises(ImportRefused) as refused:
        imported("interventions", write(tmp_path / "i.csv", INTERVENTION_HEADER, lines), worker)
    messages = [str(e) for e in refused.value.errors]
    assert (
        "regel 2, kolom bedrag: '1,214.13' is dubbelzinnig (schrijf bv. 1214,13 of 1.214,13)"
        in messages
    )
    assert (
        "regel 3, kolom bedrag: '1.214' is dubbelzinnig (schrijf bv. 1214,13 of 1.214,13)"
        in messages
    )
    assert "regel 4, kolom datum: 01/03/2022 valt buiten de looptijd van het dossier" in messages
    assert "regel 5, kolom dienst: Onbekende dienst 'onbestaand'." in messages
    assert "regel 6: Geef een bedrag, een hoeveelheid of beide." in messages
    assert any(
        m.startswith("regel 7, kolom persoon_extern_id: Sarah Peeters is op 01/03/2014 geen lid")
        for m in messages
    )
    assert (
        "regel 8, kolom dossier_extern_id: 'D9' is niet gekend; importeer eerst de dossiers"
        in messages
    )
    assert not Intervention.objects.exists()


def test_an_amount_above_the_ceiling_needs_bevestigd_ja(tmp_path, worker):
    imported(
        "dossiers",
        write(tmp_path / "d.csv", DOSSIER_HEADER, ["D1;H1;wb-brugse-poort;02/01/2021;;"]),
        worker,
    )
    header = INTERVENTION_HEADER + ";bevestigd"
    lines = ["I1;D1;huurwaarborg;01/02/2021;1200;;;", "I2;D1;huurwaarborg;01/03/2021;12.000,00;;;"]
    with pytest.raises(ImportRefused) as refused:
        imported("interventions", write(tmp_path / "i.csv", header, lines), worker)
    assert [str(e) for e in refused.value.errors] == [
        "regel 3, kolom bedrag: € 12.000,00 is meer dan het plausibele maximum van € 3.000,00 "
        "voor Huurwaarborg; klopt dit? Zet dan ja in de kolom bevestigd."
    ]
    assert not Intervention.objects.exists()
    lines[1] = "I2;D1;huurwaarborg;01/03/2021;12.000,00;;;Ja"
    path = write(tmp_path / "i.csv", header, lines)
    assert imported("interventions", path, worker).created == 2
    assert Intervention.objects.get(extern_id="I2").amount == Decimal(12000)
    # The same file again, or without the confirmation: a known amount is not asked again.
    lines[1] = "I2;D1;huurwaarborg;01/03/2021;12.000,00;;;"
    again = imported("interventions", write(tmp_path / "i.csv", header, lines), worker)
    assert (again.created, again.unchanged) == (0, 2)
    # A corrected amount above the ceiling is asked again.
    lines[0] = "I1;D1;huurwaarborg;01/02/2021;4500;;;misschien"
    with pytest.raises(ImportRefused) as refused:
        imported("interventions", write(tmp_path / "i.csv", header, lines), worker)
    assert [f"{e.line} {e.column}" for e in refused.value.errors] == ["2 bedrag", "2 bevestigd"]
    assert str(refused.value.errors[1]) == (
        "regel 2, kolom bevestigd: 'misschien' is geen geldige waarde; kies uit: ja, nee"
    )
    lines[0] = "I1;D1;huurwaarborg;01/02/2021;4500;;;ja"
    result = imported("interventions", write(tmp_path / "i.csv", header, lines), worker)
    assert result.updated == 1
    assert Intervention.objects.get(extern_id="I1").amount == Decimal(4500)
