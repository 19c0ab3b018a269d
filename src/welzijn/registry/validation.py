"""Rules that a single registry record must satisfy beyond its field validators."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import Q

from welzijn.core.insz import check_insz_matches, normalise_insz, parse_insz
from welzijn.core.validation import LIFE_YEARS, check_dates_plausible, date_window


def clean_person(person) -> None:
    if person.insz:
        person.insz = normalise_insz(person.insz)
    errors: dict[str, list[str]] = {}
    if person.birth_date and person.birth_date > dt.date.today():
        errors.setdefault("birth_date", []).append("De geboortedatum ligt in de toekomst.")
    earliest, _ = date_window(past_years=LIFE_YEARS)
    if person.birth_date and person.birth_date < earliest:
        errors.setdefault("birth_date", []).append(
            f"Een geboortedatum voor {earliest:%d/%m/%Y} is niet aannemelijk."
        )
    if person.insz and person.birth_date and _is_valid_insz(person.insz):
        try:
            check_insz_matches(person.insz, birth_date=person.birth_date, sex=person.sex)
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def _is_valid_insz(value: str) -> bool:
    """A malformed number is reported by the field validator; check agreement only on a valid
    one."""
    try:
        parse_insz(value)
    except ValidationError:
        return False
    return True


def clean_membership(membership) -> None:
    """One person cannot be in two households on the same day (end dates are inclusive)."""
    check_dates_plausible(membership, "start_date", "end_date", past_years=LIFE_YEARS)
    if not (membership.person_id and membership.start_date):
        return
    if membership.end_date and membership.end_date < membership.start_date:
        return  # reported by the check constraint, on the end date
    from welzijn.registry.models import HouseholdMembership

    overlapping = HouseholdMembership.objects.filter(person_id=membership.person_id).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=membership.start_date)
    )
    if membership.end_date:
        overlapping = overlapping.filter(start_date__lte=membership.end_date)
    if membership.pk:
        overlapping = overlapping.exclude(pk=membership.pk)
    clash = overlapping.select_related("household").first()
    if clash:
        until = clash.end_date.strftime("%d/%m/%Y") if clash.end_date else "nu"
        raise ValidationError(
            {
                "start_date": (
                    f"Deze persoon is in deze periode al lid van huishouden "
                    f"'{clash.household}' (van {clash.start_date:%d/%m/%Y} tot {until})."
                )
            }
        )


def clean_period(record) -> None:
    """A status or other period of a person's life: plausible start and end dates."""
    check_dates_plausible(record, "start_date", "end_date", past_years=LIFE_YEARS)


def clean_income(income) -> None:
    """At least one amount, none negative, a period that ends after it starts, plausible
    dates; every problem on the field it is about."""
    errors: dict[str, str] = {}
    if income.amount_net is None and income.amount_gross_taxable is None:
        errors["amount_net"] = "Geef een netto of een bruto belastbaar bedrag."
    for field in ("amount_net", "amount_gross_taxable"):
        value = getattr(income, field)
        if value is not None and value < 0:
            errors[field] = "Een bedrag kan niet negatief zijn."
    if income.start_date and income.end_date and income.end_date < income.start_date:
        errors["end_date"] = "De einddatum mag niet voor de begindatum liggen."
    if errors:
        raise ValidationError(errors)
    check_dates_plausible(income, "start_date", "end_date")
