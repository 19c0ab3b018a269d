"""Finding people: the search as you type and a person's page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from welzijn.casework import selectors as casework_selectors
from welzijn.casework.access import contacts_visible_to
from welzijn.core.roles import CASEWORK_ROLES, Role, roles_of
from welzijn.registry.access import active_restriction, may_see_situation
from welzijn.registry.selectors import person_get, person_search, person_situation
from welzijn.web.forms.common import SEARCH_MAX_LENGTH, today
from welzijn.web.views.common import casework_user


@login_required
def search(request):
    casework_user(request.user)
    query = request.GET.get("q", "")[:SEARCH_MAX_LENGTH]
    people = person_search(user=request.user, query=query, on=today()) if query else []
    visible = {}
    if people:
        households = [p.current_membership.household_id for p in people if p.current_membership]
        for d in casework_selectors.dossiers_of_households(request.user, households):
            visible.setdefault(d.household_id, []).append(d)
    context = {"query": query, "people": people, "dossiers": visible}
    template = "web/partials/search_results.html" if request.htmx else "web/search.html"
    return render(request, template, context)


@login_required
def person_detail(request, person_id):
    if Role.DPO not in roles_of(request.user):  # the DPO comes for the export and restriction
        casework_user(request.user)
    person = person_get(user=request.user, person_id=person_id, reason="persoonsfiche")
    memberships = list(person.memberships.select_related("household__address__wijk"))
    households = [m.household_id for m in memberships]
    dossiers = casework_selectors.dossiers_of_households(request.user, households)
    return render(
        request,
        "web/person.html",
        {
            "person": person,
            "restrictions": [r for r in [active_restriction(person)] if r],
            "memberships": memberships,
            "dossiers": dossiers,
            "contacts": list(
                contacts_visible_to(request.user)
                .filter(person=person)
                .select_related("office", "outcome", "referral__organisation")
                .order_by("-occurred_on", "-pk")[:20]
            ),
            # the DPO reads the file for the export and the restriction; they register nothing
            "registers": bool(roles_of(request.user) & CASEWORK_ROLES)
            and not person.merged_into_id,
            "situation": person_situation(person)
            if may_see_situation(request.user, person)
            else None,
        },
    )
