"""Every URL pattern of the project x every role x an object of the own office, of another
office and one shared with the user.

The patterns come from the URLconf, so a new view is covered without editing this test, and
`test_every_url_pattern_has_an_expectation` fails until the view has a line in EXPECTED. For
each answer the test checks the status, that a refused answer shows no person of the test
world at all, and that an answer showing a person added an audit event.
"""

import datetime as dt
import re
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from factories import (
    SUBSIDY_OFFICE,
    applicant,
    association,
    dossier,
    household,
    login_with_second_step,
    person,
    subsidy_application,
    user,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from welzijn.casework import services as casework
from welzijn.core.models import AuditEvent
from welzijn.core.roles import Role
from welzijn.registry.models import Organisation, OrganisationAccount
from welzijn.rights.models import Finding, ScreeningRun

pytestmark = pytest.mark.django_db

OWN, OTHER, SHARED = "own", "other", "shared"
RELATIONS = (OWN, OTHER, SHARED)
ON, MW, TC, AN, BH, PA, OP, BW = (
    Role.ONTHAAL,
    Role.MAATSCHAPPELIJK_WERKER,
    Role.TEAMCOACH,
    Role.ANALIST,
    Role.BEHEERDER,
    Role.PARTNER,
    Role.OPVANG,
    Role.BUURTWERK,
)
GW, PR, MB = Role.GEMEENSCHAPSWACHT, Role.PREVENTIE, Role.MELDINGEN_BEHANDELAAR
AA, SU, JU = Role.AANVRAGER, Role.SUBSIDIES, Role.JURY
VW, GK, WK = Role.VRIJWILLIGERSPUNT, Role.GELIJKE_KANSEN, Role.WERK
EC, WC, MC = Role.ENERGIECEL, Role.WOONCOACH, Role.MAANDCIJFERS
DP = Role.DPO
ROLES = (ON, MW, TC, AN, BH, PA, OP, BW, GW, PR, MB, AA, SU, JU, VW, GK, WK, EC, WC, MC, DP)
CASEWORK = {ON, MW, TC, OP, WK}
COUNT_ROLES = {OP, TC, AN, BH, PA}
EDIT = {MW, TC, WK}
REPORT = {AN, BH, TC}
MERGE = {TC, BH}
D = dt.date


def _walk(resolvers, prefix=""):
    for entry in resolvers:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from _walk(entry.url_patterns, namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{prefix}{entry.name}", entry


PATTERNS = dict(_walk(get_resolver().url_patterns))
# The API's patterns (api:) answer JSON to tokens and sessions: tests/api walks them per role.
WEB_PATTERNS = sorted(
    name for name in PATTERNS if not name.startswith(("admin:", "api:", "api_clients:"))
)
ADMIN_PATTERNS = sorted(name for name in PATTERNS if name.startswith("admin:"))


# -- the expectations: (role, relation) -> status, for GET and for an invalid POST -----------


def _dossier(allowed_roles, beheerder_views=True):
    def rule(role, relation):
        if role in allowed_roles and relation in (OWN, SHARED):
            return 200
        return 200 if beheerder_views and role is BH else 404

    return rule


def _casework(role, relation):
    return 200 if role in CASEWORK else 404


def _followed(role, relation):
    """Registry data of a household an office follows (has a dossier on): that office and
    those it is shared with; the world's households all have a dossier."""
    return 200 if role in CASEWORK and relation in (OWN, SHARED) else 404


def _merging(role, relation):
    """A teamcoach merges people their offices follow; a beheerder anyone."""
    if role is BH:
        return 200
    return 200 if role in MERGE and relation in (OWN, SHARED) else 404


def _finding(allowed_roles):
    def rule(role, relation):
        return 200 if role in allowed_roles and relation == OWN else 404

    return rule


def _own_office(allowed_roles):
    """Only the object's own office: a contact, a confidential note."""

    def rule(role, relation):
        return 200 if role in allowed_roles and relation == OWN else 404

    return rule


def _own_team(role, relation):
    """A session or series, with its participants' names: its organising team only."""
    return 200 if role is BW and relation == OWN else 404


def _report(ok):
    return lambda role, relation: ok if role in REPORT else 403


def _fixed(status):
    return lambda role, relation: status


def _meldingen_role(role, relation):
    return 200 if role in (GW, PR, MB, WC) else 404


def _melding_view(role, relation):
    """The world's own melding: reported by the wardens, handled by netheid; the shared one:
    reported by the wardens, handled by herstel; the other: herstel's own."""
    if role is GW:
        return 200 if relation != OTHER else 404
    return 200 if role is MB and relation == OWN else 404


def _melding_handler(role, relation):
    return 200 if role is MB and relation == OWN else 404


def _conflict_handler(role, relation):
    return 200 if role is PR and relation == OWN else 404


# -- subsidies: the world's application (granted, after the jury) is the own association's in
# the own team's scheme (own), another association's in another team's scheme (other), and
# another association's in the own team's scheme (shared: the official sees it, the
# association that is not its own does not).


def _subsidy(roles_for_relation):
    """roles_for_relation: relation -> the roles that get 200 (the beheerder views all)."""

    def rule(role, relation):
        return 200 if role in roles_for_relation.get(relation, ()) else 404

    return rule


_STAFF_VIEW = {OWN: {AA, SU, JU, BH}, OTHER: {BH}, SHARED: {SU, JU, BH}}
_APPLICANT = {OWN: {AA}}
_OFFICIAL = {OWN: {SU}, SHARED: {SU}}
_JUROR = {OWN: {JU}, SHARED: {JU}}


def _only(*roles):
    """A team's own pages: its role(s), whatever the object's relation."""
    return lambda role, relation: 200 if role in roles else 404


def _organisation(role, relation):
    """The Vrijwilligerspunt: every vacancy; an organisation's account: its own (the world's
    own and shared vacancies belong to the partner's organisation)."""
    return 200 if role is VW or (role is PA and relation in (OWN, SHARED)) else 404


def _own_energy(team):
    """A record of the Energiecel or the wooncoaches: their own office's only (the world's
    other and shared records are of a team at another office)."""
    return lambda role, relation: 200 if role is team and relation == OWN else 404


@dataclass(frozen=True)
class Expect:
    get: object  # (role, relation) -> status
    post: object | None = None  # the same for a POST with invalid data; None = not sent

    def status(self, method, role, relation):
        rule = self.get if method == "get" else self.post
        return rule(role, relation)


def _form(rule):
    """A form page: GET shows it (200), an invalid POST shows it again (400)."""
    return Expect(rule, lambda role, rel: 400 if rule(role, rel) == 200 else rule(role, rel))


def _post_only(rule):
    return Expect(_fixed(405), rule)


SUBSIDY_EXPECTED = {
    "web:subsidies": Expect(lambda role, rel: 200 if role in (AA, SU, JU, BH) else 404),
    "web:subsidy_advice_new": _form(lambda role, rel: 200 if role == SU else 404),
    "web:subsidy_call": Expect(_subsidy({OWN: {SU, JU, BH}, OTHER: {BH}, SHARED: {SU, JU, BH}})),
    # Every association may start an application to any call (the other team's too).
    "web:subsidy_application_new": _form(lambda role, rel: 200 if role is AA else 404),
    "web:subsidy_application": Expect(_subsidy(_STAFF_VIEW)),
    "web:subsidy_letter": Expect(_subsidy(_STAFF_VIEW)),
    "web:subsidy_application_edit": _form(_subsidy(_APPLICANT)),
    "web:subsidy_line_new": _form(_subsidy(_APPLICANT)),
    # Granted: no more changes to the budget or the submission (400 with the reason).
    "web:subsidy_line_remove": _post_only(
        lambda r, rel: 400 if _subsidy(_APPLICANT)(r, rel) == 200 else 404
    ),
    "web:subsidy_application_submit": _post_only(
        lambda r, rel: 400 if _subsidy(_APPLICANT)(r, rel) == 200 else 404
    ),
    "web:subsidy_final_report": _form(_subsidy(_APPLICANT)),
    "web:subsidy_application_check": _form(_subsidy(_OFFICIAL)),
    "web:subsidy_application_decide": _form(_subsidy(_OFFICIAL)),
    "web:subsidy_payment_new": _form(_subsidy(_OFFICIAL)),
    "web:subsidy_application_close": _form(_subsidy(_OFFICIAL)),
    "web:subsidy_jury_score": _form(_subsidy(_JUROR)),
}
EXPECTED = {
    # partner: to the referrals; opvang: to tonight's board; meldingen roles: their list;
    # buurtwerker: to the activities; an association, subsidy official, juror: the subsidies
    # the Vrijwilligerspunt and Gelijke Kansen: their team's start page; a teamcoach: the team
    "web:home": Expect(
        lambda role, rel: (
            302 if role in (PA, OP, BW, GW, PR, MB, AA, SU, JU, VW, GK, TC, WK, EC, WC, MC) else 200
        )
    ),
    "web:login": Expect(_fixed(302)),  # a logged-in user is sent on
    "web:logout": Expect(_fixed(405)),  # POST only
    "web:otp_verify": Expect(_fixed(302)),  # nobody here owes a code: sent on
    "web:otp_setup": Expect(_fixed(200)),  # anyone may set up an authenticator app
    "admin_login": Expect(_fixed(302)),  # the admin's login is the workplace's
    "web:search": Expect(_casework),
    "web:person": Expect(lambda role, rel: 200 if role in CASEWORK | {DP} else 404),
    # The data protection officer's export and restriction of a person's file.
    "web:subject_pdf": Expect(_only(DP)),
    "web:subject_json": Expect(_only(DP)),
    "web:restrict": _form(_only(DP)),
    "web:restriction_lift": _form(_only(DP)),
    "web:person_new": _form(_casework),
    "web:person_edit": _form(_followed),
    "web:person_merge": _form(_merging),  # a beheerder comes from the admin's action
    "web:contact_new": _form(_casework),
    "web:dossier_open": _form(_casework),
    "web:dossier": Expect(_dossier(CASEWORK)),
    "web:dossier_transition": _form(_dossier(EDIT, beheerder_views=False)),
    "web:trajectory_new": _form(_dossier(EDIT, beheerder_views=False)),
    "web:trajectory_end": _form(_dossier(EDIT, beheerder_views=False)),
    "web:intervention_new": _form(_dossier(EDIT, beheerder_views=False)),
    "web:decision_new": _form(_dossier(EDIT, beheerder_views=False)),
    "web:decision_hearing": _form(_dossier(EDIT, beheerder_views=False)),
    "web:notes": Expect(_dossier(CASEWORK)),
    "web:note_new": _form(_dossier(EDIT, beheerder_views=False)),
    # The world's note is confidential: not for a colleague it is shared with.
    "web:note_correct": _form(_own_office(EDIT)),
    "web:document_new": _form(_dossier(EDIT, beheerder_views=False)),
    "web:document_download": Expect(_dossier(CASEWORK)),
    "web:document_withdraw": _form(_dossier(EDIT, beheerder_views=False)),
    "web:task_new": _form(_dossier(EDIT, beheerder_views=False)),
    # Marking done is the action itself: 302 back to the dossier, then 409 (done already).
    "web:task_done": _post_only(
        lambda role, rel: (
            (302, 409) if _dossier(EDIT, beheerder_views=False)(role, rel) == 200 else 404
        )
    ),
    "web:contact_cancel": _form(_own_office(CASEWORK)),
    "web:intervention_cancel": _form(_dossier(EDIT, beheerder_views=False)),
    "web:decision_cancel": _form(_dossier(EDIT, beheerder_views=False)),
    # Households and a person's situation: registry data, edited by every casework role.
    "web:household_new": _form(_followed),
    "web:household": Expect(_casework),
    "web:member_add": _form(_followed),
    "web:membership_end": _form(_followed),
    "web:household_move": _form(_followed),
    "web:household_status_new": _form(_followed),
    "web:income_new": _form(_followed),
    "web:income_edit": _form(_followed),
    "web:income_end": _form(_followed),
    "web:person_status_new": _form(_followed),
    "web:status_end": _form(_followed),
    "web:worklist": Expect(_casework),
    # Accepting is the action itself: 302 back to the worklist (no htmx here), then 409
    # for the next role, who finds it accepted already.
    "web:finding_accept": _post_only(
        lambda role, rel: (302, 409) if _finding(EDIT)(role, rel) == 200 else 404
    ),
    "web:finding_reject": _post_only(
        lambda role, rel: 400 if _finding(EDIT)(role, rel) == 200 else 404
    ),
    "web:referrals": Expect(lambda role, rel: 200 if role in CASEWORK | {PA} else 404),
    # The partner answers what was sent to its organisation (own and shared here).
    "web:referral_answer": _post_only(
        lambda role, rel: 400 if role is PA and rel in (OWN, SHARED) else 404
    ),
    # -- opvang: the facility's team (own office) only; stays also for who follows the
    # household; the count for its services (team, partner) and for aggregates.
    "web:opvang_board": Expect(lambda role, rel: 200 if role is OP else 404),
    "web:opvang_facility": Expect(_own_office({OP})),
    "web:opvang_check_in": _form(_own_office({OP})),
    "web:opvang_refusal": _form(_own_office({OP})),
    "web:opvang_waiting": _form(_own_office({OP})),
    "web:opvang_waiting_close": _form(_own_office({OP})),
    "web:opvang_check_out": _form(_own_office({OP})),
    "web:opvang_person": Expect(_casework),
    "web:opvang_counts": Expect(lambda role, rel: 200 if role in COUNT_ROLES else 404),
    "web:opvang_count": Expect(lambda role, rel: 200 if role in COUNT_ROLES else 404),
    # Opening, closing, publishing a count: the opvangmedewerkers (a confirmation form).
    "web:opvang_count_new": _form(lambda role, rel: 200 if role is OP else 404),
    "web:opvang_count_close": _form(lambda role, rel: 200 if role is OP else 404),
    "web:opvang_count_publish": _form(lambda role, rel: 200 if role is OP else 404),
    "web:opvang_count_form": _form(lambda role, rel: 200 if role in (OP, PA) else 404),
    "web:opvang_count_export": Expect(lambda role, rel: 200 if role in COUNT_ROLES else 404),
    # -- the Sociale Dienst's procedure (procedure app) ------------------------------------
    "web:request_new": _form(_dossier(EDIT, beheerder_views=False)),
    "web:request": Expect(_dossier(CASEWORK)),
    "web:request_receipt": Expect(_dossier(CASEWORK)),
    "web:proposal_new": _form(_dossier(EDIT, beheerder_views=False)),
    # Approving, the minutes of a point, assigning: the teamcoach of the dossier's office.
    "web:proposal_review": _form(_own_office({TC})),
    "web:item_decide": _form(_own_office({TC})),
    "web:dossier_assign": _form(_own_office({TC})),
    # Sessions: teamcoaches (they build the agenda), caseworkers of an office with a point on
    # it (the own session only: sessions are per office, not per share), the beheerder.
    # (a trajectbegeleider werk edits dossiers too: the list, with no session of their own)
    "web:sessions": Expect(lambda role, rel: 200 if role in {MW, TC, BH, WK} else 404),
    "web:session_new": _form(lambda role, rel: 200 if role is TC else 404),
    "web:session": Expect(
        lambda role, rel: 200 if role in {TC, BH} or (role is MW and rel == OWN) else 404
    ),
    "web:session_presence": _form(lambda role, rel: 200 if role is TC else 404),
    "web:agenda_add": _post_only(lambda role, rel: 400 if role is TC else 404),
    "web:decision_letter": Expect(_dossier(CASEWORK)),
    "web:letter_sent": _form(_dossier(EDIT, beheerder_views=False)),
    "web:decision_appeal": _form(_dossier(EDIT, beheerder_views=False)),
    "web:teamcoach": Expect(lambda role, rel: 200 if role is TC else 404),
    # -- meldingen: the warden's team reports (own, shared), netheid handles own, preventie
    # handles the own conflict; "other" is another team's melding --------------------------
    "web:meldingen": Expect(_meldingen_role),
    "web:melding_new": _form(_meldingen_role),
    "web:meldingen_per_wijk": Expect(lambda role, rel: 200 if role in REPORT else 403),
    "web:melding": Expect(_melding_view),
    "web:melding_transition": _form(_melding_handler),
    "web:melding_report": _form(lambda role, rel: 200 if role is GW and rel != OTHER else 404),
    "web:melding_photo": Expect(_melding_view),
    "web:conflicts": Expect(_meldingen_role),
    "web:conflict_start": _form(_melding_handler),
    "web:conflict": Expect(_conflict_handler),
    "web:conflict_party_add": _form(_conflict_handler),
    "web:conflict_close": _form(_conflict_handler),
    # The activity register (activities): the organising team's sessions and series.
    "web:activities": Expect(lambda role, rel: 200 if role is BW else 404),
    "web:activity_new": _form(lambda role, rel: 200 if role is BW else 404),
    "web:activity": Expect(_own_team),
    "web:activity_edit": _form(_own_team),
    "web:activity_cancel": _form(_own_team),
    "web:participant_search": Expect(_own_team),
    "web:participant_add": _post_only(
        lambda role, rel: 400 if _own_team(role, rel) == 200 else 404
    ),
    # Removing is the action itself: 302 back to the session (the buurtwerker comes last).
    "web:participant_remove": _post_only(
        lambda role, rel: 302 if _own_team(role, rel) == 200 else 404
    ),
    "web:series_list": Expect(lambda role, rel: 200 if role is BW else 404),
    "web:series_new": _form(lambda role, rel: 200 if role is BW else 404),
    "web:series": Expect(_own_team),
    "web:series_close": _form(_own_team),
    # Monthly figures: the team that reports the kind (own); the analist's external figures.
    "web:outputs": Expect(_only(MC)),
    "web:output_new": _form(_only(MC)),
    "web:output_import": _form(_only(MC)),
    "web:output_kind": Expect(lambda role, rel: 200 if role is MC and rel == OWN else 404),
    "web:output_correct": _form(lambda role, rel: 200 if role is MC and rel == OWN else 404),
    "web:output_cancel": _form(lambda role, rel: 200 if role is MC and rel == OWN else 404),
    "web:external_figures": _form(_only(AN)),
    "web:external_figure_cancel": _post_only(lambda role, rel: 302 if role is AN else 404),
    **SUBSIDY_EXPECTED,
    # -- the Vrijwilligerspunt (volunteers, vacancies, matches) --------------------------
    "web:volunteering_home": Expect(lambda role, rel: {VW: 200, PA: 302}.get(role, 404)),
    "web:volunteer_new": _form(_only(VW)),
    "web:volunteer": Expect(_only(VW)),
    "web:match_propose": _post_only(lambda role, rel: 400 if role is VW else 404),
    "web:vacancy_list": Expect(_only(VW, PA)),
    "web:vacancy_new": _form(_only(VW, PA)),
    "web:vacancy": Expect(_organisation),
    "web:vacancy_edit": _form(_organisation),
    # Closing is the action itself: 302, then 400 for the next role (closed already).
    "web:vacancy_transition": _post_only(
        lambda role, rel: (302, 400) if _organisation(role, rel) == 200 else 404
    ),
    "web:match_answer": _post_only(
        lambda role, rel: 400 if _organisation(role, rel) == 200 else 404
    ),
    "web:match_follow_up": _form(_only(VW)),
    # -- the praktijktesten (Gelijke Kansen) ---------------------------------------------
    "web:pairedtests_home": Expect(_only(GK)),
    "web:campaign_new": _form(_only(GK)),
    "web:campaign": Expect(_only(GK)),
    "web:paired_test_new": _form(_only(GK)),
    "web:agent": Expect(_only(GK)),
    "web:agent_follow_up_new": _form(_only(GK)),
    # -- the Dienst Werk en Activering: its questions, Jobteam, employers and buyers are the
    # Dienst's (city-wide); a placement follows its trajectory's dossier -----------------
    "web:werk_home": Expect(_only(WK)),
    "web:werk_person": Expect(_only(WK)),
    "web:werk_question_new": _form(_only(WK)),
    "web:werk_question_answer": _form(_only(WK)),
    "web:werk_jobteam_new": _form(_only(WK)),
    "web:werk_jobteam_step": _form(_only(WK)),
    "web:werk_employers": Expect(_only(WK)),
    "web:werk_employer_new": _form(_only(WK)),
    "web:werk_employer": Expect(_only(WK)),
    "web:werk_placement_new": _form(_dossier({WK}, beheerder_views=False)),
    "web:werk_placement_end": _form(_dossier({WK}, beheerder_views=False)),
    "web:werk_buyers": _form(_only(WK)),
    # -- the Energiecel (LAC) and the wooncoaches ------------------------------------------
    "web:energie": Expect(_only(EC)),
    "web:lac_sessions": Expect(_only(EC)),
    "web:lac_session_new": _form(_only(EC)),
    "web:lac_session": Expect(_own_energy(EC)),
    "web:lac_dossier_new": _form(_only(EC)),
    "web:lac_dossier": Expect(_own_energy(EC)),
    "web:lac_dossier_investigation": _form(_own_energy(EC)),
    "web:lac_dossier_plan": _form(_own_energy(EC)),
    "web:lac_dossier_decide": _form(_own_energy(EC)),
    "web:lac_dossier_aid": _form(_own_energy(EC)),
    "web:lac_letter": Expect(_own_energy(EC)),
    "web:energy_aid_new": _form(_only(EC)),
    "web:energy_scans": Expect(_only(EC)),
    "web:energy_scan_new": _form(_only(EC)),
    "web:energy_scan": _form(_own_energy(EC)),
    "web:wonen": Expect(_only(WC)),
    "web:rent_arrears_handle": _form(_own_energy(WC)),
    "web:housing_trajectory_new": _form(_only(WC)),
    "web:housing_trajectory_end": _form(_own_energy(WC)),
    "web:rent_guarantee_new": _form(_only(WC)),
    "web:rent_guarantee_repay": _form(_own_energy(WC)),
    # -- the Rechtencheck: public pages (everyone, signed in or not); the requests citizens
    # sent: the onthaal and caseworkers of the office it was sent to
    "rechtencheck:check": Expect(_fixed(200), _fixed(200)),  # a POST without answers: start
    "rechtencheck:pdf": Expect(_fixed(405)),  # POST only (tested in tests/rechtencheck)
    "rechtencheck:send": Expect(_fixed(405), _fixed(200)),  # no consent yet: the form
    "web:selfcheck_requests": Expect(_only(ON, MW, TC)),
    "web:selfcheck_request": Expect(_own_office({ON, MW, TC})),
    "web:selfcheck_request_transition": _post_only(_form(_own_office({ON, MW, TC})).post),
    "reporting:index": Expect(_report(200)),
    "reporting:indicator": Expect(_report(200)),
    "reporting:jaaroverzicht": Expect(_report(200)),
    "reporting:download": Expect(_report(200)),
    # The processing register (no personal data): the beheerder and the DPO.
    "retention:register": Expect(lambda role, rel: 200 if role in (BH, Role.DPO) else 403),
}
#: What every form gets in the invalid POST: too long for any field, valid for none.
INVALID_POST = {
    "reason": "x" * 5001,
    "motivation": "x" * 5001,
    "on": "31/02/2023",
    "date": "1-1-1",
    "start_date": "0000-00-00",
    "opened_on": "nooit",
    "occurred_on": "2099-99-99",
    "decided_on": "gisteren",
    "requested_on": "morgen",
    "household": "",
    "answer_note": "x" * 301,
    "text": "x" * 10001,
    "due_on": "ooit",
}


# -- the world: one household per relation, each with a dossier and its records ------------

_OFFICE_OF = {
    **dict.fromkeys(CASEWORK, "wb-brugse-poort"),
    GW: "team-gemeenschapswachten",
    PR: "team-preventie",
    MB: "team-netheid",
    BW: "team-buurtwerk",
    EC: "team-energiecel",
    WC: "team-wooncoaches",
    MC: "team-dbse",
}


@dataclass
class World:
    objects: dict  # relation -> {kwarg name -> pk}
    names: list[str]  # last names of every person in the world
    users: dict  # role -> user at the own office


def _situation_records(actor, hh, member):
    """A membership, an income and a status of the household's first member."""
    from decimal import Decimal

    from welzijn.registry import services as registry

    income = registry.income_register(
        actor=actor,
        person_id=member.pk,
        category="beroepsinkomen",
        amount_net=Decimal("1500"),
        per="maand",
        start_date=D(2023, 1, 1),
        source="loonfiche",
    )
    status = registry.status_register(
        actor=actor,
        kind="verhoogde-tegemoetkoming",
        person_id=member.pk,
        start_date=D(2022, 1, 1),
        source="ksz",
    )
    return {
        "membership_id": hh.memberships.first().pk,
        "income_id": income.pk,
        "status_id": status.pk,
    }


def _records(actor, hh, office_code, partner):
    file = dossier(actor, hh, office_code=office_code)
    member = hh.memberships.first().person
    referred = casework.contact_register(
        actor=actor,
        office=file.office,
        occurred_on=D(2023, 2, 1),
        channel="balie",
        reason="Vraag naar schuldhulp",
        outcome="doorverwezen",
        person=member,
        household=hh,
        referred_to=partner,
    )
    trajectory = casework.trajectory_start(
        actor=actor, dossier_id=file.pk, service="housing-first", start_date=D(2023, 2, 1)
    )
    run = ScreeningRun.objects.create(
        reference_date=D(2023, 12, 1), started_at=dt.datetime.now(dt.UTC)
    )
    finding = Finding.objects.create(
        run=run,
        reference_date=run.reference_date,
        right="uitpas_kansentarief",
        household=hh,
        office=file.office,
        outcome=Finding.Outcome.UNDERPROTECTED,
        inputs={},
    )
    note = casework.note_add(
        actor=actor,
        dossier_id=file.pk,
        text="Vertrouwelijk gesprek.",
        noted_on=D(2023, 2, 1),
        confidential=True,
    )
    document = casework.document_add(
        actor=actor,
        dossier_id=file.pk,
        kind="loonfiche",
        file=SimpleUploadedFile("loonfiche.pdf", b"%PDF-1.7\n%test\n"),
    )
    task = casework.task_add(
        actor=actor,
        dossier_id=file.pk,
        kind="taak",
        description="Attest opvragen",
        due_on=D(2023, 2, 1),
    )
    intervention = casework.intervention_register(
        actor=actor, dossier_id=file.pk, service="huurwaarborg", date=D(2023, 2, 1), amount=100
    )
    contact = casework.contact_register(
        actor=actor,
        office=file.office,
        occurred_on=D(2023, 2, 1),
        channel="balie",
        reason="Vraag over de huur",
        outcome="informatie-en-advies",
        household=hh,
    )
    return {
        **_procedure_records(actor, file),
        "referral_id": referred.referral.pk,
        **_situation_records(actor, hh, member),
        "person_id": member.pk,
        "household_id": hh.pk,
        "dossier_id": file.pk,
        "trajectory_id": trajectory.pk,
        "finding_id": finding.pk,
        "note_id": note.pk,
        "document_id": document.pk,
        "task_id": task.pk,
        "intervention_id": intervention.pk,
        "contact_id": contact.pk,
    }


# -- the procedure's records (procedure app): a leefloon request decided in a session, with
# its letter (the world's decision_id), and an open request whose proposal waits for approval


def _procedure_records(worker, file) -> dict:
    from welzijn.procedure import services as procedure

    coach = user(TC, file.office.code)

    def proposal(req):
        return procedure.proposal_submit(
            actor=worker,
            request_id=req.pk,
            situation="Alleenstaand.",
            means="Geen inkomen.",
            needs="Leefloon.",
            proposed_result="toekenning",
            motivation="Voldoet aan de voorwaarden.",
        )

    def request(service):
        return procedure.request_register(
            actor=worker,
            dossier_id=file.pk,
            service=service,
            received_on=D(2023, 2, 1),
            channel="balie",
            question="Vraagt steun.",
        )

    decided = proposal(request("leefloon"))
    procedure.proposal_review(actor=coach, proposal_id=decided.pk, approve=True)
    session = procedure.session_plan(actor=coach, held_on=D(2023, 2, 20), members_total=3)
    item = procedure.agenda_add(actor=coach, session_id=session.pk, proposal_id=decided.pk)
    procedure.session_record_presence(actor=coach, session_id=session.pk, members_present="A\nB")
    procedure.agenda_item_decide(
        actor=coach, item_id=item.pk, verdict="zoals-voorgesteld", motivation="Akkoord."
    )
    item.refresh_from_db()
    waiting = proposal(request("huurwaarborg"))
    return {
        "decision_id": item.decision_id,
        "request_id": waiting.request_id,
        "proposal_id": waiting.pk,
        "session_id": session.pk,
        "item_id": item.pk,
    }


# -- activities: a session with a participant and a series per relation ---------------------


def _activity_records(actor, office_code, participant) -> dict:
    from welzijn.activities import services as activities
    from welzijn.casework.models import Office

    team = Office.objects.get(code=office_code)
    series = activities.series_create(
        actor=actor,
        office=team,
        service="leefstraten",
        title="Leefstraat Wereldstraat",
        start_date=D(2023, 3, 1),
    )
    session = activities.activity_register(
        actor=actor, office=team, service="repair-cafes", date=D(2023, 3, 4), headcount=30
    )
    named = activities.participant_add(
        actor=actor, activity_id=session.pk, person_id=participant.pk
    )
    return {"activity_id": session.pk, "participant_id": named.pk, "series_id": series.pk}


def _volunteering(loket, organisation, last_name):
    from welzijn.registry.models import Wijk
    from welzijn.volunteering import services as volunteering

    wijk = Wijk.objects.get(code="ledeberg")
    volunteer = volunteering.volunteer_register(
        actor=loket,
        first_name="Vera",
        last_name=last_name,
        birth_date=D(1990, 1, 1),
        sex="V",
        nationality="BE",
        residence_status="belg",
        wijk=wijk,
        max_distance_km=5,
        hours_per_week=4,
        registered_on=D(2023, 2, 1),
        availability=["weekend"],
        languages=["nl"],
    )
    vacancy = volunteering.vacancy_save(
        actor=loket,
        organisation=organisation,
        title="Onthaal",
        task="Gasten ontvangen",
        wijk=wijk,
        hours_per_week=2,
        availability=["weekend"],
        insurer="Ethias",
        policy_number="1",
    )
    volunteering.vacancy_transition(actor=loket, vacancy_id=vacancy.pk, to="open", on=D(2023, 2, 1))
    match = volunteering.match_propose(
        actor=loket, volunteer_id=volunteer.pk, vacancy_id=vacancy.pk, on=D(2023, 2, 2)
    )
    return {"volunteer_id": volunteer.pk, "vacancy_id": vacancy.pk, "match_id": match.pk}


def _paired_tests(team, relation):
    from decimal import Decimal

    from welzijn.pairedtests import services as pairedtests
    from welzijn.pairedtests.models import Characteristic
    from welzijn.registry.models import Wijk

    campaign = pairedtests.campaign_create(
        actor=team, name=f"Campagne {relation}", start_date=D(2023, 1, 1)
    )
    test = pairedtests.paired_test_register(
        actor=team,
        campaign_id=campaign.pk,
        agent_name=f"Immo {relation}",
        agent_kind="makelaar",
        characteristic=Characteristic.objects.get(code="maghrebijnse-naam"),
        advert="Studio",
        rent=Decimal("600"),
        wijk=Wijk.objects.get(code="dampoort"),
        sent_on=D(2023, 2, 1),
        test_outcome="geen",
        control_outcome="bezichtiging",
    )
    return {"campaign_id": campaign.pk, "agent_id": test.agent_id}


@pytest.fixture(scope="module")
def built_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world is built once per module (and per xdist worker), in a transaction rolled
    back at the end. Each test runs in a savepoint inside it (pytest-django's own atomic
    block), so whatever a test changes is undone before the next one starts."""
    root = tmp_path_factory.mktemp("world")
    documents = root / "documents"
    with (
        django_db_blocker.unblock(),
        override_settings(WELZIJN_DOCUMENT_ROOT=documents, AUDIT_WITNESS_PATH=root / "w.jsonl"),
        transaction.atomic(),
    ):
        yield _build_world(), documents
        transaction.set_rollback(True)


def _werk(staff, worker, records, office_code, relation) -> dict:
    """A question and a Jobteam guidance of the relation's person; an employer; an art. 60
    trajectory in the relation's dossier with a placement (by a colleague of that office)."""
    from welzijn.activation import services as activation

    werker = staff if office_code == "wb-brugse-poort" else user(WK, office_code)
    question = activation.question_register(
        actor=staff, person_id=records["person_id"], desk="werkpunt", asked_on=D(2023, 2, 1),
        channel="balie", theme="werk", question="Zoekt werk.",
    )  # fmt: skip
    guidance = activation.jobteam_register(
        actor=staff, person_id=records["person_id"], reached_on=D(2023, 2, 1), via="zelf"
    )
    employer = activation.employer_register(
        actor=staff, name=f"Werkgever {relation}", sector="horeca", since=D(2022, 1, 1)
    )
    art60 = casework.trajectory_start(
        actor=worker, dossier_id=records["dossier_id"], service="artikel-60",
        start_date=D(2023, 2, 1),
    )  # fmt: skip
    placement = activation.placement_start(
        actor=werker, trajectory_id=art60.pk, employer=employer, sector="horeca", job="Kok",
        hours_per_week=19, start_date=D(2023, 2, 1),
    )  # fmt: skip
    return {
        "question_id": question.pk,
        "guidance_id": guidance.pk,
        "employer_id": employer.pk,
        "placement_id": placement.pk,
    }


@pytest.fixture
def world(built_world, settings):
    built, documents = built_world
    settings.WELZIJN_DOCUMENT_ROOT = documents
    return built


def _build_world():
    own_worker = user(MW, "wb-brugse-poort")
    other_worker = user(MW, "wb-rabot")
    # the applicant is made with its organisation (`_subsidy_world`)
    users = {role: user(role, _OFFICE_OF.get(role)) for role in ROLES if role is not AA}
    other_organiser = user(BW, "team-vrijwilligerspunt")
    users[BH].is_staff = True
    users[BH].save()
    partner, elsewhere = (
        Organisation.objects.create(name=f"Partner {n}", code=f"partner-{n}", kind="partner")
        for n in "ab"
    )
    OrganisationAccount.objects.create(user=users[PA], organisation=partner)
    objects, names = {}, []
    for relation, actor, office_code, org in (
        (OWN, own_worker, "wb-brugse-poort", partner),
        (OTHER, other_worker, "wb-rabot", elsewhere),
        (SHARED, other_worker, "wb-rabot", partner),
    ):
        last_name = f"Wereld{relation.capitalize()}naam"
        names.append(last_name)
        hh = household(actor, person(actor, last_name=last_name), name=f"Gezin {last_name}")
        objects[relation] = _records(actor, hh, office_code, org)
        objects[relation] |= _activity_records(
            users[BW] if relation == OWN else other_organiser,
            "team-buurtwerk" if relation == OWN else "team-vrijwilligerspunt",
            hh.memberships.first().person,
        )
        # -- the Vrijwilligerspunt's and Gelijke Kansen's records of this relation --------
        names.append(f"Vrijwilliger{relation.capitalize()}")
        objects[relation] |= _volunteering(users[VW], org, f"Vrijwilliger{relation.capitalize()}")
        objects[relation] |= _paired_tests(users[GK], relation)
        objects[relation] |= _werk(users[WK], actor, objects[relation], office_code, relation)
    _shelter_world(objects, own_worker, other_worker)
    _outputs_world(objects, users)
    _subsidy_world(users, objects)
    for subject in users.values():
        casework.dossier_share(
            actor=other_worker,
            dossier_id=objects[SHARED]["dossier_id"],
            user=subject,
            reason="Samen opvolgen",
            on=D(2023, 3, 1),
        )
    _meldingen_world(objects, names, users)
    _energy_world(objects, users)
    _selfcheck_world(objects, names)
    return World(objects, names, users)


# -- monthly figures: a kind of the own team (DBSE's meals) with a month's figure; the other
# and shared relations: a kind of another team (Gelijke Kansen's taxi cheques). One external
# figure of the analist.


def _outputs_world(objects, users):
    from welzijn.outputs import services as outputs
    from welzijn.outputs.models import OutputKind

    other_team = user(MC, "team-gelijke-kansen")
    for relation, actor, service, unit in (
        (OWN, users[MC], "sociale-restaurants", "maaltijden"),
        (OTHER, other_team, "taxicheques", "taxicheques"),
        (SHARED, other_team, "taxicheques", "taxicheques"),
    ):
        kind = OutputKind.objects.get(service__code=service, unit=unit)
        month = D(2023, 3, 1) if relation != SHARED else D(2023, 4, 1)
        output = outputs.output_register(
            actor=actor, kind=kind, month=month, quantity=100, source="kassa"
        )
        objects[relation].update(kind_id=kind.pk, output_id=output.pk)
    figure = outputs.external_figure_register(
        actor=users[AN],
        key="haatmisdrijven",
        year=2023,
        value=86,
        source="Politie Gent",
        source_date=D(2024, 3, 1),
    )
    for relation in RELATIONS:
        objects[relation]["figure_id"] = figure.pk


# -- opvang: a facility of the own office and one of another (the shared household's member
# stays there too), each with a stay and a waiting list entry; one open count. -------------


def _shelter_world(objects, own_worker, other_worker):
    from welzijn.catalog.models import Service
    from welzijn.shelter import services as shelter
    from welzijn.shelter.models import CapacityPeriod, Facility, PitCount

    count = PitCount.objects.get(date=D(2023, 10, 20))
    count.open_for_entry = True
    count.save()
    facilities = {}
    for code in ("wb-brugse-poort", "wb-rabot"):
        staff = user(OP, code)
        place = Facility.objects.create(
            code=f"test-{code}",
            name=f"Testopvang {code}",
            kind="verblijf",
            service=Service.objects.get(code="opvang-en-orientatie"),
            operator=Organisation.objects.get(code="ocmw-gent"),
            office=staff.assignments.get().office,
        )
        CapacityPeriod.objects.create(
            facility=place, place_kind="bed", places=5, start_date=D(2020, 1, 1)
        )
        facilities[code] = (place, staff)
    for relation, code in ((OWN, "wb-brugse-poort"), (OTHER, "wb-rabot"), (SHARED, "wb-rabot")):
        place, staff = facilities[code]
        on = dt.date.today() - dt.timedelta(days=10)
        stay = shelter.stay_check_in(
            actor=staff,
            facility_id=place.pk,
            person_id=objects[relation]["person_id"],
            entry_date=on,
        )
        waiting = shelter.waiting_add(
            actor=staff,
            facility_id=place.pk,
            person_id=objects[relation]["person_id"],
            registered_on=on,
        )
        objects[relation].update(
            facility_id=place.pk, stay_id=stay.pk, entry_id=waiting.pk, count_id=count.pk
        )


def _meldingen_world(objects, names, users):
    """Meldingen (reporters named like the world's persons) and conflicts per relation."""
    from welzijn.casework.models import Office
    from welzijn.meldingen import services as meldingen

    herstel_worker = user(MB, "team-herstel")
    herstel = Office.objects.get(code="team-herstel")
    photo = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
    for relation, actor, category in (
        (OWN, users[GW], "sluikstorten"),
        (SHARED, users[GW], "straatverlichting"),
        (OTHER, herstel_worker, "wegdek-en-voetpad"),
    ):
        melding = meldingen.melding_create(
            actor=actor,
            category=category,
            description="Melding van de testwereld",
            reporter_kind="burger",
            reporter_name=f"Melder Wereld{relation.capitalize()}naam",
            street="Bevrijdingslaan",
            postcode="9000",
            photo=SimpleUploadedFile("foto.png", photo),
        )
        conflict_melding = meldingen.melding_create(
            actor=users[PR],
            category="geluidsoverlast",
            description="Lawaai",
            reporter_kind="burger",
            street="Bevrijdingslaan",
            postcode="9000",
        )
        conflict = meldingen.conflict_start(
            actor=users[PR],
            melding_id=conflict_melding.pk,
            approach="bemiddeling",
            started_on=D(2023, 3, 1),
            parties=[{"role": "melder", "name": f"Partij Wereld{relation.capitalize()}naam"}],
        )
        if relation != OWN:  # forwarded: no longer Preventie's
            meldingen.melding_transition(
                actor=users[PR],
                melding_id=conflict_melding.pk,
                to="doorgestuurd",
                note="Voor herstel",
                team=herstel,
            )
        objects[relation].update(
            melding_id=melding.pk, photo_id=melding.photos.get().pk, conflict_id=conflict.pk
        )


def _subsidy_world(users, objects):
    """The association's account (AA), the official and juror of the own team's scheme, and
    a granted application per relation (see SUBSIDY_EXPECTED)."""
    from decimal import Decimal

    from welzijn.casework.models import StaffAssignment
    from welzijn.subsidies import services as subsidies
    from welzijn.subsidies.models import Call, Scheme

    own_org, other_org = association(), association("vzw-ander", "Andere vzw")
    users[AA] = applicant(own_org)
    other_applicant = applicant(other_org)
    for role in (SU, JU):
        StaffAssignment.objects.create(user=users[role], office=office_of(SUBSIDY_OFFICE))
    own_call = Call.objects.get(code="samen-aan-zet-2023")
    scheme = own_call.scheme
    other_scheme = Scheme.objects.create(
        code="andere-regeling",
        name="Andere regeling",
        regulation="Ander reglement",
        regulation_version="1",
        regulation_date=D(2022, 1, 1),
        rules="samen-aan-zet",
        office=office_of("team-energiecel"),
        service=scheme.service,
    )
    other_call = Call.objects.create(
        scheme=other_scheme,
        code="andere-2023",
        name="2023",
        opens_on=D(2023, 1, 1),
        closes_on=D(2023, 12, 31),
        budget=Decimal("10000"),
    )
    outsiders = (user(SU, "team-energiecel"), user(JU, "team-energiecel"))
    for relation, account, call, staff in (
        (OWN, users[AA], own_call, (users[SU], users[JU])),
        (OTHER, other_applicant, other_call, outsiders),
        (SHARED, other_applicant, own_call, (users[SU], users[JU])),
    ):
        app = subsidy_application(
            account, call=call.code, lines=[("huur", "Zaal", "800.00")], start=D(2023, 6, 1)
        )
        subsidies.application_submit(actor=account, application_id=app.pk, on=D(2023, 3, 1))
        official, juror = staff
        subsidies.application_check(
            actor=official, application_id=app.pk, note="", on=D(2023, 3, 2)
        )
        subsidies.jury_score_record(
            actor=juror,
            application_id=app.pk,
            score=7,
            advice="gunstig",
            note="Goed",
            on=D(2023, 3, 16),
        )
        subsidies.application_decide(
            actor=official,
            application_id=app.pk,
            outcome="toekenning",
            amount=Decimal("800"),
            motivation="In orde.",
            on=D(2023, 3, 20),
        )
        objects[relation].update(application_id=app.pk, call_id=call.pk, line_id=app.lines.get().pk)


def _energy_world(objects, users):
    """Per relation a LAC dossier (decided, with its letter), a session, a scan, a rent
    guarantee; the own ones of the Energiecel and the wooncoaches, the others of the same
    teams at another office. The own relation has a rent-arrears melding for the wooncoaches;
    the others point at a melding of another team."""
    from decimal import Decimal

    from django.utils import timezone

    from welzijn.energy import services as energy
    from welzijn.meldingen import services as meldingen
    from welzijn.registry.models import Person

    today = timezone.localdate()
    elsewhere = {EC: user(EC, "wb-rabot"), WC: user(WC, "wb-rabot")}
    for relation in RELATIONS:
        cel, coach = (users[EC], users[WC]) if relation == OWN else (elsewhere[EC], elsewhere[WC])
        insz = Person.objects.get(pk=objects[relation]["person_id"]).insz
        session = energy.lac_session_plan(actor=cel, held_on=today, members="OCMW\nFluvius")
        lac = energy.lac_dossier_open(
            actor=cel, insz=insz, requester="fluvius", utility="aardgas", trigger="schuld",
            amount_owed=Decimal("400"), received_on=today,
        )  # fmt: skip
        energy.lac_investigation_write(actor=cel, dossier_id=lac.pk, text="Onderzoek")
        energy.lac_dossier_plan(actor=cel, dossier_id=lac.pk, session_id=session.pk)
        energy.lac_decide(
            actor=cel, dossier_id=lac.pk, decision="afbetalingsplan", motivation="Plan",
            household_heard=True,
        )  # fmt: skip
        scan = energy.energy_scan_register(
            actor=cel, insz=insz, visited_on=today, recommendations="Ledlampen"
        )
        trajectory = energy.housing_trajectory_start(
            actor=coach, insz=insz, kind="gent-knapt-op", started_on=today, budget=Decimal("20000")
        )
        guarantee = energy.rent_guarantee_grant(
            actor=coach, insz=insz, form="storting", granted_on=today, amount=Decimal("1500"),
            monthly_repayment=Decimal("50"),
        )  # fmt: skip
        arrears = objects[relation]["melding_id"]
        if relation == OWN:
            arrears = meldingen.melding_create(
                actor=users[GW], category="huurachterstal", description="Huurachterstal",
                reporter_kind="partner", street="Bevrijdingslaan", house_number="3",
                postcode="9000",
            ).pk  # fmt: skip
        objects[relation].update(
            lac_dossier_id=lac.pk, lac_session_id=session.pk, scan_id=scan.pk,
            guarantee_id=guarantee.pk, arrears_melding_id=arrears,
            housing_trajectory_id=trajectory.pk,
        )  # fmt: skip


def _selfcheck_world(objects, names):
    """A Rechtencheck request sent to the own office, and two to another office."""
    from welzijn.rechtencheck.services import selfcheck_request_send

    for relation, code in ((OWN, "wb-brugse-poort"), (OTHER, "wb-rabot"), (SHARED, "wb-rabot")):
        name = f"Burger{relation.capitalize()}check"
        names.append(name)
        sent = selfcheck_request_send(
            office_code=code, consent=True, name=name, phone="09 123 45 67", email="",
            language="nl", answers={"raw": {"hh.woont_in_gent": "ja"}, "shown": []},
            results=[{"code": "leefloon", "name": "Leefloon", "status": "entitled"}],
        )  # fmt: skip
        objects[relation]["selfcheck_id"] = sent.pk


def office_of(code):
    from welzijn.casework.models import Office

    return Office.objects.get(code=code)


def _login(client, account):
    """Signed in with the second step where the role needs one (beheerder)."""
    if account.is_staff:
        login_with_second_step(client, account)
    else:
        client.force_login(account)


def _kwargs(pattern: URLPattern, objects: dict) -> dict:
    fixed = {"to": "gesloten", "year": 2023, "fmt": "csv", "side": "organisatie"}
    fixed["indicator"] = "leefloon_personen"
    if pattern.name == "referral_answer":
        fixed["to"] = "geweigerd"
    names = getattr(pattern.pattern, "converters", None) or pattern.pattern.regex.groupindex
    return {name: objects.get(name, fixed.get(name)) for name in names}


def _check(client, world, method, url, expected, role, relation):
    before = AuditEvent.objects.count()
    before_pk = AuditEvent.objects.order_by("pk").values_list("pk", flat=True).last() or 0
    response = client.get(url) if method == "get" else client.post(url, INVALID_POST)
    where = f"{method.upper()} {url} as {role.value} ({relation})"
    allowed = expected if isinstance(expected, tuple) else (expected,)
    assert response.status_code in allowed, f"{where}: {response.status_code}, not {expected}"
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    body = raw.decode(errors="replace")
    shown = [name for name in world.names if name in body]
    if response.status_code in (403, 404, 405):
        assert not shown, f"{where}: a refused answer shows {shown}"
    if response.status_code in (403, 404):
        refusal = AuditEvent.objects.filter(pk__gt=before_pk, action="refused").last()
        assert refusal is not None, f"{where}: the refusal is not in the audit trail"
        assert str(refusal.actor_id) == client.session["_auth_user_id"] and refusal.detail["view"]
    if shown:
        assert AuditEvent.objects.count() > before, f"{where}: shows {shown} without audit"


def test_every_url_pattern_has_an_expectation():
    assert set(WEB_PATTERNS) - set(EXPECTED) == set(), "URL patterns without an expectation"
    assert set(EXPECTED) - set(WEB_PATTERNS) == set(), "expectations for URLs that are gone"


@pytest.mark.access_matrix
@pytest.mark.parametrize("name", WEB_PATTERNS)
def test_url_x_role_x_office(name, world, client):
    expect = EXPECTED[name]
    pattern = PATTERNS[name]
    urls = {r: reverse(name, kwargs=_kwargs(pattern, world.objects[r])) for r in RELATIONS}
    for role in ROLES:
        _login(client, world.users[role])  # once per role: a login writes a session and more
        for relation, url in urls.items():
            for method in ("get", "post"):
                if method == "post" and expect.post is None:
                    continue
                wanted = expect.status(method, role, relation)
                _check(client, world, method, url, wanted, role, relation)


def _admin_prefix(model) -> str:
    return f"{model._meta.app_label}_{model._meta.model_name}_"


def _admin_kwargs(pattern, world):
    """Admin URLs: an existing object of the model where the URL names one."""
    from django.contrib import admin

    kwargs = _kwargs(pattern, {})
    if "id" in kwargs:  # a user's password
        kwargs["id"] = str(world.users[MW].pk)
    if "content_type_id" in kwargs:
        kwargs["content_type_id"], kwargs["object_id"] = "1", "1"
    for key in ("object_id", "pk"):
        if key in kwargs and kwargs[key] is None:
            model = next(
                m for m in admin.site._registry if pattern.name.startswith(_admin_prefix(m))
            )
            first = model._default_manager.order_by("pk").first()
            kwargs[key] = str(first.pk) if first else "1"
    if "app_label" in kwargs:
        kwargs["app_label"] = "registry"
    return kwargs


@pytest.mark.access_matrix
@pytest.mark.parametrize("name", ADMIN_PATTERNS)
def test_admin_url_x_role(name, world, client):
    """The admin is for beheerders (staff) only; whatever it shows of a person is audited."""
    url = reverse(name, kwargs=_admin_kwargs(PATTERNS[name], world))
    for role in ROLES:
        _login(client, world.users[role])
        before = AuditEvent.objects.count()
        response = client.get(url)
        body = response.content.decode(errors="replace")
        shown = [n for n in world.names if n in body]
        where = f"GET {url} as {role.value}"
        if role is not BH and name not in ("admin:login", "admin:logout", "admin:jsi18n"):
            assert response.status_code == 302, where
            assert "/admin/login/" in response["Location"], where
        assert response.status_code < 500, where
        if shown:
            assert AuditEvent.objects.count() > before, f"{where}: shows {shown} without audit"


# -- fuzzing: generated input at every form, never a 500, nothing half-written -------------

#: Every view that takes a POST, from the expectation table (so a new form is fuzzed too).
FORM_URLS = sorted(name for name, expect in EXPECTED.items() if expect.post is not None)
values = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=300, max_size=6000),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.dates(min_value=D(1, 1, 1), max_value=D(9999, 12, 31)).map(str),
    st.sampled_from(["", "1", "0", "1,5", "1.214,13", "NaN", "Infinity", "on", "31/02/2023"]),
)
_FIELD_NAME = re.compile(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"')


def _field_names(client, url) -> list[str]:
    """The fields the form page shows (its own, not the CSRF token), else the test's own."""
    page = client.get(url)
    names = set(_FIELD_NAME.findall(page.content.decode())) if page.status_code == 200 else set()
    return sorted((names or set(INVALID_POST)) - {"csrfmiddlewaretoken", "q"})


def _row_counts() -> list[int]:
    from django.apps import apps

    labels = ("registry", "casework", "rights", "procedure", "activities")
    return [m.objects.count() for label in labels for m in apps.get_app_config(label).get_models()]


@pytest.mark.parametrize("name", FORM_URLS)
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_generated_input_at_every_form(name, world, client, data):
    """As a caseworker of the own office (the activity forms: a buurtwerker of the own
    team), the form's fields filled with generated text, numbers and dates: never a server
    error, and a refused form writes nothing."""
    url = reverse(name, kwargs=_kwargs(PATTERNS[name], world.objects[OWN]))
    organiser = "activit" in name or "participant" in name or "series" in name
    _login(client, world.users[BW if organiser else MW])
    fields = _field_names(client, url)
    posted = data.draw(st.fixed_dictionaries({}, optional=dict.fromkeys(fields, values)))
    counts = _row_counts()
    response = client.post(url, posted)
    assert response.status_code < 500
    if response.status_code >= 400:
        assert _row_counts() == counts, f"{name}: a refused form wrote something"
