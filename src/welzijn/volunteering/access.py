"""Who may see or change what at the Vrijwilligerspunt.

| role              | volunteers | vacancies                | matches                         |
|-------------------|------------|--------------------------|---------------------------------|
| vrijwilligerspunt | view, edit | view, edit (all)         | propose, answer both, follow up |
| partner           | —          | its organisation's: edit | of its vacancies: view, answer  |
| anyone else       | —          | —                        | —                               |

An organisation keeps its vacancies through its own account (`registry.OrganisationAccount`,
role `partner`): the partner role already means "sees only what belongs to its organisation"
(referrals sent to it), and vacancies and the matches proposed for them belong to it too. What
it sees of a proposed volunteer is what the proposal shows (name, age, what they offer), not
the volunteer's file.
"""

from django.db.models import QuerySet

from welzijn.core.access import AccessDenied, Intent
from welzijn.core.roles import Role, roles_of
from welzijn.registry.access import hidden_person_ids, organisation_id_of

from .models import Match, Vacancy, Volunteer

LOKET = Role.VRIJWILLIGERSPUNT


def is_loket(user) -> bool:
    return LOKET in roles_of(user)


def _organisation(user) -> int | None:
    return organisation_id_of(user) if Role.PARTNER in roles_of(user) else None


def volunteers_visible_to(user) -> QuerySet[Volunteer]:
    if not is_loket(user):
        return Volunteer.objects.none()
    return Volunteer.objects.exclude(person_id__in=hidden_person_ids(user))


def access_volunteer(user, volunteer: Volunteer, intent: Intent = Intent.VIEW) -> Volunteer:
    if is_loket(user) and not hidden_person_ids(user).filter(pk=volunteer.person_id).exists():
        return volunteer
    raise AccessDenied("Geen toegang tot deze vrijwilliger.", volunteer)


def vacancies_visible_to(user) -> QuerySet[Vacancy]:
    if is_loket(user):
        return Vacancy.objects.all()
    organisation = _organisation(user)
    if organisation is not None:
        return Vacancy.objects.filter(organisation_id=organisation)
    return Vacancy.objects.none()


def keeps_vacancies(user) -> bool:
    """The loket, or an organisation's (partner) account."""
    return is_loket(user) or _organisation(user) is not None


def may_keep_vacancies_of(user, organisation_id: int | None) -> bool:
    """The loket for every organisation; an organisation's account for its own."""
    return is_loket(user) or (
        organisation_id is not None and _organisation(user) == organisation_id
    )


def access_vacancy(user, vacancy: Vacancy, intent: Intent = Intent.VIEW) -> Vacancy:
    if may_keep_vacancies_of(user, vacancy.organisation_id):
        return vacancy
    raise AccessDenied("Geen toegang tot deze vacature.", vacancy)


def matches_visible_to(user) -> QuerySet[Match]:
    hidden = hidden_person_ids(user)
    if is_loket(user):
        return Match.objects.exclude(volunteer__person_id__in=hidden)
    organisation = _organisation(user)
    if organisation is not None:
        return Match.objects.filter(vacancy__organisation_id=organisation).exclude(
            volunteer__person_id__in=hidden
        )
    return Match.objects.none()


def access_match(user, match: Match, intent: Intent = Intent.VIEW) -> Match:
    """VIEW and EDIT (answering for the organisation): the loket and the vacancy's
    organisation; the volunteer's answer and the follow-up are the loket's (services)."""
    if may_keep_vacancies_of(user, match.vacancy.organisation_id) and not (
        hidden_person_ids(user).filter(pk=match.volunteer.person_id).exists()
    ):
        return match
    raise AccessDenied("Geen toegang tot deze match.", match)
