"""A small, hand-made demo data set: a few Ghent households with what happened to them in
2023, registered through the same service functions as the workplace uses."""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from welzijn.casework import services as casework
from welzijn.casework.models import Office, StaffAssignment
from welzijn.core.insz import make_insz
from welzijn.core.roles import Role
from welzijn.core.roles_setup import roles_setup
from welzijn.registry import services as registry
from welzijn.registry.models import Organisation, OrganisationAccount

DEMO_PASSWORD = "welzijn-demo"
DEMO_USERS = [
    # username, full name, role, office code (a partner: its organisation's code)
    ("onthaal", "Olivia Onthaal", Role.ONTHAAL, "wb-brugse-poort"),
    ("mw", "Mehmet Werker", Role.MAATSCHAPPELIJK_WERKER, "wb-brugse-poort"),
    ("mw.rabot", "Rita Rabot", Role.MAATSCHAPPELIJK_WERKER, "wb-rabot"),
    ("teamcoach", "Tine Coach", Role.TEAMCOACH, "wb-brugse-poort"),
    ("analist", "Arne Analist", Role.ANALIST, None),
    ("beheerder", "Bea Beheerder", Role.BEHEERDER, None),
    ("caw", "Carla Partner", Role.PARTNER, "caw-oost-vlaanderen"),
    ("opvang", "Omar Opvang", Role.OPVANG, "team-opvang"),
    ("gemeenschapswacht", "Gert Wacht", Role.GEMEENSCHAPSWACHT, "team-gemeenschapswachten"),
    ("preventie", "Pieter Preventie", Role.PREVENTIE, "team-preventie"),
    ("netheid", "Nora Netheid", Role.MELDINGEN_BEHANDELAAR, "team-netheid"),
    ("buurtwerk", "Bart Buurtwerker", Role.BUURTWERK, "team-buurtwerk"),
    # Subsidies: a demo association applies; the official and the jury of Samen aan Zet.
    ("vereniging", "Vera Vereniging", Role.AANVRAGER, "buurtcomite-de-vrolijke-linde"),
    ("subsidies", "Sam Subsidie", Role.SUBSIDIES, "team-lokaal-sociaal-beleid"),
    ("jury", "Jules Jury", Role.JURY, "team-lokaal-sociaal-beleid"),
    ("vrijwilligerspunt", "Vera Loket", Role.VRIJWILLIGERSPUNT, "team-vrijwilligerspunt"),
    # An organisation keeping its volunteer vacancies (a partner account of its organisation).
    ("organisatie", "Omar Organisatie", Role.PARTNER, "roeland"),
    ("gelijkekansen", "Gita Gelijk", Role.GELIJKE_KANSEN, "team-gelijke-kansen"),
    ("werk", "Wout Werk", Role.WERK, "team-werk-activering"),
    ("energiecel", "Emma Energie", Role.ENERGIECEL, "team-energiecel"),
    ("wooncoach", "Wout Wooncoach", Role.WOONCOACH, "team-wooncoaches"),
    ("dbse", "Dirk Dienstenbedrijf", Role.MAANDCIJFERS, "team-dbse"),
    ("dpo", "Dana Privacy", Role.DPO, None),
]
#: The demo association (not reference data: a city registers its own associations).
DEMO_ASSOCIATION = {
    "code": "buurtcomite-de-vrolijke-linde",
    "name": "Buurtcomité De Vrolijke Linde",
    "kind": Organisation.Kind.VERENIGING,
}

#: The demo beheerder's authenticator secret (20 bytes, as django-otp stores it: hex). Public
#: on purpose, like the password: a tester adds it to an app or computes a code with
#: `oathtool --totp -b <base32>`.
DEMO_TOTP_KEY = b"welzijn-demo-2fa-key".hex()

D = dt.date


@transaction.atomic
def demo_users_create() -> list[tuple[str, str, str]]:
    """Create (or reset) one demo user per role; return (username, role, office) rows."""
    groups = roles_setup()
    User = get_user_model()
    rows = []
    for username, full_name, role, office_code in DEMO_USERS:
        first, last = full_name.split(" ", 1)
        user, _ = User.objects.get_or_create(username=username)
        user.first_name, user.last_name = first, last
        user.is_staff = role is Role.BEHEERDER
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.set([groups[role]])
        if role is Role.BEHEERDER:  # a beheerder always signs in with a second step
            TOTPDevice.objects.update_or_create(
                user=user,
                name="demo",
                defaults={"key": DEMO_TOTP_KEY, "confirmed": True, "throttling_failure_count": 0},
            )
        office_name = ""
        if role in (Role.PARTNER, Role.AANVRAGER):
            if role is Role.AANVRAGER:
                Organisation.objects.get_or_create(
                    code=DEMO_ASSOCIATION["code"], defaults=DEMO_ASSOCIATION
                )
            organisation = Organisation.objects.get(code=office_code)
            OrganisationAccount.objects.update_or_create(
                user=user, defaults={"organisation": organisation}
            )
            office_name = organisation.name
        elif office_code:
            office = Office.objects.get(code=office_code)
            StaffAssignment.objects.get_or_create(user=user, office=office)
            office_name = office.name
        rows.append((username, role.value, office_name))
    return rows


def _person(actor, first, last, born, sex, seq, *, status="belg", nationality="BE"):
    insz = make_insz(born, seq) if status != "zonder" else None
    return registry.person_create(
        actor=actor,
        first_name=first,
        last_name=last,
        birth_date=born,
        sex=sex,
        nationality=nationality,
        residence_status=status,
        insz=insz,
    )


@transaction.atomic
def demo_data_create() -> int:
    """Register the demo households; return how many. Run once on an empty database."""
    User = get_user_model()
    mw = User.objects.get(username="mw")
    rabot = User.objects.get(username="mw.rabot")
    brugse_poort = Office.objects.get(code="wb-brugse-poort")
    rabot_office = Office.objects.get(code="wb-rabot")

    # 1. A single mother with two children in Brugse Poort: leefloon, energy, school costs.
    address = registry.address_create(
        actor=mw,
        street="Bevrijdingslaan",
        number="12",
        postcode="9000",
        wijk="brugse-poort-rooigem",
    )
    hh = registry.household_create(actor=mw, name="Gezin Janssens", address=address)
    sarah = _person(mw, "Sarah", "Janssens", D(1990, 3, 14), "V", 42)
    registry.household_member_add(
        actor=mw, household=hh, person=sarah, role="referentiepersoon", start_date=D(2015, 1, 1)
    )
    for first, born, sex, seq in [
        ("Lena", D(2014, 6, 2), "V", 12),
        ("Noah", D(2018, 9, 20), "M", 7),
    ]:
        child = _person(mw, first, "Janssens", born, sex, seq)
        registry.household_member_add(
            actor=mw, household=hh, person=child, role="kind", start_date=born
        )
    casework.contact_register(
        actor=mw,
        office=brugse_poort,
        occurred_on=D(2023, 1, 9),
        channel="balie",
        reason="Vraag naar financiële hulp na verlies van werk",
        outcome="dossier-geopend",
        person=sarah,
        household=hh,
        open_dossier=True,
    )
    dossier = hh.dossiers.get()
    dossier.caseworker = mw
    dossier.save(update_fields=["caseworker"])
    decision = casework.decision_record(
        actor=mw,
        dossier_id=dossier.pk,
        service="leefloon",
        outcome="toekenning",
        motivation="Voldoet aan de voorwaarden: geen bestaansmiddelen, gezin ten laste.",
        decided_on=D(2023, 2, 1),
        person=sarah,
    )
    for month in range(2, 13):
        casework.intervention_register(
            actor=mw,
            dossier_id=dossier.pk,
            service="leefloon",
            date=D(2023, month, 1),
            amount=Decimal("1640.83") if month < 11 else Decimal("1673.63"),
            person=sarah,
            decision=decision,
        )
    casework.intervention_register(
        actor=mw,
        dossier_id=dossier.pk,
        service="tussenkomst-energie",
        date=D(2023, 3, 15),
        amount=Decimal("350.00"),
    )
    casework.trajectory_start(
        actor=mw,
        dossier_id=dossier.pk,
        service="budget-en-schuldhulpverlening",
        start_date=D(2023, 3, 1),
        planned_end_date=D(2024, 2, 29),
    )

    # 2. An older man alone in Rabot, followed by another welzijnsbureau.
    address = registry.address_create(
        actor=rabot,
        street="Wondelgemstraat",
        number="88",
        box="3",
        postcode="9000",
        wijk="rabot-blaisantvest",
    )
    hh2 = registry.household_create(actor=rabot, name="Huishouden De Smet", address=address)
    jan = _person(rabot, "Jan", "De Smet", D(1957, 11, 30), "M", 163)
    registry.household_member_add(
        actor=rabot, household=hh2, person=jan, role="referentiepersoon", start_date=D(1990, 1, 1)
    )
    dossier2 = casework.dossier_open(
        actor=rabot, household=hh2, office=rabot_office, opened_on=D(2023, 4, 3), caseworker=rabot
    )
    casework.intervention_register(
        actor=rabot,
        dossier_id=dossier2.pk,
        service="huurwaarborg",
        date=D(2023, 4, 20),
        amount=Decimal("1350.00"),
        person=jan,
    )
    refusal = casework.decision_record(
        actor=rabot,
        dossier_id=dossier2.pk,
        service="leefloon",
        outcome="weigering",
        motivation="Bestaansmiddelen (pensioen) hoger dan het leefloon.",
        decided_on=D(2023, 5, 10),
        person=jan,
    )
    casework.decision_hearing_record(
        actor=rabot,
        decision_id=refusal.pk,
        requested_on=D(2023, 5, 15),
        held_on=D(2023, 6, 6),
    )

    # 3. A young man without legal residence: urgent medical aid, no INSZ.
    hh3 = registry.household_create(actor=mw, name="Huishouden Haddad")
    karim = _person(mw, "Karim", "Haddad", D(1998, 2, 1), "M", 0, status="zonder", nationality="DZ")
    registry.household_member_add(
        actor=mw, household=hh3, person=karim, role="referentiepersoon", start_date=D(2022, 10, 1)
    )
    casework.contact_register(
        actor=mw,
        office=brugse_poort,
        occurred_on=D(2023, 2, 20),
        channel="balie",
        reason="Vraag naar dringende medische hulp",
        outcome="dossier-geopend",
        person=karim,
        household=hh3,
        open_dossier=True,
    )
    casework.intervention_register(
        actor=mw,
        dossier_id=hh3.dossiers.get().pk,
        service="dringende-medische-hulp",
        date=D(2023, 2, 22),
        amount=Decimal("84.20"),
        person=karim,
    )

    # 4. Onthaal without follow-up.
    casework.contact_register(
        actor=mw,
        office=brugse_poort,
        occurred_on=D(2023, 5, 2),
        channel="telefoon",
        reason="Vraag over de UiTPAS",
        outcome="geen-vervolgtraject",
    )
    # Karim also needs shelter: referred to the CAW, open on its list (log in as 'caw').
    casework.contact_register(
        actor=mw,
        office=brugse_poort,
        occurred_on=D(2023, 3, 6),
        channel="balie",
        reason="Zoekt een slaapplaats voor de komende weken",
        outcome="doorverwezen",
        person=karim,
        household=hh3,
        referred_to=Organisation.objects.get(code="caw-oost-vlaanderen"),
    )
    return 3
