"""Country codes (ISO 3166-1 alpha-2), as a person's nationality is registered."""

import pycountry
from django.core.exceptions import ValidationError


def validate_country_code(value: str) -> None:
    """Field validator: a current ISO 3166-1 alpha-2 code (BE, MA, SY, PS); the registry's
    services store it in capitals."""
    if not (value.isascii() and value.isalpha() and pycountry.countries.get(alpha_2=value)):
        raise ValidationError(
            "“%(value)s” is geen landcode (ISO 3166-1, twee letters, bv. BE, MA, SY).",
            code="invalid_country",
            params={"value": value},
        )
