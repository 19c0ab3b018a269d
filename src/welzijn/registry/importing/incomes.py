"""Incomes file: persoon_extern_id;jaar;soort;bruto_belastbaar;netto;bron[;bewijs].

A legacy system knows a person's income per calendar year: each line becomes an income
period of that year (1 January to 31 December, amounts per jaar). One per person, year and
soort (beroepsinkomen, vervangingsinkomen, pensioen, ander): a known one is matched on
those three and its amounts updated. `bron` is one of the sources (attest, ksz,
aanslagbiljet, loonfiche, eigen verklaring); anything else is kept as the proof, with
source 'ander'."""

import datetime as dt

from welzijn.core.access import Intent
from welzijn.registry.access import access_person
from welzijn.registry.importing.cells import CellError, amount_or_none, choice, year
from welzijn.registry.importing.reading import Row
from welzijn.registry.importing.runner import ImportKind, Planned, RowInvalid, register
from welzijn.registry.models import EvidenceSource, Income, Person
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
        "bewijs": False,
    }
    field_columns = {
        "person": "persoon_extern_id",
        "start_date": "jaar",
        "end_date": "jaar",
        "category": "soort",
        "amount_gross_taxable": "bruto_belastbaar",
        "amount_net": "netto",
        "source": "bron",
        "proof": "bewijs",
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
            (i.person_id, i.start_date, i.category): i
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
        start = dt.date(values["jaar"], 1, 1) if values["jaar"] else None
        source, proof = _source_and_proof(row.get("bron"), row.get("bewijs"))
        income = Income(
            person_id=person_id,
            category=values["soort"] or "",
            amount_gross_taxable=values["bruto_belastbaar"],
            amount_net=values["netto"],
            per=Income.Per.YEAR,
            start_date=start,
            end_date=start.replace(month=12, day=31) if start else None,
            source=source,
            proof=proof,
        )
        current = self.existing.get((person_id, income.start_date, income.category))
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


def _source_and_proof(source: str, proof: str) -> tuple[str, str]:
    try:
        return choice(source, EvidenceSource.choices) or EvidenceSource.ANDER, proof
    except CellError:
        return EvidenceSource.ANDER, " ".join(filter(None, [source, proof]))
