"""Who may see or change what in the shelters.

| who                    | facilities, residents, waiting list | stays                      |
|------------------------|-------------------------------------|----------------------------|
| opvangmedewerker       | facilities of their offices (edit)  | in those facilities        |
| onthaal, mw, teamcoach | —                                   | of followed households (*) |
| beheerder              | view (audited)                      | view                       |
| analist, partner       | — (aggregates in the report)        | —                          |

(*) households with a dossier at the user's offices or shared with the user.

A facility belongs to one office (the team that works there): a StaffAssignment to that office
gives its opvangmedewerkers the facility. The point-in-time count is filled in by the
opvangmedewerkers (for their office) and by partner accounts (for their organisation) while
the count is open; each sees the forms of their own service; its totals are aggregates for
every role but the front desk. The opvangmedewerkers open a count, close it for entry and
publish its results (from then on the report counts it).
"""

from django.db.models import Q, QuerySet

from welzijn.casework.access import office_ids_of
from welzijn.core.access import AccessDenied, Intent
from welzijn.core.roles import CASEWORK_ROLES, Role, roles_of
from welzijn.registry.access import hidden_person_ids, organisation_id_of

from .models import Facility, PitCount, PitCountRecord, Stay, WaitingEntry

#: Roles that see the count's totals (aggregates, never a form of another service).
COUNT_TOTAL_ROLES = frozenset(
    {Role.OPVANG, Role.TEAMCOACH, Role.ANALIST, Role.BEHEERDER, Role.PARTNER}
)


def is_shelter_staff(user) -> bool:
    return Role.OPVANG in roles_of(user)


def facilities_visible_to(user) -> QuerySet[Facility]:
    roles = roles_of(user)
    if Role.BEHEERDER in roles:
        return Facility.objects.all()
    if Role.OPVANG in roles:
        return Facility.objects.filter(office_id__in=office_ids_of(user))
    return Facility.objects.none()


def access_facility(user, facility: Facility, intent: Intent = Intent.VIEW) -> Facility:
    roles = roles_of(user)
    if intent is Intent.VIEW and Role.BEHEERDER in roles:
        return facility
    if Role.OPVANG in roles and facility.office_id in office_ids_of(user):
        return facility
    raise AccessDenied("U werkt niet in deze opvangvoorziening.", facility)


def stays_visible_to(user) -> QuerySet[Stay]:
    """Stays in the user's facilities, and stays of persons whose households the user's
    offices follow (a dossier there or shared with the user)."""
    roles = roles_of(user)
    if Role.BEHEERDER in roles:
        return Stay.objects.all()
    if not roles & CASEWORK_ROLES:
        return Stay.objects.none()
    offices = office_ids_of(user)
    followed = Q(person__memberships__household__dossiers__office_id__in=offices) | Q(
        person__memberships__household__dossiers__shares__user_id=user.pk
    )
    if Role.OPVANG in roles:
        followed |= Q(facility__office_id__in=offices)
    return Stay.objects.filter(pk__in=Stay.objects.filter(followed).values("pk")).exclude(
        person_id__in=hidden_person_ids(user)
    )


def access_stay(user, stay: Stay, intent: Intent = Intent.VIEW) -> Stay:
    """EDIT (check-out, destination): the facility's staff; VIEW: as stays_visible_to."""
    if intent is Intent.EDIT:
        access_facility(user, stay.facility, Intent.EDIT)
        return stay
    if stays_visible_to(user).filter(pk=stay.pk).exists():
        return stay
    raise AccessDenied("Geen toegang tot dit verblijf.", stay)


def access_waiting(user, entry: WaitingEntry, intent: Intent = Intent.VIEW) -> WaitingEntry:
    try:
        access_facility(user, entry.facility, intent)
    except AccessDenied as refused:
        raise AccessDenied("Geen toegang tot deze wachtlijst.", entry) from refused
    return entry


def count_service_of(user) -> dict:
    """The service a user fills in the count for: {'organisation_id': …} for a partner,
    {'office_id': …} for an opvangmedewerker (their first office); {} for nobody."""
    roles = roles_of(user)
    if Role.PARTNER in roles and (org := organisation_id_of(user)) is not None:
        return {"organisation_id": org}
    if Role.OPVANG in roles and (offices := office_ids_of(user)):
        return {"office_id": min(offices)}
    return {}


def access_count_entry(user, count: PitCount) -> PitCount:
    """Filling in a form of the count: a service (team or partner) while the count is open."""
    if count.open_for_entry and count_service_of(user):
        return count
    raise AccessDenied("U kunt voor deze telling geen formulieren invullen.", count)


def may_manage_counts(user) -> bool:
    """Opening, closing and publishing a count: the opvangmedewerkers, who coordinate it."""
    return Role.OPVANG in roles_of(user)


def access_count_manage(user, count: PitCount | None = None) -> PitCount | None:
    if may_manage_counts(user):
        return count
    raise AccessDenied("Alleen de opvang opent, sluit en publiceert een telling.", count)


def access_count_totals(user, count: PitCount) -> PitCount:
    if roles_of(user) & COUNT_TOTAL_ROLES:
        return count
    raise AccessDenied("De resultaten van de telling zijn niet voor uw rol.", count)


def count_records_visible_to(user, count: PitCount) -> QuerySet[PitCountRecord]:
    """The forms of the user's own service (what they filled in); all of them for no one."""
    service = count_service_of(user)
    if not service:
        return PitCountRecord.objects.none()
    return PitCountRecord.objects.filter(count=count, **service)
