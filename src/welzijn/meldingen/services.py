"""Writes of the meldingen: registering, changing state (and telling the reporter), the
administrative report, and the conflicts between citizens."""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import connection, transaction
from django.utils import timezone

from welzijn.casework import documents
from welzijn.casework.access import office_ids_of
from welzijn.casework.models import Office
from welzijn.core.access import AccessDenied, Intent
from welzijn.core.audit import audit_record
from welzijn.core.roles import MELDINGEN_ROLES, roles_of
from welzijn.core.transitions import lock_for_transition
from welzijn.core.validation import check_dates_plausible, require, validate_and_save
from welzijn.registry.models import Organisation, Postcode, Wijk
from welzijn.webhooks.outbox import event_record

from . import sla
from .access import access_conflict, access_melding, access_melding_report
from .models import (
    Category,
    Conflict,
    ConflictParty,
    Melding,
    MeldingEvent,
    MeldingPhoto,
    Notification,
)
from .place import wijk_of_place

PHOTO_TYPES = frozenset({"image/jpeg", "image/png"})
#: states whose note is what the reporter is told, so it must be written
NOTE_REQUIRED = frozenset(
    {Melding.Status.AFGEHANDELD, Melding.Status.GEANNULEERD, Melding.Status.DOORGESTUURD}
)


def _reporting_office(actor, office: Office | None) -> Office:
    """The team in whose name the actor reports: one of theirs (a choice of the form, so a
    wrong one is a field error, not a refusal), or their only one."""
    if not roles_of(actor) & MELDINGEN_ROLES:
        raise AccessDenied("Meldingen registreren is er voor gemeenschapswachten en teams.")
    offices = office_ids_of(actor)
    if office is None and len(offices) == 1:
        office = Office.objects.get(pk=next(iter(offices)))
    require(office is not None, "office", "Kies het team waarvoor u de melding registreert.")
    require(office.pk in offices, "office", f"U werkt niet voor {office.name}.")
    return office


def _report_number(on: dt.date) -> str:
    """The next number of the year (BV-2023-00001, ...), one writer at a time: an advisory
    lock on PostgreSQL (SQLite writes one transaction at a time anyway); the unique
    constraint is the backstop."""
    prefix = f"BV-{on.year}-"
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [prefix])
    last = (
        Melding.objects.filter(report_number__startswith=prefix)
        .order_by("-report_number")
        .values_list("report_number", flat=True)
        .first()
    )
    return f"{prefix}{int(last[len(prefix) :]) + 1 if last else 1:05d}"


def _photo_add(actor, melding: Melding, file) -> MeldingPhoto:
    checked = documents.check_file(file, file.name)
    if checked.content_type not in PHOTO_TYPES:
        raise ValidationError({"photo": "Een foto is een JPEG- of PNG-afbeelding."})
    storage_name, digest = documents.store(file)
    try:
        return validate_and_save(
            MeldingPhoto(
                melding=melding,
                original_name=checked.name,
                content_type=checked.content_type,
                size=checked.size,
                sha256=digest,
                storage_name=storage_name,
                added_at=timezone.now(),
                added_by=actor,
            )
        )
    except Exception:
        documents.discard(storage_name)
        raise


def _event(melding: Melding, actor, *, status_from: str, note: str = "") -> MeldingEvent:
    """The melding's history; a change of state (not the registration) is also a webhook
    event for the teams that see it."""
    if status_from:
        event_record(
            type="melding.state_changed",
            obj=melding,
            office_ids=[melding.team_id, melding.reporting_office_id],
            data={
                "number": melding.number,
                "status_from": status_from,
                "status_to": melding.status,
                "team": melding.team.code,
                "changed_at": melding.status_changed_at.isoformat(),
            },
        )
    return validate_and_save(
        MeldingEvent(
            melding=melding,
            status_from=status_from,
            status_to=melding.status,
            at=melding.status_changed_at,
            by=actor if getattr(actor, "is_authenticated", False) else None,
            team=melding.team,
            note=note,
        )
    )


@transaction.atomic
def melding_create(
    *,
    actor,
    category: str | Category,
    description: str,
    reporter_kind: str,
    office: Office | None = None,
    street: str = "",
    house_number: str = "",
    postcode: str | Postcode = "",
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    wijk: str | Wijk | None = None,
    place_note: str = "",
    reporter_name: str = "",
    reporter_email: str = "",
    reporter_phone: str = "",
    organisation: Organisation | None = None,
    administrative_report: bool = False,
    photo=None,
    reported_at: dt.datetime | None = None,
) -> Melding:
    """Register a melding: routed to the category's team, due after its service level."""
    reporting_office = _reporting_office(actor, office)
    if isinstance(category, str):
        category = Category.objects.filter(code=category).select_related("team").first()
    require(
        category is not None and category.active and category.parent_id is not None,
        "category",
        "Kies een (actieve) subcategorie.",
    )
    street = street.strip()
    postcode_obj = None
    if isinstance(postcode, Postcode):
        postcode_obj, postcode = postcode, postcode.code
    elif postcode:
        postcode_obj = Postcode.objects.filter(code=postcode.strip()).first()
        require(
            postcode_obj is not None, "postcode", f"Postcode {postcode} is geen Gentse postcode."
        )
    require(
        bool(street) or latitude is not None,
        "street",
        "Geef de straat, of laat het toestel de locatie geven.",
    )
    require(not street or postcode_obj is not None, "postcode", "Geef de postcode van de straat.")
    if isinstance(wijk, str):
        wijk = Wijk.objects.filter(code=wijk).first() if wijk else None
    wijk = wijk or wijk_of_place(
        street=street, postcode=postcode, latitude=latitude, longitude=longitude
    )
    require(
        wijk is not None,
        "wijk",
        "Deze straat staat niet in de stratenlijst: kies de wijk.",
    )
    reported_at = reported_at or timezone.now()
    day = timezone.localtime(reported_at).date()
    melding = Melding(
        category=category,
        team=category.team,
        reporting_office=reporting_office,
        created_by=actor,
        reported_at=reported_at,
        due_on=sla.due_date(day, category.sla_days, calendar_days=category.sla_calendar_days),
        status=Melding.Status.GEMELD,
        status_changed_at=reported_at,
        street=street,
        house_number=house_number.strip(),
        postcode=postcode_obj,
        latitude=latitude,
        longitude=longitude,
        place_note=place_note.strip(),
        wijk=wijk,
        description=description.strip(),
        reporter_kind=reporter_kind,
        reporter_name=reporter_name.strip(),
        reporter_email=reporter_email.strip(),
        reporter_phone=reporter_phone.strip(),
        organisation=organisation,
    )
    if administrative_report:
        melding.report_on = day
        melding.report_number = _report_number(day)
    check_dates_plausible(melding, "due_on")
    validate_and_save(melding)
    _event(melding, actor, status_from="")
    if photo is not None:
        _photo_add(actor, melding, photo)
    audit_record(
        actor=actor,
        action="create",
        obj=melding,
        detail={"category": category.code, "team": category.team.code, "wijk": wijk.code},
    )
    return melding


def _inform_reporter(melding: Melding, note: str) -> Notification | None:
    """The reporter who left an e-mail address hears the outcome, after the commit."""
    if not melding.reporter_email:
        return None
    label = dict(Melding.Status.choices)[melding.status]
    notification = validate_and_save(
        Notification(
            melding=melding,
            address=melding.reporter_email,
            subject=f"Uw melding {melding.number} is {label}",
            body=(
                f"Beste,\n\nUw melding {melding.number} ({melding.category}, {melding.place}) "
                f"is {label}.\n\n{note}\n\nMet vriendelijke groeten,\n{melding.team}\nStad Gent"
            ),
            created_at=timezone.now(),
        )
    )

    def send() -> None:
        send_mail(
            notification.subject,
            notification.body,
            settings.DEFAULT_FROM_EMAIL,
            [notification.address],
        )
        Notification.objects.filter(pk=notification.pk).update(sent_at=timezone.now())

    transaction.on_commit(send, robust=True)
    return notification


@transaction.atomic
def melding_transition(
    *, actor, melding_id: int, to: str, note: str = "", team: Office | None = None
) -> Melding:
    """Change a melding's state (the handling team): forwarding names the new team; the
    outcome (afgehandeld, geannuleerd) is told to a reporter who left an e-mail address."""
    melding = lock_for_transition(
        Melding.objects.select_related("category", "team"),
        melding_id,
        to=to,
        allowed=Melding.TRANSITIONS,
        labels=dict(Melding.Status.choices),
    )
    access_melding(actor, melding, Intent.EDIT)
    note = note.strip()
    require(
        bool(note) or to not in NOTE_REQUIRED,
        "note",
        "Schrijf wat er gebeurde (de melder leest dit).",
    )
    if to == Melding.Status.DOORGESTUURD:
        require(team is not None, "team", "Kies het team waarnaar u de melding doorstuurt.")
        require(team.pk != melding.team_id, "team", "De melding is al van dit team.")
        melding.team = team
    running = Conflict.objects.filter(melding=melding, status=Conflict.Status.RUNNING).exists()
    require(
        not (running and to in Melding.CLOSED),
        "note",
        "Sluit eerst het conflicttraject af (met de vraag 'voelde u zich geholpen?').",
    )
    previous = melding.status
    melding.status = to
    melding.status_changed_at = timezone.now()
    melding.closed_at = melding.status_changed_at if to in Melding.CLOSED else None
    validate_and_save(melding)
    _event(melding, actor, status_from=previous, note=note)
    informed = _inform_reporter(melding, note) if to in Melding.CLOSED else None
    audit_record(
        actor=actor,
        action="transition",
        obj=melding,
        detail={"from": previous, "to": to, "team": melding.team.code, "informed": bool(informed)},
    )
    return melding


@transaction.atomic
def melding_report_add(*, actor, melding_id: int, on: dt.date) -> Melding:
    """Write an administrative report (bestuurlijk verslag) on a melding: its own number."""
    melding = Melding.objects.select_for_update().get(pk=melding_id)
    access_melding_report(actor, melding)
    require(
        melding.report_number is None,
        "on",
        f"Er is al een bestuurlijk verslag ({melding.report_number}).",
    )
    melding.report_on = on
    check_dates_plausible(melding, "report_on")
    melding.report_number = _report_number(on)
    validate_and_save(melding)
    audit_record(
        actor=actor, action="update", obj=melding, detail={"report": melding.report_number}
    )
    return melding


@transaction.atomic
def melding_photo_add(*, actor, melding_id: int, photo) -> MeldingPhoto:
    melding = Melding.objects.get(pk=melding_id)
    access_melding(actor, melding, Intent.VIEW)
    added = _photo_add(actor, melding, photo)
    audit_record(actor=actor, action="create", obj=added, detail={"melding": melding.pk})
    return added


# -- conflicts -------------------------------------------------------------------------------


@transaction.atomic
def conflict_start(
    *,
    actor,
    melding_id: int,
    approach: str,
    started_on: dt.date,
    parties: list[dict[str, str]] = (),  # type: ignore[assignment]
) -> Conflict:
    """Take up a conflict melding (Preventie): the approach and the parties; the melding is
    then in behandeling."""
    melding = Melding.objects.select_for_update().select_related("category").get(pk=melding_id)
    access_melding(actor, melding, Intent.EDIT)
    require(
        melding.category.opens_conflict,
        "approach",
        "Deze melding is geen conflict tussen burgers.",
    )
    require(
        not Conflict.objects.filter(melding=melding).exists(), "approach", "Dit conflict loopt al."
    )
    require(melding.is_open, "approach", "Deze melding is afgesloten; heropen ze eerst.")
    conflict = Conflict(melding=melding, approach=approach, started_on=started_on)
    check_dates_plausible(conflict, "started_on")
    validate_and_save(conflict)
    for party in parties:
        validate_and_save(ConflictParty(conflict=conflict, **party))
    audit_record(actor=actor, action="create", obj=conflict, detail={"approach": approach})
    if melding.status != Melding.Status.IN_BEHANDELING:
        melding_transition(
            actor=actor,
            melding_id=melding.pk,
            to=Melding.Status.IN_BEHANDELING,
            note=f"Aanpak: {conflict.get_approach_display()}",
        )
    return conflict


@transaction.atomic
def conflict_party_add(
    *, actor, conflict_id: int, role: str, name: str, contact: str = ""
) -> ConflictParty:
    conflict = Conflict.objects.select_related("melding").get(pk=conflict_id)
    access_conflict(actor, conflict, Intent.EDIT)
    party = validate_and_save(
        ConflictParty(conflict=conflict, role=role, name=name.strip(), contact=contact.strip())
    )
    audit_record(actor=actor, action="create", obj=party, detail={"conflict": conflict.pk})
    return party


@transaction.atomic
def conflict_close(
    *, actor, conflict_id: int, ended_on: dt.date, helped: str, note: str
) -> Conflict:
    """Close the trajectory with the answer to 'voelde u zich geholpen?'; its melding is
    then afgehandeld (and the reporter told)."""
    conflict = lock_for_transition(
        Conflict.objects.select_related("melding"),
        conflict_id,
        to=Conflict.Status.CLOSED,
        allowed=Conflict.TRANSITIONS,
        labels=dict(Conflict.Status.choices),
    )
    access_conflict(actor, conflict, Intent.EDIT)
    require(
        helped in Conflict.Helped.values,
        "helped",
        "Noteer het antwoord op 'voelde u zich geholpen?'.",
    )
    require(ended_on >= conflict.started_on, "ended_on", "De einddatum ligt voor de startdatum.")
    conflict.status, conflict.ended_on, conflict.helped = Conflict.Status.CLOSED, ended_on, helped
    check_dates_plausible(conflict, "ended_on")
    validate_and_save(conflict)
    audit_record(
        actor=actor,
        action="transition",
        obj=conflict,
        detail={"to": "afgesloten", "helped": helped},
    )
    if conflict.melding.is_open:
        melding_transition(
            actor=actor, melding_id=conflict.melding_id, to=Melding.Status.AFGEHANDELD, note=note
        )
    return conflict
