"""Create the role groups with their Django model permissions (for the admin)."""

from django.contrib.auth.models import Group, Permission

from welzijn.core.roles import Role

# What a beheerder may edit in the admin: users, roles and reference data.
BEHEERDER_EDITS = {
    "auth": ["user", "group"],
    "catalog": ["domain", "service", "outcome"],
    "registry": ["wijk", "postcode", "organisation", "statuskind"],
    "casework": ["office", "staffassignment"],
    "shelter": ["facility", "capacityperiod", "exitdestination", "pitcount"],
    "meldingen": ["category"],
    "subsidies": ["scheme", "call"],
    "volunteering": ["cause", "skill"],
    "pairedtests": ["characteristic"],
    "outputs": ["outputkind"],
    "api": ["apiclient"],
}
# What a beheerder may look at (read-only and audited in the admin).
BEHEERDER_VIEWS = {
    "core": ["auditevent"],
    "rights": ["screeningrun", "finding"],
    "registry": [
        "person",
        "household",
        "householdmembership",
        "address",
        "income",
        "socialstatus",
    ],
    "casework": ["dossier", "contact", "trajectory", "intervention", "decision"],
    "shelter": ["stay", "waitingentry", "refusal", "pitcountrecord"],
    "meldingen": ["melding", "conflict"],
    "subsidies": ["application"],
}


def roles_setup() -> dict[Role, Group]:
    groups = {role: Group.objects.get_or_create(name=role.value)[0] for role in Role}
    permissions = []
    for app, models in BEHEERDER_EDITS.items():
        for model in models:
            permissions += Permission.objects.filter(
                content_type__app_label=app, content_type__model=model
            )
    for app, models in BEHEERDER_VIEWS.items():
        permissions += Permission.objects.filter(
            content_type__app_label=app,
            content_type__model__in=models,
            codename__startswith="view_",
        )
    groups[Role.BEHEERDER].permissions.set(permissions)
    return groups
