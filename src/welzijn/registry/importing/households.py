"""Households file: extern_id;naam;straat;huisnummer;bus;postcode;wijk.

The address columns may all be empty (a household without a known address). Members come
with the persons file (its huishouden_extern_id and rol columns)."""

from welzijn.core.access import Intent
from welzijn.registry.access import access_household
from welzijn.registry.importing.addresses import (
    ADDRESS_COLUMNS,
    ADDRESS_FIELD_COLUMNS,
    address_kwargs,
    address_of,
    has_address,
    same_address,
)
from welzijn.registry.importing.reading import Row
from welzijn.registry.importing.runner import ImportKind, Planned, RowInvalid, register
from welzijn.registry.models import Address, Household
from welzijn.registry.services import address_create, household_update


@register
class HouseholdImport(ImportKind):
    name = "households"
    label = "huishoudens"
    model = Household
    columns = {"extern_id": True, "naam": True, **{c: False for c in ADDRESS_COLUMNS}}
    field_columns = {"name": "naam", **ADDRESS_FIELD_COLUMNS}

    def check_access(self) -> None:
        access_household(self.actor, Household(), Intent.EDIT)

    def prepare(self, rows: list[Row]) -> None:
        ids = [row.get("extern_id") for row in rows]
        self.existing = {
            h.extern_id: h
            for h in Household.objects.filter(extern_id__in=ids).select_related("address")
        }

    def plan_row(self, row: Row) -> Planned:
        extern_id = row.get("extern_id")
        if not extern_id:
            raise RowInvalid([("extern_id", "verplicht")])
        self.once(row, "extern_id", extern_id)
        address = address_of(row) if has_address(row) else None
        household = Household(name=row.get("naam").strip(), address=address, extern_id=extern_id)
        current = self.existing.get(extern_id)
        if current is not None:
            self.as_update_of(household, current)
        self.validate(household, [], exclude=["address"])
        if current is None:
            return Planned("created", create=household)
        # An empty address in the file leaves the known one alone.
        moved = address is not None and not same_address(current.address, address)
        if current.name == household.name and not moved:
            return Planned("unchanged")

        def update() -> None:
            new_address = address_create(actor=self.actor, **address_kwargs(row)) if moved else None
            household_update(
                actor=self.actor,
                household_id=current.pk,
                name=household.name,
                address=new_address,
                reason="import",
            )

        return Planned("updated", update=update)

    def write(self, creates: list[Household]) -> list[Household]:
        Address.objects.bulk_create([h.address for h in creates if h.address], batch_size=1000)
        return Household.objects.bulk_create(creates, batch_size=1000)
