"""Persons file: identity columns, an address and optionally the household.

extern_id;voornaam;achternaam;geboortedatum;geslacht;insz;nationaliteit;verblijfsstatus;
straat;huisnummer;postcode, optional taal;bus;wijk;huishouden_extern_id;rol;lid_sinds.

- With huishouden_extern_id the person joins that (already imported) household with `rol`,
  from `lid_sinds` (default: the birth date, so earlier dossier history fits); address
  columns, when filled, must be the household's address.
- Without it, a filled address gives the person a one-person household "Huishouden
  <achternaam>" at that address, as referentiepersoon.
- For a person already known (same extern_id) the identity fields are updated through
  person_update; a different household or address is refused (a move or a change of
  household is registered in the workplace, with its date).
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Prefetch

from welzijn.core.access import Intent
from welzijn.registry.access import access_person
from welzijn.registry.importing.addresses import (
    ADDRESS_COLUMNS,
    ADDRESS_FIELD_COLUMNS,
    address_kwargs,
    address_of,
    has_address,
    same_address,
)
from welzijn.registry.importing.cells import choice, date_or_none
from welzijn.registry.importing.reading import Row
from welzijn.registry.importing.runner import ImportKind, Planned, RowInvalid, register
from welzijn.registry.models import Address, Household, HouseholdMembership, Person
from welzijn.registry.services import (
    PERSON_FIELDS,
    address_create,
    household_create,
    household_member_add,
    person_build,
    person_update,
)

Role = HouseholdMembership.Role


@dataclass
class NewPerson:
    person: Person
    membership: HouseholdMembership | None


@register
class PersonImport(ImportKind):
    name = "persons"
    label = "personen"
    model = Person
    columns = {
        "extern_id": True,
        "voornaam": True,
        "achternaam": True,
        "geboortedatum": True,
        "geslacht": True,
        "insz": True,
        "nationaliteit": True,
        "verblijfsstatus": True,
        "taal": False,
        **ADDRESS_COLUMNS,
        "huishouden_extern_id": False,
        "rol": False,
        "lid_sinds": False,
    }
    field_columns = {
        "first_name": "voornaam",
        "last_name": "achternaam",
        "birth_date": "geboortedatum",
        "sex": "geslacht",
        "insz": "insz",
        "nationality": "nationaliteit",
        "residence_status": "verblijfsstatus",
        "language": "taal",
        "role": "rol",
        "start_date": "lid_sinds",
        **ADDRESS_FIELD_COLUMNS,
    }

    def check_access(self) -> None:
        access_person(self.actor, Person(), Intent.EDIT)

    def prepare(self, rows: list[Row]) -> None:
        current = Prefetch(
            "memberships",
            queryset=HouseholdMembership.objects.filter(end_date__isnull=True).select_related(
                "household__address"
            ),
            to_attr="open_memberships",
        )
        self.existing = {
            p.extern_id: p
            for p in Person.objects.filter(
                extern_id__in=[row.get("extern_id") for row in rows]
            ).prefetch_related(current)
        }
        self.households = {
            h.extern_id: h
            for h in Household.objects.filter(
                extern_id__in={row.get("huishouden_extern_id") for row in rows} - {""}
            ).select_related("address")
        }

    def plan_row(self, row: Row) -> Planned:
        extern_id = row.get("extern_id")
        if not extern_id:
            raise RowInvalid([("extern_id", "verplicht")])
        self.once(row, "extern_id", extern_id)
        self.once(row, "insz", row.get("insz"))
        values, problems = self.cells(
            row,
            {
                "geboortedatum": date_or_none,
                "geslacht": lambda text: choice(text, Person.Sex.choices),
                "verblijfsstatus": lambda text: choice(text, Person.ResidenceStatus.choices),
                "rol": lambda text: choice(text, Role.choices),
                "lid_sinds": date_or_none,
            },
        )
        person = person_build(
            first_name=row.get("voornaam"),
            last_name=row.get("achternaam"),
            birth_date=values["geboortedatum"],
            sex=values["geslacht"] or "",
            nationality=row.get("nationaliteit"),
            residence_status=values["verblijfsstatus"] or "",
            language=row.get("taal").lower() or "nl",
            insz=row.get("insz"),
            extern_id=extern_id,
        )
        current = self.existing.get(extern_id)
        if current is not None:
            self.as_update_of(person, current)
        household, address, membership = self._household(row, values, problems, person)
        if membership is not None:
            try:
                # No start date when the birth date did not parse: reported there.
                unknown_start = [] if membership.start_date else ["start_date"]
                membership.full_clean(exclude=["household", "person", *unknown_start])
            except ValidationError as exc:
                problems += self.mapped(exc)
        self.validate(person, problems)
        if current is None:
            return Planned("created", create=NewPerson(person, membership))
        return self._update(row, current, person, household, address, membership)

    def _household(self, row, values, problems, person):
        """The household the row puts the person in: (household, new address, membership)."""
        reference = row.get("huishouden_extern_id")
        address = None
        if has_address(row):
            try:
                address = address_of(row)
            except ValidationError as exc:
                problems += self.mapped(exc)
                return None, None, None
        start = values["lid_sinds"] or person.birth_date
        if reference:
            household = self.households.get(reference)
            if household is None:
                problems.append(
                    (
                        "huishouden_extern_id",
                        f"huishouden '{reference}' is niet gekend; importeer eerst de huishoudens",
                    )
                )
                return None, None, None
            if address is not None and not same_address(household.address, address):
                problems.append(
                    ("straat", f"dit adres verschilt van dat van huishouden '{reference}'")
                )
            if not values["rol"] and not any(c == "rol" for c, _ in problems):
                problems.append(("rol", "verplicht bij een huishouden"))
            membership = HouseholdMembership(
                household=household, role=values["rol"] or "", start_date=start
            )
            return household, None, membership
        if address is None:
            return None, None, None
        household = Household(name=f"Huishouden {person.last_name}", address=address)
        membership = HouseholdMembership(
            household=household, role=Role.REFERENTIEPERSOON, start_date=start
        )
        return household, address, membership

    def _update(self, row, current, person, household, address, membership) -> Planned:
        changes = {
            field: getattr(person, field)
            for field in PERSON_FIELDS
            if getattr(person, field) != getattr(current, field)
        }
        joins = None
        if membership is not None:
            open_ = current.open_memberships
            if open_ and not (
                open_[0].household_id == household.pk
                if household.pk
                else same_address(open_[0].household.address, address)
            ):
                column = "huishouden_extern_id" if household.pk else "straat"
                raise RowInvalid(
                    [
                        (
                            column,
                            f"{current} is lid van huishouden '{open_[0].household}'; een "
                            "verhuis of gezinswijziging registreert u in de werkplek",
                        )
                    ]
                )
            joins = None if open_ else membership
        if not changes and joins is None:
            return Planned("unchanged")

        def update() -> None:
            if changes:
                person_update(actor=self.actor, person_id=current.pk, reason="import", **changes)
            if joins is not None:
                target = joins.household
                if target.pk is None:
                    target = household_create(
                        actor=self.actor,
                        name=target.name,
                        address=address_create(actor=self.actor, **address_kwargs(row)),
                        reason="import",
                    )
                household_member_add(
                    actor=self.actor,
                    household=target,
                    person=current,
                    role=joins.role,
                    start_date=joins.start_date,
                    reason="import",
                )

        return Planned("updated", update=update)

    def write(self, creates: list[NewPerson]) -> list[Person]:
        memberships = [new.membership for new in creates if new.membership is not None]
        new_households = [m.household for m in memberships if m.household.pk is None]
        Address.objects.bulk_create([h.address for h in new_households], batch_size=1000)
        Household.objects.bulk_create(new_households, batch_size=1000)
        people = Person.objects.bulk_create([new.person for new in creates], batch_size=1000)
        for new in creates:
            if new.membership is not None:
                new.membership.person = new.person
        HouseholdMembership.objects.bulk_create(memberships, batch_size=1000)
        return people
