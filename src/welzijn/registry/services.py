"""Writes to the registry: validated, atomic, audited."""

import datetime as dt
from decimal import Decimal

from django.db import transaction

from welzijn.core.access import Intent
from welzijn.core.audit import audit_record
from welzijn.core.insz import normalise_insz
from welzijn.core.validation import require, validate_and_save
from welzijn.registry.access import access_household, access_person
from welzijn.registry.models import (
    Address,
    Household,
    HouseholdAddress,
    HouseholdMembership,
    Income,
    Person,
    SocialStatus,
    StatusKind,
)
from welzijn.registry.search import search_key, search_name

PERSON_FIELDS = (
    "first_name",
    "last_name",
    "birth_date",
    "sex",
    "nationality",
    "residence_status",
    "language",
    "insz",
)


def require_not_merged(person: Person) -> Person:
    """A person merged into another one gets no new records: they belong to the one kept."""
    require(
        person.merged_into_id is None,
        "__all__",
        "Deze persoon is samengevoegd met een andere: registreer het bij de persoon die bleef.",
    )
    return person


def person_build(
    *,
    first_name: str,
    last_name: str,
    birth_date: dt.date,
    sex: str,
    nationality: str,
    residence_status: str,
    language: str = "nl",
    insz: str | None = None,
    extern_id: str | None = None,
) -> Person:
    """An unsaved person, normalised the way every write path stores it."""
    person = Person(
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        birth_date=birth_date,
        sex=sex,
        nationality=nationality.upper(),
        residence_status=residence_status,
        language=language,
        insz=normalise_insz(insz or "") or None,
        extern_id=extern_id or None,
    )
    person.search_name = search_name(person.first_name, person.last_name)
    person.search_key = search_key(person.first_name, person.last_name)
    return person


@transaction.atomic
def person_create(
    *,
    actor,
    first_name: str,
    last_name: str,
    birth_date: dt.date,
    sex: str,
    nationality: str,
    residence_status: str,
    language: str = "nl",
    insz: str | None = None,
    reason: str = "",
) -> Person:
    access_person(actor, Person(), Intent.EDIT)
    person = person_build(
        first_name=first_name,
        last_name=last_name,
        birth_date=birth_date,
        sex=sex,
        nationality=nationality,
        residence_status=residence_status,
        language=language,
        insz=insz,
    )
    validate_and_save(person)
    audit_record(actor=actor, action="create", obj=person, reason=reason)
    return person


@transaction.atomic
def person_update(*, actor, person_id: int, reason: str = "", **changes) -> Person:
    unknown = set(changes) - set(PERSON_FIELDS)
    require(not unknown, next(iter(unknown), "__all__"), "Dit veld kan niet gewijzigd worden.")
    person = access_person(actor, Person.objects.select_for_update().get(pk=person_id), Intent.EDIT)
    require_not_merged(person)
    if "insz" in changes:
        changes["insz"] = normalise_insz(changes["insz"] or "") or None
    # The same normalisation as person_create: 'be' is BE, no stray spaces around a name.
    if "nationality" in changes:
        changes["nationality"] = changes["nationality"].upper()
    for name in ("first_name", "last_name"):
        if name in changes:
            changes[name] = changes[name].strip()
    changed = [field for field, value in changes.items() if getattr(person, field) != value]
    for field in changed:
        setattr(person, field, changes[field])
    person.search_name = search_name(person.first_name, person.last_name)
    person.search_key = search_key(person.first_name, person.last_name)
    validate_and_save(person)
    audit_record(
        actor=actor, action="update", obj=person, reason=reason, detail={"fields": changed}
    )
    return person


def address_build(
    *, street: str, number: str, postcode: str, wijk: str | None = None, box: str = ""
) -> Address:
    """An unsaved address from a postcode code and, when given, a wijk (code or name); without
    a wijk, the street list gives it. Raises a ValidationError naming the field."""
    from welzijn.registry.models import Postcode, Wijk
    from welzijn.registry.selectors import wijk_for_street

    postcode_obj = Postcode.objects.filter(code=postcode.strip()).first()
    require(postcode_obj is not None, "postcode", f"Onbekende Gentse postcode '{postcode}'.")
    if wijk:
        wijk_obj = Wijk.objects.filter(code=wijk).first() or Wijk.objects.filter(name=wijk).first()
        require(wijk_obj is not None, "wijk", f"Onbekende wijk '{wijk}'.")
    else:
        wijk_obj = wijk_for_street(street, postcode_obj.code)
        require(
            wijk_obj is not None, "wijk", "Straat niet gekend in de stratenlijst: kies de wijk."
        )
    return Address(
        street=street.strip(),
        number=number.strip(),
        box=box.strip(),
        postcode=postcode_obj,
        wijk=wijk_obj,
    )


@transaction.atomic
def address_create(
    *, actor, street: str, number: str, postcode: str, wijk: str | None = None, box: str = ""
) -> Address:
    """Create an address; the wijk is derived from the street list when not given."""
    address = address_build(street=street, number=number, postcode=postcode, wijk=wijk, box=box)
    validate_and_save(address)
    audit_record(actor=actor, action="create", obj=address)
    return address


@transaction.atomic
def household_create(
    *, actor, name: str, address: Address | None = None, reason: str = ""
) -> Household:
    access_household(actor, Household(), Intent.EDIT)
    household = validate_and_save(Household(name=name.strip(), address=address))
    audit_record(actor=actor, action="create", obj=household, reason=reason)
    return household


@transaction.atomic
def household_update(
    *,
    actor,
    household_id: int,
    name: str | None = None,
    address: Address | None = None,
    reason: str = "",
) -> Household:
    """Rename a household or move it to another (saved) address."""
    household = access_household(
        actor, Household.objects.select_for_update().get(pk=household_id), Intent.EDIT
    )
    changed = []
    if name is not None and name.strip() != household.name:
        household.name = name.strip()
        changed.append("name")
    if address is not None and address.pk != household.address_id:
        household.address = address
        changed.append("address")
    validate_and_save(household)
    audit_record(
        actor=actor, action="update", obj=household, reason=reason, detail={"fields": changed}
    )
    return household


@transaction.atomic
def household_member_add(
    *,
    actor,
    household: Household,
    person: Person,
    role: str,
    start_date: dt.date,
    end_date: dt.date | None = None,
    reason: str = "",
) -> HouseholdMembership:
    access_household(actor, household, Intent.EDIT)
    require_not_merged(person)
    # Lock the person's row: two concurrent additions cannot both pass the overlap check.
    Person.objects.select_for_update().filter(pk=person.pk).exists()
    membership = validate_and_save(
        HouseholdMembership(
            household=household,
            person=person,
            role=role,
            start_date=start_date,
            end_date=end_date,
        )
    )
    audit_record(
        actor=actor,
        action="create",
        obj=membership,
        reason=reason,
        detail={"household": household.pk, "person": person.pk, "role": role},
    )
    return membership


@transaction.atomic
def household_member_end(
    *, actor, membership_id: int, end_date: dt.date, reason: str = ""
) -> HouseholdMembership:
    membership = HouseholdMembership.objects.select_for_update().get(pk=membership_id)
    access_household(actor, membership.household, Intent.EDIT)
    return _period_end(actor, membership, end_date, reason, "Dit lidmaatschap is al beëindigd.")


def _period_end(actor, record, end_date: dt.date, reason: str, already_ended: str):
    """End a running period (a membership, an income, a status) on the locked,
    access-checked record: validated and audited."""
    require(record.end_date is None, "end_date", already_ended)
    record.end_date = end_date
    validate_and_save(record)
    audit_record(
        actor=actor,
        action="update",
        obj=record,
        reason=reason,
        detail={"end_date": end_date.isoformat()},
    )
    return record


@transaction.atomic
def household_start(
    *,
    actor,
    person_id: int,
    name: str,
    start_date: dt.date,
    end_current: bool = False,
    reason: str = "",
) -> Household:
    """A new household with this person as its referentiepersoon from start_date. With
    end_current, the person's running membership elsewhere ends the day before (someone
    who leaves a household to live on their own)."""
    person = require_not_merged(access_person(actor, Person.objects.get(pk=person_id), Intent.EDIT))
    if end_current:
        running = person.memberships.filter(end_date__isnull=True, start_date__lt=start_date)
        for membership in running:
            household_member_end(
                actor=actor,
                membership_id=membership.pk,
                end_date=start_date - dt.timedelta(days=1),
                reason=reason or "nieuw huishouden",
            )
    household = household_create(actor=actor, name=name, reason=reason)
    household_member_add(
        actor=actor,
        household=household,
        person=person,
        role=HouseholdMembership.Role.REFERENTIEPERSOON,
        start_date=start_date,
        reason=reason,
    )
    return household


@transaction.atomic
def household_move(
    *,
    actor,
    household_id: int,
    street: str,
    number: str,
    box: str = "",
    postcode: str,
    wijk: str | None = None,
    on: dt.date,
    reason: str = "",
) -> HouseholdAddress:
    """The household lives at a new address from `on`: the current address ends the day
    before (kept in the history; one registered before the history existed is recorded
    with an unknown start), and Household.address follows. A move before the start of the
    current address is refused: the history is written forwards. Without a wijk, the
    address service derives it from the street."""
    household = access_household(
        actor, Household.objects.select_for_update().get(pk=household_id), Intent.EDIT
    )
    current = household.addresses.filter(end_date__isnull=True).first()
    if current is None and household.address_id is not None:
        current = HouseholdAddress(household=household, address_id=household.address_id)
    if current is not None and current.start_date is not None:
        require(
            on > current.start_date,
            "on",
            f"De verhuisdatum moet na {current.start_date:%d/%m/%Y} liggen, de begindatum "
            "van het huidige adres.",
        )
    address = address_create(
        actor=actor, street=street, number=number, box=box, postcode=postcode, wijk=wijk
    )
    if current is not None:
        current.end_date = on - dt.timedelta(days=1)
        validate_and_save(current)
    moved = validate_and_save(HouseholdAddress(household=household, address=address, start_date=on))
    household.address = address
    validate_and_save(household)
    audit_record(
        actor=actor,
        action="update",
        obj=household,
        reason=reason or "verhuis",
        detail={"address": address.pk, "from": on.isoformat()},
    )
    return moved


def _situation_person(actor, person_id: int) -> Person:
    """The person whose situation changes, locked so that concurrent edits queue."""
    person = access_person(actor, Person.objects.select_for_update().get(pk=person_id), Intent.EDIT)
    return require_not_merged(person)


INCOME_FIELDS = (
    "category",
    "amount_net",
    "amount_gross_taxable",
    "per",
    "start_date",
    "end_date",
    "source",
    "proof",
)


@transaction.atomic
def income_register(
    *,
    actor,
    person_id: int,
    category: str,
    per: str,
    start_date: dt.date,
    source: str,
    amount_net: Decimal | None = None,
    amount_gross_taxable: Decimal | None = None,
    end_date: dt.date | None = None,
    proof: str = "",
    reason: str = "",
) -> Income:
    person = _situation_person(actor, person_id)
    income = validate_and_save(
        Income(
            person=person,
            category=category,
            amount_net=amount_net,
            amount_gross_taxable=amount_gross_taxable,
            per=per,
            start_date=start_date,
            end_date=end_date,
            source=source,
            proof=proof.strip(),
        )
    )
    audit_record(actor=actor, action="create", obj=income, reason=reason)
    return income


@transaction.atomic
def income_update(*, actor, income_id: int, reason: str = "", **changes) -> Income:
    """Correct the amounts or the source of a person's income of a year."""
    unknown = set(changes) - set(INCOME_FIELDS)
    require(not unknown, next(iter(unknown), "__all__"), "Dit veld kan niet gewijzigd worden.")
    income = Income.objects.select_for_update().select_related("person").get(pk=income_id)
    access_person(actor, income.person, Intent.EDIT)

    """Correct what was registered about an income (the amounts, period, source, proof)."""
    unknown = set(changes) - set(INCOME_FIELDS)
    require(not unknown, next(iter(unknown), "__all__"), "Dit veld kan niet gewijzigd worden.")
    income = Income.objects.select_for_update().get(pk=income_id)
    _situation_person(actor, income.person_id)
    changed = [field for field, value in changes.items() if getattr(income, field) != value]
    for field in changed:
        setattr(income, field, changes[field])
    validate_and_save(income)
    audit_record(
        actor=actor, action="update", obj=income, reason=reason, detail={"fields": changed}
    )
    return income


@transaction.atomic
def income_end(*, actor, income_id: int, end_date: dt.date, reason: str = "") -> Income:
    income = Income.objects.select_for_update().get(pk=income_id)
    _situation_person(actor, income.person_id)
    return _period_end(actor, income, end_date, reason, "Dit inkomen is al beëindigd.")


@transaction.atomic
def status_register(
    *,
    actor,
    kind: str,
    start_date: dt.date,
    source: str,
    person_id: int | None = None,
    household_id: int | None = None,
    end_date: dt.date | None = None,
    proof: str = "",
    reason: str = "",
) -> SocialStatus:
    """A status of a person or of a household (as its kind says) from start_date."""
    status_kind = StatusKind.objects.filter(code=kind).first()
    require(status_kind is not None, "kind", f"Onbekende soort status '{kind}'.")
    person = household = None
    if status_kind.entity == StatusKind.Entity.PERSON:
        require(person_id is not None, "kind", "Deze status hoort bij een persoon.")
        person = _situation_person(actor, person_id)
    else:
        require(household_id is not None, "kind", "Deze status hoort bij een huishouden.")
        household = access_household(
            actor, Household.objects.select_for_update().get(pk=household_id), Intent.EDIT
        )
    status = validate_and_save(
        SocialStatus(
            kind=status_kind,
            person=person,
            household=household,
            start_date=start_date,
            end_date=end_date,
            source=source,
            proof=proof.strip(),
        )
    )
    audit_record(actor=actor, action="create", obj=status, reason=reason)
    return status


@transaction.atomic
def status_end(*, actor, status_id: int, end_date: dt.date, reason: str = "") -> SocialStatus:
    status = SocialStatus.objects.select_for_update().get(pk=status_id)
    if status.person_id:
        _situation_person(actor, status.person_id)
    else:
        access_household(actor, status.household, Intent.EDIT)
    return _period_end(actor, status, end_date, reason, "Deze status is al beëindigd.")
