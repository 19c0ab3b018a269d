"""The address columns shared by the households and persons files."""

from welzijn.registry.importing.reading import Row
from welzijn.registry.models import Address
from welzijn.registry.search import street_key
from welzijn.registry.services import address_build

ADDRESS_COLUMNS = {
    "straat": True,
    "huisnummer": True,
    "bus": False,
    "postcode": True,
    "wijk": False,
}
ADDRESS_FIELD_COLUMNS = {
    "street": "straat",
    "number": "huisnummer",
    "box": "bus",
    "postcode": "postcode",
    "wijk": "wijk",
}


def has_address(row: Row) -> bool:
    return any(row.get(column) for column in ADDRESS_COLUMNS)


def address_of(row: Row) -> Address:
    """An unsaved, validated address from the row (wijk from the street list when the wijk
    column is empty); raises ValidationError on the model's field names."""
    address = address_build(
        street=row.get("straat"),
        number=row.get("huisnummer"),
        box=row.get("bus"),
        postcode=row.get("postcode"),
        wijk=row.get("wijk") or None,
    )
    address.full_clean()
    return address


def address_kwargs(row: Row) -> dict[str, str | None]:
    """The row's address as arguments of registry.services.address_create."""
    return {
        "street": row.get("straat"),
        "number": row.get("huisnummer"),
        "box": row.get("bus"),
        "postcode": row.get("postcode"),
        "wijk": row.get("wijk") or None,
    }


def same_address(current: Address | None, new: Address | None) -> bool:
    """The same dwelling: street (folded), number, box and postcode. An empty box in the
    file says nothing (many exports leave it out)."""
    if current is None or new is None:
        return current is None and new is None
    return (
        street_key(current.street) == street_key(new.street)
        and current.number.casefold() == new.number.casefold()
        and (not new.box or current.box.casefold() == new.box.casefold())
        and current.postcode_id == new.postcode_id
    )
