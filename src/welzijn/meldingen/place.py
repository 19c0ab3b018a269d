"""The wijk of a melding's place: from the street list for an address, else from the
nearest wijk centre for coordinates (an approximation, see registry/fixtures/ghent.yaml)."""

import math
from decimal import Decimal

from welzijn.registry.models import Wijk
from welzijn.registry.selectors import wijk_for_street


def nearest_wijk(latitude: Decimal, longitude: Decimal) -> Wijk | None:
    lat, lon = float(latitude), float(longitude)
    shrink = math.cos(math.radians(lat))  # a degree of longitude is shorter than one of latitude
    return min(
        Wijk.objects.exclude(latitude=None).exclude(longitude=None),
        key=lambda w: (float(w.latitude) - lat) ** 2 + ((float(w.longitude) - lon) * shrink) ** 2,
        default=None,
    )


def wijk_of_place(
    *, street: str, postcode: str, latitude: Decimal | None, longitude: Decimal | None
) -> Wijk | None:
    if street and postcode:
        found = wijk_for_street(street, postcode)
        if found is not None:
            return found
    if latitude is not None and longitude is not None:
        return nearest_wijk(latitude, longitude)
    return None
