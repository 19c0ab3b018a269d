"""Who registers which figures (role x the team that reports the kind).

| role          | monthly figures of the own team's kinds | external figures |
|---------------|-----------------------------------------|------------------|
| maandcijfers  | view, register, correct, cancel         | —                |
| analist       | — (sees them in the report)              | view, register   |
| other roles   | —                                       | —                |

A beheerder says which team reports which kind (`OutputKind.office`, in the admin). The
figures are totals, not personal data; the access rule keeps one team from changing
another's.
"""

from django.db.models import QuerySet

from welzijn.casework.access import office_ids_of
from welzijn.core.access import AccessDenied
from welzijn.core.roles import OUTPUT_ROLES, Role, roles_of
from welzijn.outputs.models import MonthlyOutput, OutputKind


def kinds_visible_to(user) -> QuerySet[OutputKind]:
    """The kinds the user reports: of their teams, if their role registers figures."""
    if not roles_of(user) & OUTPUT_ROLES:
        return OutputKind.objects.none()
    return OutputKind.objects.filter(office_id__in=office_ids_of(user))


def access_output_kind(user, kind: OutputKind) -> OutputKind:
    if roles_of(user) & OUTPUT_ROLES and kind.office_id in office_ids_of(user):
        return kind
    raise AccessDenied("U rapporteert geen cijfers voor deze dienst.", kind)


def access_monthly_output(user, output: MonthlyOutput) -> MonthlyOutput:
    access_output_kind(user, output.kind)
    return output


def access_external_figures(user) -> None:
    if Role.ANALIST not in roles_of(user):
        raise AccessDenied("Externe cijfers worden geregistreerd door een analist.")
