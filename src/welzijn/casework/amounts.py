"""The plausible maximum of an intervention's amount (catalog.Service.amount_ceiling).

An amount above it is not wrong as such (a large huurwaarborg exists), but it is more often a
typo (12000 for 1200,00): whoever registers it confirms it. The rule lives here, called by the
service functions and the import, so every way in asks the same question."""

from decimal import Decimal

from django.core.exceptions import ValidationError

from welzijn.catalog.models import Service
from welzijn.core.numbers import format_eur

#: The code of the ValidationError on "amount"; a form answers it with a checkbox.
AMOUNT_ABOVE_CEILING = "above_ceiling"


def above_ceiling_message(service: Service, amount: Decimal) -> str:
    return (
        f"{format_eur(amount)} is meer dan het plausibele maximum van "
        f"{format_eur(service.amount_ceiling)} voor {service.name}; klopt dit?"
    )


def is_above_ceiling(service: Service, amount: Decimal | None) -> bool:
    ceiling = service.amount_ceiling
    return amount is not None and ceiling is not None and amount > ceiling


def require_plausible_amount(service: Service, amount: Decimal | None, *, confirmed: bool) -> None:
    """Raise a ValidationError on "amount" (code AMOUNT_ABOVE_CEILING) when the amount is
    above the service's plausible maximum and nobody confirmed it."""
    if is_above_ceiling(service, amount) and not confirmed:
        raise ValidationError(
            {
                "amount": ValidationError(
                    above_ceiling_message(service, amount), code=AMOUNT_ABOVE_CEILING
                )
            }
        )
