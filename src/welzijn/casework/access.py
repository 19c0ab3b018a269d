"""Who may see or change a dossier and what is in it (role x office x sharing).

| role                   | own office      | other office | shared with them |
|------------------------|-----------------|--------------|------------------|
| onthaal                | view            | —            | view             |
| maatschappelijk werker | view, edit      | —            | view, edit       |
| teamcoach              | view, edit      | —            | view, edit       |
| analist                | —               | —            | —                |
| beheerder              | view (audited)  | view         | view             |

Opening a dossier and registering an onthaal contact need a casework role in that office.

A referral to a partner organisation is seen by the casework roles of the office that made
it and by the partner's accounts, who answer it (accept or decline).

A confidential note of the sociaal verslag is read only by the caseworkers and teamcoaches of
the dossier's own office: not by the front desk, not by a colleague the dossier is shared
with, not by the beheerder.

A dossier of a household with a restricted person (`registry.Restriction`) is read only by
its responsible caseworker (`Dossier.caseworker`); the data protection officer reads it
through the subject-access export. Contacts and referrals about a restricted person follow
`registry.access.hidden_person_ids`.
"""

from django.db.models import Q, QuerySet

from welzijn.casework.models import CaseNote, Contact, Dossier, DossierShare, Office, Referral
from welzijn.core.access import AccessDenied, Intent
from welzijn.core.roles import CASEWORK_ROLES, DOSSIER_EDIT_ROLES, Role, roles_of
from welzijn.registry.access import (
    hidden_person_ids,
    organisation_id_of,
    refuse_if_restricted,
    restricted_household_ids,
)


def office_ids_of(user) -> frozenset[int]:
    """Offices the user works for, cached on the user object for the request."""
    cached = getattr(user, "_welzijn_office_ids", None)
    if cached is None:
        cached = frozenset(user.assignments.values_list("office_id", flat=True))
        user._welzijn_office_ids = cached
    return cached


def access_office(user, office: Office, intent: Intent = Intent.EDIT) -> Office:
    if roles_of(user) & CASEWORK_ROLES and office.pk in office_ids_of(user):
        return office
    raise AccessDenied("U werkt niet voor dit welzijnsbureau of team.", office)


def _restricted_for(user, dossier: Dossier) -> bool:
    return (
        dossier.caseworker_id != user.pk
        and restricted_household_ids().filter(household_id=dossier.household_id).exists()
    )


def access_dossier(user, dossier: Dossier, intent: Intent = Intent.VIEW) -> Dossier:
    if _restricted_for(user, dossier):
        raise AccessDenied("Dit dossier is beperkt.", dossier)
    roles = roles_of(user)
    if intent is Intent.VIEW and Role.BEHEERDER in roles:
        return dossier
    needed = DOSSIER_EDIT_ROLES if intent is Intent.EDIT else CASEWORK_ROLES
    if roles & needed and (
        dossier.office_id in office_ids_of(user) or dossier.shares.filter(user_id=user.pk).exists()
    ):
        return dossier
    raise AccessDenied("Geen toegang tot dit dossier.", dossier)


def dossiers_visible_to(user) -> QuerySet[Dossier]:
    """The same rule as access_dossier(VIEW), as a queryset filter for lists and search."""
    roles = roles_of(user)
    if Role.BEHEERDER in roles:
        dossiers = Dossier.objects.all()
    elif not roles & CASEWORK_ROLES:
        return Dossier.objects.none()
    else:
        # the shares as a subquery, not a join: no duplicate rows to remove by DISTINCT,
        # which made the database sort every column of every visible dossier for a page
        shared = DossierShare.objects.filter(user_id=user.pk).values("dossier_id")
        dossiers = Dossier.objects.filter(Q(office_id__in=office_ids_of(user)) | Q(pk__in=shared))
    return dossiers.exclude(
        Q(household_id__in=restricted_household_ids()) & ~Q(caseworker_id=user.pk)
    )


def contacts_visible_to(user) -> QuerySet[Contact]:
    """Onthaal contacts of the user's offices (all of them for a beheerder)."""
    roles = roles_of(user)
    if Role.BEHEERDER in roles:
        contacts = Contact.objects.all()
    elif not roles & CASEWORK_ROLES:
        return Contact.objects.none()
    else:
        contacts = Contact.objects.filter(office_id__in=office_ids_of(user))
    return contacts.exclude(person_id__in=hidden_person_ids(user))


def referrals_visible_to(user) -> QuerySet[Referral]:
    roles = roles_of(user)
    if Role.BEHEERDER in roles:
        referrals = Referral.objects.all()
    elif Role.PARTNER in roles and organisation_id_of(user) is not None:
        referrals = Referral.objects.filter(organisation_id=organisation_id_of(user))
    elif roles & CASEWORK_ROLES:
        referrals = Referral.objects.filter(contact__office_id__in=office_ids_of(user))
    else:
        return Referral.objects.none()
    return referrals.exclude(contact__person_id__in=hidden_person_ids(user))


def access_referral(user, referral: Referral, intent: Intent = Intent.VIEW) -> Referral:
    """VIEW: as referrals_visible_to; EDIT (answering): the partner's accounts only."""
    if referral.contact.person_id:
        refuse_if_restricted(user, referral.contact.person)
    roles = roles_of(user)
    partner = Role.PARTNER in roles and referral.organisation_id == organisation_id_of(user)
    if intent is Intent.EDIT:
        if partner:
            return referral
    elif (
        partner
        or Role.BEHEERDER in roles
        or (roles & CASEWORK_ROLES and referral.contact.office_id in office_ids_of(user))
    ):
        return referral
    raise AccessDenied("Geen toegang tot deze doorverwijzing.", referral)


def access_contact(user, contact: Contact, intent: Intent = Intent.VIEW) -> Contact:
    """A contact belongs to the office that registered it: its staff change it."""
    if contact.person_id:
        refuse_if_restricted(user, contact.person)
    if intent is Intent.VIEW and Role.BEHEERDER in roles_of(user):
        return contact
    access_office(user, contact.office, intent)
    return contact


def may_read_confidential(user, dossier: Dossier) -> bool:
    """The one rule for confidential notes (caseworkers and teamcoaches of the dossier's own
    office; not the front desk); access_note and notes_visible_to apply it."""
    return bool(roles_of(user) & DOSSIER_EDIT_ROLES) and dossier.office_id in office_ids_of(user)


def access_note(user, note: CaseNote, intent: Intent = Intent.VIEW) -> CaseNote:
    access_dossier(user, note.dossier, intent)
    if note.confidential and not may_read_confidential(user, note.dossier):
        raise AccessDenied("Deze notitie is vertrouwelijk.", note)
    return note


def notes_visible_to(user, dossier: Dossier) -> QuerySet[CaseNote]:
    """The notes of a dossier the user may read (after access_dossier(VIEW) on it)."""
    notes = CaseNote.objects.filter(dossier=dossier)
    return notes if may_read_confidential(user, dossier) else notes.filter(confidential=False)
