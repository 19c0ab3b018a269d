"""Who may see or act on a subsidy application.

| role              | what                                                              |
|-------------------|-------------------------------------------------------------------|
| aanvrager         | its own organisation's applications: write drafts, submit, report |
| subsidieambtenaar | the applications of the schemes its office runs: check, decide, pay |
| jurylid           | of its office's schemes, the applications that go to the jury      |
| beheerder         | view everything (audited)                                         |

An applicant's account is a `registry.OrganisationAccount` with the role `aanvrager`: it
is tied to its organisation, not to how it signed in, so an OpenID Connect login (e.g. the
Flemish government's ACM/IDM for associations) can later create or find the same account.
A partner's account (role `partner`) is another role on the same model: it sees referrals,
not subsidies.
"""

from django.db.models import Q, QuerySet

from welzijn.casework.access import office_ids_of
from welzijn.core.access import AccessDenied, Intent
from welzijn.core.roles import Role, roles_of
from welzijn.registry.access import organisation_id_of
from welzijn.subsidies.models import Application, Scheme

#: States the jury sees an application in (it went to the jury, or was decided after it).
JURY_STATES = (Application.Status.JURY, Application.Status.REFUSED, *Application.GRANTED_STATES)


def scheme_ids_of(user) -> frozenset[int]:
    """Schemes run by the user's offices (for officials and jurors)."""
    offices = office_ids_of(user)
    return frozenset(Scheme.objects.filter(office_id__in=offices).values_list("pk", flat=True))


def acts_as(user, application: Application, role: Role) -> bool:
    """Whether the user holds `role` towards this application."""
    if role not in roles_of(user):
        return False
    if role is Role.AANVRAGER:
        org = organisation_id_of(user)
        return org is not None and application.organisation_id == org
    in_scheme = application.call.scheme_id in scheme_ids_of(user)
    if role is Role.JURY:
        return (
            in_scheme
            and application.jury_deadline is not None
            and application.status in JURY_STATES
        )
    return role is Role.SUBSIDIES and in_scheme


def require(user, application: Application, role: Role, message: str) -> Application:
    if not acts_as(user, application, role):
        raise AccessDenied(message, application)
    return application


def access_application(user, application: Application, intent: Intent = Intent.VIEW) -> Application:
    """VIEW: as applications_visible_to; EDIT: the applicant or an official of the scheme
    (which of them may do what, in which state, the service functions say)."""
    roles = (Role.AANVRAGER, Role.SUBSIDIES)
    if intent is Intent.VIEW:
        roles += (Role.JURY,)
        if Role.BEHEERDER in roles_of(user):
            return application
    if any(acts_as(user, application, role) for role in roles):
        return application
    raise AccessDenied("Geen toegang tot deze subsidieaanvraag.", application)


def applications_visible_to(user) -> QuerySet[Application]:
    roles = roles_of(user)
    if Role.BEHEERDER in roles:
        return Application.objects.all()
    visible = Q(pk__in=[])
    if Role.AANVRAGER in roles and organisation_id_of(user) is not None:
        visible |= Q(organisation_id=organisation_id_of(user))
    if roles & {Role.SUBSIDIES, Role.JURY}:
        schemes = scheme_ids_of(user)
        if Role.SUBSIDIES in roles:
            visible |= Q(call__scheme_id__in=schemes)
        else:
            visible |= Q(
                call__scheme_id__in=schemes, jury_deadline__isnull=False, status__in=JURY_STATES
            )
    return Application.objects.filter(visible)


def schemes_visible_to(user) -> QuerySet[Scheme]:
    """Officials and jurors: their offices' schemes; applicants: every scheme (to apply)."""
    roles = roles_of(user)
    if Role.BEHEERDER in roles or Role.AANVRAGER in roles:
        return Scheme.objects.all()
    if roles & {Role.SUBSIDIES, Role.JURY}:
        return Scheme.objects.filter(pk__in=scheme_ids_of(user))
    return Scheme.objects.none()
