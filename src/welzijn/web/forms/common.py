"""What the workplace's forms share. Forms only parse input; the rules live in the service
functions, whose Dutch messages are shown next to the field they name (see `submit`)."""

import datetime as dt
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from welzijn.catalog.models import Outcome, Service
from welzijn.core.dates import BELGIAN_DATE_HINT, NotADate, parse_belgian_date
from welzijn.core.numbers import parse_amount, parse_decimal
from welzijn.core.validation import validate_no_control_characters

#: The search box reads at most this many characters.
SEARCH_MAX_LENGTH = 100


def today() -> dt.date:
    return timezone.localdate()


def services(kind: str):
    return Service.objects.filter(kind=kind, active=True).select_related("domain")


def outcomes(applies_to: str):
    return Outcome.objects.filter(applies_to=applies_to, active=True)


class WorkplaceForm(forms.Form):
    """Every workplace form: no label suffix, and no invisible control characters in text."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                field.validators.append(validate_no_control_characters)


def submit(form: forms.Form, action, field_names: dict[str, str] | None = None, /, **kwargs):
    """Call a service function; put its validation errors on the form, next to the field
    they name (translated through field_names where the form calls it differently).
    Returns the service's result, or None when it refused."""
    field_names = field_names or {}
    try:
        return action(**kwargs)
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):
            form.add_error(None, exc)
            return None
        for field, errors in exc.error_dict.items():
            name = field_names.get(field, field)
            form.add_error(name if name in form.fields else None, errors)
        return None


class MemberChoiceMixin:
    """A `person` field limited to the household's members, empty = the whole household."""

    def set_members(self, memberships):
        people = {m.person_id: m.person for m in memberships}
        self.fields["person"].choices = [("", "het hele huishouden")] + [
            (pk, str(person)) for pk, person in people.items()
        ]

    def cleaned_person(self):
        from welzijn.registry.models import Person

        pk = self.cleaned_data.get("person")
        return Person.objects.get(pk=pk) if pk else None


class BelgianDateField(forms.DateField):
    """A date typed as dd/mm/jjjj (d/m/jjjj, with - or . between, and jjjj-mm-dd are
    accepted too); anything else is refused with a Dutch message. A text input: a
    browser's date picker shows its own format, which a desk worker cannot choose."""

    widget = forms.DateInput(
        format="%d/%m/%Y",
        attrs={"placeholder": BELGIAN_DATE_HINT, "autocomplete": "off", "inputmode": "numeric"},
    )

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", f"{BELGIAN_DATE_HINT}, bijvoorbeeld 14/03/1990")
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, dt.date):
            return value
        try:
            return parse_belgian_date(str(value))
        except NotADate as exc:
            raise ValidationError(str(exc), code="invalid") from None


class BelgianNumberInput(forms.TextInput):
    """A text input (type=number refuses a comma in some browsers, and shows the browser's
    notation): a number is shown as it is typed here, 1214,13."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, Decimal):
            return str(value).replace(".", ",")
        return super().format_value(value)


class BelgianDecimalField(forms.DecimalField):
    """A number typed the Belgian way (1214,13 or 1.214,13; 1214.13 too); what can be read
    two ways (1.214, 1,214.13) is refused with a Dutch message. The one place where the
    workplace parses numbers: see welzijn.core.numbers."""

    widget = BelgianNumberInput
    parse = staticmethod(parse_decimal)

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        try:
            return self.parse(str(value), decimals=self.decimal_places)
        except ValueError as exc:
            raise ValidationError(str(exc), code="invalid") from None


class AmountField(BelgianDecimalField):
    """An amount in EUR with two decimals (a euro sign in front is allowed)."""

    parse = staticmethod(parse_amount)


class EndForm(WorkplaceForm):
    """The end of a period (a membership, an income, a status): the last day it holds."""

    end_date = BelgianDateField(label="Einddatum (tot en met)", initial=today)
