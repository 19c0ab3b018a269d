"""Roles are Django groups; these are their names and what each may do."""

from enum import StrEnum


class Role(StrEnum):
    ONTHAAL = "onthaal"
    MAATSCHAPPELIJK_WERKER = "maatschappelijk werker"
    TEAMCOACH = "teamcoach"
    ANALIST = "analist"
    BEHEERDER = "beheerder"
    #: An account of a partner organisation (CAW, a ziekenfonds, ...): sees only what was
    #: sent to its organisation, such as the referrals made to it.
    PARTNER = "partner"
    #: Staff of a shelter or reception facility (through the facility's office).
    OPVANG = "opvangmedewerker"
    #: A gemeenschapswacht: reports pollution, defects and infringements in the street.
    GEMEENSCHAPSWACHT = "gemeenschapswacht"
    #: Dienst Preventie voor Veiligheid: takes up conflicts between citizens.
    PREVENTIE = "preventiemedewerker"
    #: A team that receives meldingen and handles them (cleaning, repair, wooncoaches, ...).
    MELDINGEN_BEHANDELAAR = "behandelaar meldingen"
    #: A neighbourhood worker (buurtwerk) or another team that holds sessions with groups:
    #: registers the team's activities (Repair Cafés, trainings, ...) and their participants.
    BUURTWERK = "buurtwerker"
    #: The representative of an association (vzw, feitelijke vereniging) that applies for a
    #: subsidy: sees only its own organisation's applications (not referrals, unlike a partner).
    AANVRAGER = "aanvrager"
    #: A subsidy official of the team that runs a scheme (Samen aan zet, ...): checks and
    #: decides the applications of the schemes of their office.
    SUBSIDIES = "subsidieambtenaar"
    #: A member of a scheme's jury: scores and advises applications above the jury threshold.
    JURY = "jurylid"
    #: The Vrijwilligerspunt's loket: registers volunteers, matches them with vacancies.
    VRIJWILLIGERSPUNT = "vrijwilligerspunt"
    #: The equal-opportunities team: runs the praktijktesten on the rental market.
    GELIJKE_KANSEN = "gelijkekansen"
    #: A trajectbegeleider of the Dienst Werk en Activering: answers work questions, keeps
    #: employers and placements, follows the dossiers (art. 60, activation) of their office.
    WERK = "trajectbegeleider werk"
    #: The Energiecel: LAC dossiers and sessions, energy scans, energy aid and premiums.
    ENERGIECEL = "energiecel"
    #: A wooncoach: rent-arrears meldingen, housing trajectories, rent guarantees.
    WOONCOACH = "wooncoach"
    #: A team that reports monthly totals (meals served, rides, tons) for its services.
    MAANDCIJFERS = "maandcijfers"
    #: The data protection officer: exports what welzijn holds about a person (subject
    #: access) and restricts a person's file (restriction, objection); reads identity data.
    DPO = "dpo"


#: Roles that work with people and dossiers of their office.
CASEWORK_ROLES = frozenset(
    {Role.ONTHAAL, Role.MAATSCHAPPELIJK_WERKER, Role.TEAMCOACH, Role.OPVANG, Role.WERK}
)
#: Roles that may change a dossier's content (trajectories, interventions, decisions).
DOSSIER_EDIT_ROLES = frozenset({Role.MAATSCHAPPELIJK_WERKER, Role.TEAMCOACH, Role.WERK})
#: Roles that register meldingen and work on those of their team.
MELDINGEN_ROLES = frozenset(
    {Role.GEMEENSCHAPSWACHT, Role.PREVENTIE, Role.MELDINGEN_BEHANDELAAR, Role.WOONCOACH}
)
#: Roles that register sessions of their team and the participants (activities app).
ACTIVITY_ROLES = frozenset({Role.BUURTWERK})
#: Roles that may look people up in the registry by name, to link what they register to a
#: person: the casework roles, the beheerder (read-only) and the activity roles.
PERSON_SEARCH_ROLES = CASEWORK_ROLES | ACTIVITY_ROLES | {Role.BEHEERDER}
#: Roles that register their team's monthly figures (outputs app); an analist registers the
#: external figures.
OUTPUT_ROLES = frozenset({Role.MAANDCIJFERS})
#: Roles of the subsidy pages: the applicant, the official and the jury.
SUBSIDY_ROLES = frozenset({Role.AANVRAGER, Role.SUBSIDIES, Role.JURY})
#: Roles of the Energiecel's and the housing team's pages (app `energy`).
ENERGY_ROLES = frozenset({Role.ENERGIECEL, Role.WOONCOACH})


def roles_of(user) -> frozenset[Role]:
    """The user's roles, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_welzijn_roles", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        cached = frozenset(role for role in Role if role.value in names)
        user._welzijn_roles = cached
    return cached
