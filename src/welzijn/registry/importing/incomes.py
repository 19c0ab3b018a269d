"""Incomes file: persoon_extern_id;jaar;soort;bruto_belastbaar;netto;bron.

One income per person, year and soort (beroepsinkomen, vervangingsinkomen, pensioen,
ander): a known one is matched on those three and its amounts updated."""

from welzijn.core.access import Intent
from welzijn.registry.access import access_person
from welzijn.registry.importing.cells import amount_or_none, choice, year
from welzijn.registry.importing.reading import Row
from welzijn.registry.importing.runner import ImportKind, Planned, RowInvalid, register
from welzijn.registry.models import Income, Person
from welzijn.registry.services import INCOME_FIELDS, income_update


@register
class IncomeImport(ImportKind):
    name = "incomes"
    label = "inkomens"
    model = Income
    columns = {
        "persoon_extern_id": True,
        "jaar": True,
        "soort": True,
        "bruto_belastbaar": True,
        "netto": True,
        "bron": False,
    }
    field_columns = {
        "person": "persoon_extern_id",
        "year": "jaar",
        "category": "soort",
        "gross_taxable": "bruto_belastbaar",
        "net": "netto",
        "source": "bron",
    }

    def check_access(self) -> None:
        access_person(self.actor, Person(), Intent.EDIT)

    def prepare(self, rows: list[Row]) -> None:
        self.persons = dict(
            Person.objects.filter(
                extern_id__in={row.get("persoon_extern_id") for row in rows}
            ).values_list("extern_id", "pk")
        )
        self.existing = {
            (i.person_id, i.year, i.category): i
            for i in Income.objects.filter(person_id__in=self.persons.values())
        }

    def plan_row(self, row: Row) -> Planned:
        reference = row.get("persoon_extern_id")
        person_id = self.persons.get(reference)
        if person_id is None:
            raise RowInvalid(
                [
                    (
                        "persoon_extern_id",
                        f"persoon '{reference}' is niet gekend; importeer eerst de personen",
                    )
                ]
            )
        values, problems = self.cells(
            row,
            {
                "jaar": year,
                "soort": lambda text: choice(text, Income.Category.choices),
                "bruto_belastbaar": amount_or_none,
                "netto": amount_or_none,
            },
        )
        self.once(row, "soort", f"{reference}/{row.get('jaar')}/{values['soort']}")
        income = Income(
            person_id=person_id,
            year=values["jaar"],
            category=values["soort"] or "",
            gross_taxable=values["bruto_belastbaar"],
            net=values["netto"],
            source=row.get("bron"),
        )
        current = self.existing.get((person_id, income.year, income.category))
        if current is not None:
            self.as_update_of(income, current)
        self.validate(income, problems)
        if current is None:
            return Planned("created", create=income)
        changes = {
            field: getattr(income, field)
            for field in INCOME_FIELDS
            if getattr(income, field) != getattr(current, field)
        }
        if not changes:
            return Planned("unchanged")
        return Planned(
            "updated",
            update=lambda: income_update(
                actor=self.actor, income_id=current.pk, reason="import", **changes
            ),
        )
