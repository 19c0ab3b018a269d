"""Monthly figures: the form, corrections and cancellations, the import (all or nothing,
each bad line and field named), and who may register what."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from factories import user

from welzijn.core.access import AccessDenied
from welzijn.core.models import AuditEvent
from welzijn.core.roles import Role
from welzijn.outputs import services as outputs
from welzijn.outputs.models import ExternalFigure, MonthlyOutput, OutputKind
from welzijn.outputs.table import parse_rows, read_cells

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def dbse():
    return user(Role.MAANDCIJFERS, "team-dbse")


def kind(service="sociale-restaurants", unit="maaltijden"):
    return OutputKind.objects.get(service__code=service, unit=unit)


def test_the_team_registers_a_month_through_the_form(client, dbse):
    client.force_login(dbse)
    meals = kind()
    response = client.post(
        "/maandcijfers/nieuw/",
        {"kind": meals.pk, "month": "03/2023", "quantity": "8312", "source": "kassa"},
    )
    assert response.status_code == 302
    output = MonthlyOutput.objects.get()
    assert (output.month, output.quantity, output.registered_by) == (D(2023, 3, 1), 8312, dbse)
    assert AuditEvent.objects.filter(action="create", object_id=str(output.pk)).exists()
    page = client.get(response["Location"]).content.decode()
    assert "8.312" in page and "maart 2023" in page


def test_the_form_refuses_a_second_figure_for_the_month_and_bad_input(client, dbse):
    client.force_login(dbse)
    meals = kind()
    outputs.output_register(actor=dbse, kind=meals, month=D(2023, 3, 1), quantity=10, source="k")
    for data, field_text in (
        ({"month": "03/2023", "quantity": "5"}, "al een cijfer"),
        ({"month": "13/2023", "quantity": "5"}, "van 1 tot 12"),
        ({"month": "04/2023", "quantity": "5,5"}, "gehele getallen"),
        ({"month": f"{dt.date.today().year + 1}-01", "quantity": "5"}, "toekomst"),
    ):
        response = client.post(
            "/maandcijfers/nieuw/", {"kind": meals.pk, "source": "kassa", **data}
        )
        assert response.status_code == 400 and field_text in response.content.decode(), data
    assert MonthlyOutput.objects.count() == 1


def test_tons_take_decimals(dbse):
    litter = kind("dbse-zwerfvuil", "ton")
    out = outputs.output_register(
        actor=dbse, kind=litter, month=D(2023, 5, 1), quantity=Decimal("23.65"), source="weegbon"
    )
    assert out.quantity == Decimal("23.65")


def test_a_correction_and_a_cancellation_are_audited_and_the_figure_follows(dbse):
    meals = kind()
    out = outputs.output_register(
        actor=dbse, kind=meals, month=D(2023, 1, 1), quantity=100, source="kassa"
    )
    outputs.output_correct(actor=dbse, output_id=out.pk, reason="telfout", quantity=Decimal(120))
    event = AuditEvent.objects.filter(action="update", object_id=str(out.pk)).last()
    assert event.reason == "telfout"
    assert event.detail["before"] == {"quantity": "100.00"}
    assert event.detail["after"] == {"quantity": "120"}
    with pytest.raises(ValidationError):
        outputs.output_correct(actor=dbse, output_id=out.pk, reason=" ", quantity=Decimal(1))
    outputs.output_cancel(actor=dbse, output_id=out.pk, reason="dubbel")
    assert not MonthlyOutput.objects.valid().exists()
    # the month is free again once the wrong figure is cancelled
    outputs.output_register(actor=dbse, kind=meals, month=D(2023, 1, 1), quantity=90, source="k")


def test_access_per_role_and_team(client, dbse):
    other_team = user(Role.MAANDCIJFERS, "team-gelijke-kansen")
    analist = user(Role.ANALIST, None)
    caseworker = user(Role.MAATSCHAPPELIJK_WERKER)
    meals = kind()
    for actor in (other_team, analist, caseworker):
        with pytest.raises(AccessDenied):
            outputs.output_register(
                actor=actor, kind=meals, month=D(2023, 1, 1), quantity=1, source="x"
            )
    out = outputs.output_register(
        actor=dbse, kind=meals, month=D(2023, 2, 1), quantity=1, source="x"
    )
    with pytest.raises(AccessDenied):
        outputs.output_cancel(actor=other_team, output_id=out.pk, reason="niet van ons")
    with pytest.raises(AccessDenied):
        outputs.external_figure_register(
            actor=dbse, key="armoede", year=2023, value=Decimal(14), source="x",
            source_date=D(2024, 1, 1),
        )  # fmt: skip
    client.force_login(other_team)
    assert client.get(f"/maandcijfers/soort/{meals.pk}/").status_code == 404
    assert client.get(f"/maandcijfers/{out.pk}/corrigeren/").status_code == 404
    assert AuditEvent.objects.filter(action="refused").count() == 2
    client.force_login(analist)
    assert client.get("/maandcijfers/").status_code == 404
    assert client.get("/maandcijfers/extern/").status_code == 200


def test_the_analist_registers_an_external_figure_with_its_source(client):
    analist = user(Role.ANALIST, None)
    client.force_login(analist)
    response = client.post(
        "/maandcijfers/extern/",
        {"key": "haatmisdrijven", "year": "2023", "value": "86", "source": "Politie Gent",
         "source_date": "01/03/2024"},
    )  # fmt: skip
    assert response.status_code == 302
    figure = ExternalFigure.objects.get()
    assert (figure.value, figure.source, figure.registered_by) == (86, "Politie Gent", analist)
    again = client.post(
        "/maandcijfers/extern/",
        {"key": "haatmisdrijven", "year": "2023", "value": "80", "source": "Politie",
         "source_date": "01/03/2024"},
    )  # fmt: skip
    assert again.status_code == 400 and "al geregistreerd" in again.content.decode()


CSV = (
    "dienst;eenheid;maand;aantal;bron;opmerking\n"
    "sociale-restaurants;maaltijden;01/2023;8100;kassa;\n"
    "sociale-restaurants;maaltijden;02/2023;7950;kassa;krokusvakantie\n"
    "dbse-zwerfvuil;ton;2023-02;23,5;weegbonnen;\n"
)


def _rows(text, actor, name="cijfers.csv"):
    from welzijn.outputs.access import kinds_visible_to

    return parse_rows(read_cells(text.encode(), name), kinds_visible_to(actor))


def test_an_import_writes_every_line_and_one_load_event(dbse):
    written = outputs.outputs_import(actor=dbse, rows=_rows(CSV, dbse), filename="cijfers.csv")
    assert len(written) == 3
    assert MonthlyOutput.objects.filter(kind=kind()).count() == 2
    assert MonthlyOutput.objects.get(kind__unit="ton").quantity == Decimal("23.5")
    assert AuditEvent.objects.filter(action="load", detail__rows=3).exists()


def test_a_bad_line_names_its_line_and_field_and_nothing_is_written(client, dbse):
    bad = CSV.replace("02/2023;7950", "02/2023;veel") + "taxicheques;taxicheques;03/2023;5;x;\n"
    with pytest.raises(ValidationError) as refused:
        _rows(bad, dbse)
    messages = refused.value.message_dict["file"]
    assert "Regel 3, veld ‘aantal’" in messages[0]
    assert messages[1].startswith("Regel 5, veld ‘dienst’")  # another team's service
    # a line the service refuses (a month already registered) rolls the whole file back
    outputs.output_register(actor=dbse, kind=kind(), month=D(2023, 2, 1), quantity=1, source="k")
    with pytest.raises(ValidationError) as refused:
        outputs.outputs_import(actor=dbse, rows=_rows(CSV, dbse), filename="cijfers.csv")
    assert "Regel 3, veld ‘maand’" in refused.value.message_dict["file"][0]
    assert MonthlyOutput.objects.count() == 1
    assert not AuditEvent.objects.filter(action="load").exists()
    client.force_login(dbse)
    upload = SimpleUploadedFile("cijfers.csv", bad.encode(), content_type="text/csv")
    page = client.post("/maandcijfers/importeren/", {"file": upload})
    assert page.status_code == 400 and "Regel 3, veld ‘aantal’" in page.content.decode()
    assert MonthlyOutput.objects.count() == 1


def test_an_xlsx_import(client, dbse):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["dienst", "eenheid", "maand", "aantal", "bron"])
    ws.append(["foodsavers", "ton", D(2023, 6, 15), 61.25, "weegbonnen"])
    ws.append(["dbse-zwerfvuil", "ton", "06/2023", 1.5, "weegbonnen"])  # a number cell
    buf = io.BytesIO()
    wb.save(buf)
    client.force_login(dbse)
    upload = SimpleUploadedFile("cijfers.xlsx", buf.getvalue())
    assert client.post("/maandcijfers/importeren/", {"file": upload}).status_code == 302
    saved = MonthlyOutput.objects.get(kind__service__code="foodsavers")
    assert (saved.month, saved.quantity) == (D(2023, 6, 1), Decimal("61.25"))
    assert MonthlyOutput.objects.get(kind__service__code="dbse-zwerfvuil").quantity == Decimal(
        "1.5"
    )
