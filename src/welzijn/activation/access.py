"""Who may see or change what of the Dienst Werk en Activering.

| role                   | questions, Jobteam, employers, buyers | placements               |
|------------------------|---------------------------------------|--------------------------|
| trajectbegeleider werk | view, edit (the Dienst is city-wide)  | of dossiers they may see |
| anyone else            | —                                     | —                        |

A placement belongs to a casework trajectory, so it follows the dossier's rule
(`casework.access`): the dossier's office and whom it is shared with; changing it needs the
right to edit the dossier.
"""

from django.db.models import QuerySet

from welzijn.casework.access import access_dossier, dossiers_visible_to
from welzijn.core.access import AccessDenied, Intent
from welzijn.core.roles import Role, roles_of
from welzijn.registry.access import hidden_person_ids

from .models import Placement, Question


def is_werk(user) -> bool:
    return Role.WERK in roles_of(user)


def require_werk(user) -> None:
    if not is_werk(user):
        raise AccessDenied("Dit is het werk van de Dienst Werk en Activering.")


def access_werk(user, obj, intent: Intent = Intent.VIEW):
    """A question, a Jobteam guidance, an employer or a buyer: the Dienst's staff, unless it
    is about a person whose file is restricted (`registry.access`)."""
    person_id = getattr(obj, "person_id", None)
    if is_werk(user) and not (
        person_id is not None and hidden_person_ids(user).filter(pk=person_id).exists()
    ):
        return obj
    raise AccessDenied("Geen toegang.", obj)


def questions_visible_to(user) -> QuerySet[Question]:
    if not is_werk(user):
        return Question.objects.none()
    return Question.objects.exclude(person_id__in=hidden_person_ids(user))


def placements_visible_to(user) -> QuerySet[Placement]:
    if not is_werk(user):
        return Placement.objects.none()
    return Placement.objects.filter(trajectory__dossier__in=dossiers_visible_to(user))


def access_placement(user, placement: Placement, intent: Intent = Intent.VIEW) -> Placement:
    require_werk(user)
    access_dossier(user, placement.trajectory.dossier, intent)
    return placement
