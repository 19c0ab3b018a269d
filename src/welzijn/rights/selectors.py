"""The rights worklist of a user's offices."""

from django.db.models import OuterRef, Subquery

from welzijn.casework.access import office_ids_of
from welzijn.casework.models import Dossier
from welzijn.core.roles import CASEWORK_ROLES, roles_of
from welzijn.rights.models import Finding
from welzijn.rights.snapshots import with_explanations


def worklist(user, limit: int = 200) -> list[Finding]:
    """Open 'entitled but does not receive' findings of the user's offices, each with
    `dossier_id`: the household's open dossier at the finding's office, if any."""
    if not roles_of(user) & CASEWORK_ROLES:
        return []
    return with_explanations(
        list(
            Finding.objects.filter(
                office_id__in=office_ids_of(user),
                outcome=Finding.Outcome.UNDERPROTECTED,
                review=Finding.Review.OPEN,
            )
            .select_related("household", "person", "office")
            .annotate(
                dossier_id=Subquery(
                    Dossier.objects.filter(
                        household=OuterRef("household"),
                        office=OuterRef("office"),
                        status=Dossier.Status.OPEN,
                    ).values("pk")[:1]
                )
            )
            .order_by("-reference_date", "right", "household_id")[:limit]
        )
    )
