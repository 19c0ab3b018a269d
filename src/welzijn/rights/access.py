"""Who may see and act on a screening finding: the casework roles of the finding's office
(acting needs a role that may edit dossiers); a beheerder may look; an analist never. A
finding about a restricted household is hidden as its dossiers are (`registry.access`)."""

from welzijn.casework.access import office_ids_of
from welzijn.core.access import AccessDenied, Intent
from welzijn.core.roles import CASEWORK_ROLES, DOSSIER_EDIT_ROLES, Role, roles_of
from welzijn.registry.access import hidden_household_ids
from welzijn.rights.models import Finding


def access_finding(user, finding: Finding, intent: Intent = Intent.VIEW) -> Finding:
    if hidden_household_ids(user).filter(pk=finding.household_id).exists():
        raise AccessDenied("Dit dossier is beperkt.", finding)
    roles = roles_of(user)
    if intent is Intent.VIEW and Role.BEHEERDER in roles:
        return finding
    needed = DOSSIER_EDIT_ROLES if intent is Intent.EDIT else CASEWORK_ROLES
    if roles & needed and finding.office_id in office_ids_of(user):
        return finding
    raise AccessDenied("Geen toegang tot deze bevinding.", finding)
