"""Factory functions for tests: small, explicit, going through the service functions."""

import datetime as dt
import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from welzijn.casework import services as casework
from welzijn.casework.models import Office, StaffAssignment
from welzijn.core.insz import make_insz
from welzijn.core.roles import Role
from welzijn.registry import services as registry

_counter = itertools.count(1)


def office(code: str = "wb-brugse-poort") -> Office:
    return Office.objects.get(code=code)


def user(role: Role, office_code: str | None = "wb-brugse-poort", name: str | None = None):
    n = next(_counter)
    account = get_user_model().objects.create_user(
        username=name or f"{role.value.replace(' ', '_')}{n}"
    )
    account.groups.add(Group.objects.get(name=role.value))
    if office_code:
        StaffAssignment.objects.create(user=account, office=office(office_code))
    return account


def person(actor, *, born=dt.date(1985, 7, 30), sex="M", with_insz=True, **fields):
    n = next(_counter)
    seq = 2 * (n % 490) + 2 + (1 if sex == "M" else 0)  # odd for men, even for women
    values = {
        "first_name": f"Voornaam{n}",
        "last_name": f"Achternaam{n}",
        "birth_date": born,
        "sex": sex,
        "nationality": "BE",
        "residence_status": "belg",
        "insz": make_insz(born, seq) if with_insz else None,
    }
    values.update(fields)
    return registry.person_create(actor=actor, **values)


def household(actor, *members, start=dt.date(2020, 1, 1), name="Gezin Test"):
    hh = registry.household_create(actor=actor, name=name)
    for index, member in enumerate(members):
        registry.household_member_add(
            actor=actor,
            household=hh,
            person=member,
            role="referentiepersoon" if index == 0 else "kind",
            start_date=start,
        )
    return hh


def dossier(actor, hh=None, office_code: str = "wb-brugse-poort", opened=dt.date(2023, 1, 2)):
    hh = hh or household(actor, person(actor))
    return casework.dossier_open(
        actor=actor, household=hh, office=office(office_code), opened_on=opened
    )


def totp_device(account, *, confirmed: bool = True):
    """A TOTP device for `account`; compute its current code with `totp_code`."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.create(user=account, name="test", confirmed=confirmed)


def totp_code(device) -> str:
    from django_otp.oath import totp

    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def login_with_second_step(client, account):
    """Sign `account` in as if they had entered their password and a code from their app
    (a beheerder reaches no page otherwise)."""
    from django_otp import DEVICE_ID_SESSION_KEY

    device = totp_device(account)
    client.force_login(account)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


# -- subsidies: an association's account, a subsidy official, an application ---------------

SUBSIDY_OFFICE = "team-lokaal-sociaal-beleid"


def association(code: str = "vzw-buurt", name: str = "Buurtvereniging De Linde vzw"):
    from welzijn.registry.models import Organisation

    return Organisation.objects.get_or_create(
        code=code, defaults={"name": name, "kind": Organisation.Kind.VERENIGING}
    )[0]


def applicant(organisation, name: str | None = None):
    """An account of the association with the role aanvrager."""
    from welzijn.registry.models import OrganisationAccount

    account = user(Role.AANVRAGER, None, name=name)
    OrganisationAccount.objects.create(user=account, organisation=organisation)
    return account


def subsidy_application(
    actor,
    *,
    call: str = "samen-aan-zet-2023",
    category: str = "1b",
    lines=(("huur", "Zaal", "800.00"),),
    start=dt.date(2023, 6, 1),
    on=dt.date(2023, 3, 1),
    **fields,
):
    """A draft application of the actor's association with its budget lines."""
    from decimal import Decimal

    from welzijn.subsidies import services as subsidies
    from welzijn.subsidies.models import Call

    values = {
        "title": "Buurtfeest in de Lindestraat",
        "description": "Een feest voor alle buren, met muziek en spelen voor de kinderen.",
        "category": category,
        "legal_form": "feitelijke-vereniging",
        "active_in_ghent": True,
        "exclusions": [],
        "target_group": "buurtbewoners",
        "start_date": start,
        "end_date": start,
        **fields,
    }
    application = subsidies.application_create(
        actor=actor, call_id=Call.objects.get(code=call).pk, on=on, **values
    )
    for kind, description, amount in lines:
        subsidies.budget_line_add(
            actor=actor,
            application_id=application.pk,
            kind=kind,
            description=description,
            amount=Decimal(amount),
        )
    return application
