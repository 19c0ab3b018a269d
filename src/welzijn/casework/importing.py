"""Import kinds of casework (see welzijn.registry.importing): dossiers and interventions.

Dossiers file: extern_id;huishouden_extern_id;bureau;geopend_op;status;gesloten_op;
reden_afsluiten. Interventions file: extern_id;dossier_extern_id;dienst;datum;bedrag;
hoeveelheid;persoon_extern_id;bevestigd.

Unlike in the workplace, interventions may be imported into a closed dossier (history from
the legacy system), as long as their date lies within the dossier's open period. An amount
above the service's plausible maximum is an error on its line unless the line says
bevestigd = ja: the same question the workplace asks with a checkbox.
"""

from django.core.exceptions import ValidationError

from welzijn.casework.access import access_dossier, access_office
from welzijn.casework.amounts import require_plausible_amount
from welzijn.casework.models import Dossier, Intervention, Office
from welzijn.casework.services import (
    dossier_transition,
    intervention_correct,
    require_member,
    service_of_kind,
)
from welzijn.catalog.models import ServiceKind
from welzijn.core.access import AccessDenied, Intent
from welzijn.registry.importing.cells import (
    CellError,
    amount_or_none,
    choice,
    date_or_none,
    decimal_or_none,
    yes_or_no,
)
from welzijn.registry.importing.reading import Row
from welzijn.registry.importing.runner import ImportKind, Planned, RowInvalid, register
from welzijn.registry.models import Household, Person

FIXED = "kan via een import niet gewijzigd worden (nu: {})"
CLOSED_ELSEWHERE = "afgesloten in het vorige systeem"


def _missing(what: str, reference: str, first: str) -> RowInvalid:
    return RowInvalid(
        [(f"{what}_extern_id", f"'{reference}' is niet gekend; importeer eerst {first}")]
    )


@register
class DossierImport(ImportKind):
    name = "dossiers"
    label = "dossiers"
    model = Dossier
    columns = {
        "extern_id": True,
        "huishouden_extern_id": True,
        "bureau": True,
        "geopend_op": True,
        "status": False,
        "gesloten_op": False,
        "reden_afsluiten": False,
    }
    field_columns = {
        "household": "huishouden_extern_id",
        "office": "bureau",
        "opened_on": "geopend_op",
        "closed_on": "gesloten_op",
        "close_reason": "reden_afsluiten",
    }

    def prepare(self, rows: list[Row]) -> None:
        self.offices = {office.code: office for office in Office.objects.all()}
        self.households = dict(
            Household.objects.filter(
                extern_id__in={row.get("huishouden_extern_id") for row in rows}
            ).values_list("extern_id", "pk")
        )
        self.existing = {
            d.extern_id: d
            for d in Dossier.objects.filter(extern_id__in=[row.get("extern_id") for row in rows])
        }

    def plan_row(self, row: Row) -> Planned:
        extern_id = row.get("extern_id")
        if not extern_id:
            raise RowInvalid([("extern_id", "verplicht")])
        self.once(row, "extern_id", extern_id)
        household_id = self.households.get(row.get("huishouden_extern_id"))
        if household_id is None:
            raise _missing("huishouden", row.get("huishouden_extern_id"), "de huishoudens")
        office = self.offices.get(row.get("bureau"))
        if office is None:
            raise RowInvalid([("bureau", f"onbekend welzijnsbureau of team '{row.get('bureau')}'")])
        try:
            access_office(self.actor, office)
        except AccessDenied as exc:
            raise RowInvalid([("bureau", str(exc))]) from None
        values, problems = self.cells(
            row,
            {
                "geopend_op": date_or_none,
                "gesloten_op": date_or_none,
                "status": lambda text: choice(text, Dossier.Status.choices),
            },
        )
        closed_on = values["gesloten_op"]
        status = values["status"] or (Dossier.Status.CLOSED if closed_on else Dossier.Status.OPEN)
        reason = row.get("reden_afsluiten") or (CLOSED_ELSEWHERE if closed_on else "")
        dossier = Dossier(
            household_id=household_id,
            office=office,
            opened_on=values["geopend_op"],
            status=status,
            closed_on=closed_on,
            close_reason=reason,
            extern_id=extern_id,
        )
        if status == Dossier.Status.OPEN:
            self.once(
                row,
                "huishouden_extern_id",
                f"{row.get('huishouden_extern_id')} (open bij {office.code})",
            )
        current = self.existing.get(extern_id)
        if current is None:
            self.validate(dossier, problems)
            return Planned("created", create=dossier)
        for field, column in (
            ("household_id", "huishouden_extern_id"),
            ("office_id", "bureau"),
            ("opened_on", "geopend_op"),
        ):
            if getattr(current, field) != getattr(dossier, field):
                problems.append((column, FIXED.format(getattr(current, field))))
        if (
            current.status == dossier.status == Dossier.Status.CLOSED
            and current.closed_on != closed_on
        ):
            problems.append(("gesloten_op", FIXED.format(f"{current.closed_on:%d/%m/%Y}")))
        self.as_update_of(dossier, current)
        self.validate(dossier, problems)
        if current.status == dossier.status:
            return Planned("unchanged")
        return Planned(
            "updated",
            update=lambda: dossier_transition(
                actor=self.actor,
                dossier_id=current.pk,
                to=status,
                on=closed_on or current.opened_on,
                reason=reason or "heropend in het vorige systeem",
            ),
        )


@register
class InterventionImport(ImportKind):
    name = "interventions"
    label = "tussenkomsten"
    model = Intervention
    columns = {
        "extern_id": True,
        "dossier_extern_id": True,
        "dienst": True,
        "datum": True,
        "bedrag": False,
        "hoeveelheid": False,
        "persoon_extern_id": False,
        "bevestigd": False,
    }
    field_columns = {
        "dossier": "dossier_extern_id",
        "service": "dienst",
        "date": "datum",
        "amount": "bedrag",
        "quantity": "hoeveelheid",
        "person": "persoon_extern_id",
    }

    def prepare(self, rows: list[Row]) -> None:
        self.dossiers = {
            d.extern_id: d
            for d in Dossier.objects.filter(
                extern_id__in={row.get("dossier_extern_id") for row in rows}
            ).select_related("household")
        }
        self.persons = {
            p.extern_id: p
            for p in Person.objects.filter(
                extern_id__in={row.get("persoon_extern_id") for row in rows} - {""}
            )
        }
        self.existing = {
            i.extern_id: i
            for i in Intervention.objects.filter(
                extern_id__in=[row.get("extern_id") for row in rows]
            )
        }
        self.services: dict = {}

    def plan_row(self, row: Row) -> Planned:
        extern_id = row.get("extern_id")
        if not extern_id:
            raise RowInvalid([("extern_id", "verplicht")])
        self.once(row, "extern_id", extern_id)
        dossier = self.dossiers.get(row.get("dossier_extern_id"))
        if dossier is None:
            raise _missing("dossier", row.get("dossier_extern_id"), "de dossiers")
        try:
            access_dossier(self.actor, dossier, Intent.EDIT)
        except AccessDenied as exc:
            raise RowInvalid([("dossier_extern_id", str(exc))]) from None
        person = None
        if row.get("persoon_extern_id"):
            person = self.persons.get(row.get("persoon_extern_id"))
            if person is None:
                raise _missing("persoon", row.get("persoon_extern_id"), "de personen")
        values, problems = self.cells(
            row,
            {
                "datum": date_or_none,
                "bedrag": amount_or_none,
                "hoeveelheid": decimal_or_none,
                "dienst": self._service,
                "bevestigd": yes_or_no,
            },
        )
        date, service = values["datum"], values["dienst"]
        if date and not (dossier.opened_on <= date <= (dossier.closed_on or date)):
            problems.append(("datum", f"{date:%d/%m/%Y} valt buiten de looptijd van het dossier"))
        if date:
            try:
                require_member(person, dossier.household, date)
            except ValidationError as exc:
                problems += self.mapped(exc)
        intervention = Intervention(
            dossier=dossier,
            person=person,
            service=service,
            date=date,
            amount=values["bedrag"],
            quantity=values["hoeveelheid"],
            unit=service.unit if service and values["hoeveelheid"] is not None else "",
            extern_id=extern_id,
        )
        current = self.existing.get(extern_id)
        confirmed = bool(values["bevestigd"])
        if service and (current is None or current.amount != intervention.amount):
            problems += self._plausible(service, intervention.amount, confirmed)
        if current is None:
            self.validate(intervention, problems)
            return Planned("created", create=intervention)
        for field, column in (("dossier_id", "dossier_extern_id"), ("service_id", "dienst")):
            if getattr(current, field) != getattr(intervention, field):
                problems.append((column, FIXED.format(getattr(current, field.removesuffix("_id")))))
        self.as_update_of(intervention, current)
        self.validate(intervention, problems)
        changes = {
            field: getattr(intervention, field)
            for field in ("date", "amount", "quantity", "person")
            if getattr(intervention, field) != getattr(current, field)
        }
        if not changes:
            return Planned("unchanged")
        return Planned(
            "updated",
            update=lambda: intervention_correct(
                actor=self.actor,
                intervention_id=current.pk,
                reason="import",
                confirmed_above_ceiling=confirmed,
                **changes,
            ),
        )

    def _plausible(self, service, amount, confirmed: bool) -> list[tuple[str | None, str]]:
        """A new amount above the service's plausible maximum, not confirmed on its line."""
        try:
            require_plausible_amount(service, amount, confirmed=confirmed)
        except ValidationError as exc:
            return [
                (column, f"{message} Zet dan ja in de kolom bevestigd.")
                for column, message in self.mapped(exc)
            ]
        return []

    def _service(self, code: str):
        """The catalogue's intervention service by code (cached per import)."""
        if code not in self.services:
            try:
                self.services[code] = service_of_kind(code, ServiceKind.INTERVENTION)
            except ValidationError as exc:
                raise CellError(" ".join(exc.messages)) from None
        return self.services[code]
