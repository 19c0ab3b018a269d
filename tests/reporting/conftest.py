"""A tiny hand-made world for reporting tests: rows written directly, every value chosen
so that each figure can be computed by hand."""

import datetime as dt
import itertools
from decimal import Decimal

import pytest

from welzijn.casework.models import Contact, Decision, Dossier, Intervention, Office, Trajectory
from welzijn.catalog.models import Outcome, Service
from welzijn.core.insz import make_insz
from welzijn.outputs.models import MonthlyOutput, OutputKind
from welzijn.registry.models import Address, Household, HouseholdMembership, Person, Postcode, Wijk

_n = itertools.count(1)
D = dt.date


class World:
    """Helpers to write a few persons, households and records."""

    def __init__(self) -> None:
        self.office = Office.objects.get(code="wb-brugse-poort")
        self.wijk = Wijk.objects.get(code="brugse-poort-rooigem")
        self.postcode = Postcode.objects.get(code="9000")

    def person(self, born=None, *, first="Voornaam", last="Achternaam", **kw) -> Person:
        born = born or D(1985, 7, 30)
        n = next(_n)
        sex = kw.pop("sex", "M")
        return Person.objects.create(
            first_name=f"{first}{n}",
            last_name=f"{last}{n}",
            birth_date=born,
            sex=sex,
            nationality="BE",
            residence_status=kw.pop("residence_status", "belg"),
            insz=make_insz(born, 2 * (n % 490) + 3),
            search_name=f"{first}{n} {last}{n}".lower(),
            **kw,
        )

    def household(self, *members: Person, wijk: Wijk | None = None, street="Teststraat"):
        address = Address.objects.create(
            street=street, number=str(next(_n)), postcode=self.postcode, wijk=wijk or self.wijk
        )
        hh = Household.objects.create(name=f"Gezin {next(_n)}", address=address)
        for i, m in enumerate(members):
            HouseholdMembership.objects.create(
                household=hh,
                person=m,
                role="referentiepersoon" if i == 0 else "kind",
                start_date=D(2015, 1, 1),
            )
        return hh

    def dossier(self, hh: Household, office: Office | None = None) -> Dossier:
        return Dossier.objects.create(
            household=hh, office=office or self.office, opened_on=D(2020, 1, 1)
        )

    def intervention(self, dossier, service: str, date: dt.date, person=None, quantity=1):
        return Intervention.objects.create(
            dossier=dossier,
            person=person,
            service=Service.objects.get(code=service),
            date=date,
            amount=Decimal("10.00"),
            quantity=Decimal(quantity),
        )

    def trajectory(self, dossier, service: str, start, end=None, person=None, outcome=None):
        return Trajectory.objects.create(
            dossier=dossier,
            person=person,
            service=Service.objects.get(code=service),
            status="afgerond" if end else "lopend",
            start_date=start,
            end_date=end,
            outcome=Outcome.objects.get(applies_to="trajectory", code=outcome) if outcome else None,
        )

    def contact(self, person, date, outcome="geen-vervolgtraject"):
        return Contact.objects.create(
            office=self.office,
            occurred_on=date,
            channel="balie",
            person=person,
            reason="vraag",
            outcome=Outcome.objects.get(applies_to="contact", code=outcome),
        )

    def decision(self, dossier, held: dt.date | None):
        return Decision.objects.create(
            dossier=dossier,
            service=Service.objects.get(code="leefloon"),
            outcome="weigering",
            motivation="motivering",
            decided_on=D(2022, 11, 1),
            hearing_requested_on=held and D(2022, 12, 1),
            hearing_held_on=held,
        )

    def output(self, service: str, unit: str, month: dt.date, quantity, *, stock=False):
        """A team's monthly figure (outputs), of a kind made on first use."""
        kind, _ = OutputKind.objects.get_or_create(
            service=Service.objects.get(code=service),
            unit=unit,
            defaults={"office": Office.objects.get(code="team-gelijke-kansen"), "stock": stock},
        )
        return MonthlyOutput.objects.create(
            kind=kind, month=month, quantity=Decimal(str(quantity)), source="test"
        )

    def client(self, *members: Person, wijk=None, office=None, street="Teststraat"):
        """A client household: a maatschappelijke-begeleiding trajectory running in 2023."""
        hh = self.household(*members, wijk=wijk, street=street)
        d = self.dossier(hh, office)
        self.trajectory(d, "maatschappelijke-begeleiding", D(2022, 6, 1))
        return hh, d


@pytest.fixture
def world(db) -> World:
    return World()
