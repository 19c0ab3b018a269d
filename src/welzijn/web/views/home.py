"""The home page: the user's dossiers, trajectories ending soon, the rights worklist."""

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render

from welzijn.casework import selectors as casework_selectors
from welzijn.core.audit import audit_record
from welzijn.core.roles import (
    ACTIVITY_ROLES,
    CASEWORK_ROLES,
    DOSSIER_EDIT_ROLES,
    ENERGY_ROLES,
    MELDINGEN_ROLES,
    OUTPUT_ROLES,
    SUBSIDY_ROLES,
    Role,
    roles_of,
)
from welzijn.rights import selectors as rights_selectors
from welzijn.web.forms.common import today


@login_required
def home(request):
    roles = roles_of(request.user)
    if Role.VRIJWILLIGERSPUNT in roles:
        return redirect("web:volunteering_home")
    if Role.GELIJKE_KANSEN in roles:
        return redirect("web:pairedtests_home")
    if Role.WERK in roles:
        return redirect("web:werk_home")
    if roles & ENERGY_ROLES:
        return redirect("web:energie" if Role.ENERGIECEL in roles else "web:wonen")
    if Role.PARTNER in roles:
        return redirect("web:referrals")
    if Role.OPVANG in roles:
        return redirect("web:opvang_board")
    if Role.TEAMCOACH in roles and Role.MAATSCHAPPELIJK_WERKER not in roles:
        return redirect("web:teamcoach")  # the team's caseload, queue and deadlines
    if roles & MELDINGEN_ROLES and not roles & CASEWORK_ROLES:
        return redirect("web:conflicts" if Role.PREVENTIE in roles else "web:meldingen")
    if roles & ACTIVITY_ROLES and not roles & CASEWORK_ROLES:
        return redirect("web:activities")
    if roles & OUTPUT_ROLES and not roles & CASEWORK_ROLES:
        return redirect("web:outputs")
    if roles & SUBSIDY_ROLES and not roles & CASEWORK_ROLES:
        return redirect("web:subsidies")
    if not roles & CASEWORK_ROLES:
        return render(request, "web/home_other.html", {"is_analist": Role.ANALIST in roles})
    with transaction.atomic():
        own, dossiers = casework_selectors.my_dossiers(request.user)
        context = {
            "own": own,
            "dossiers": dossiers,
            "ending": casework_selectors.trajectories_ending_soon(request.user, today=today()),
            "worklist": rights_selectors.worklist(request.user, limit=10),
            "agenda": casework_selectors.my_agenda(request.user),
            "may_edit": bool(roles & DOSSIER_EDIT_ROLES),
        }
        audit_record(
            actor=request.user, action="list", object_type="web.home", reason="startpagina"
        )
    return render(request, "web/home.html", context)
