# ruff: noqa: E501  (one line of columns per rule reads best)
"""Every column of every table the annual report reads, classified for its pseudonymised view.

K kept, P a keyed pseudonym (the primary key of a person or household, and every reference to
one), N nulled (names, INSZ, street and number, free text, staff accounts), Y coarsened to
1 January of its year (the age rules count ages on 31 December, so the year decides them),
H a text replaced by its keyed hash (a count's deduplication key of initials and birth year:
equal keys stay equal, an empty one stays empty).
`tests/analytics/test_classification.py` fails when a model the report reads gains a column
not listed here, or when the report reads a table without a view.
"""

from __future__ import annotations

KEEP, PSEUDONYM, NULL, YEAR, HASHED = "K", "P", "N", "Y", "H"
#: the models whose rows are people: their key and every reference to them is pseudonymised
SUBJECTS = {"registry.Person": "person", "registry.Household": "household"}


def rules(**by_rule: str) -> dict[str, str]:
    """column -> rule, from rule -> space-separated columns."""
    return {column: rule for rule, columns in by_rule.items() for column in columns.split()}


#: model label -> column -> rule
MODELS: dict[str, dict[str, str]] = {
    "activation.Employer": rules(
        N="contact_name contact_phone", K="id organisation_id sector since"
    ),
    "activation.JobteamGuidance": rules(
        P="person_id", N="note", K="id reached_on via intensive_from ended_on"
    ),
    "activation.KoopSociaalBuyer": rules(N="contact_name", K="id event_date organisation_id"),
    "activation.Placement": rules(
        N="job",
        K="id trajectory_id employer_id sector hours_per_week start_date end_date end_reason",
    ),
    "activation.Question": rules(
        P="person_id",
        N="question note registered_by_id",
        K="id desk asked_on channel theme status answered_on follow_up referred_to_id",
    ),
    "activities.Activity": rules(
        N="cancelled_by_id cancel_reason title street number registered_by_id",
        K="id cancelled_at service_id series_id date office_id partner_id place postcode wijk_id headcount items_brought items_repaired",
    ),
    "activities.Participant": rules(P="person_id", N="name registered_by_id", K="id activity_id"),
    "activities.Series": rules(
        N="title registered_by_id",
        K="id service_id office_id partner_id wijk_id start_date end_date sessions_required status goal_reached",
    ),
    "casework.Contact": rules(
        P="person_id household_id",
        N="cancelled_by_id cancel_reason reason registered_by_id",
        K="id cancelled_at office_id occurred_on channel dossier_id service_id outcome_id referred_to_id",
    ),
    "casework.Decision": rules(
        P="person_id",
        N="cancelled_by_id cancel_reason motivation",
        K="id cancelled_at dossier_id service_id outcome decided_on hearing_requested_on hearing_held_on appeal_lodged_on appeal_outcome",
    ),
    "casework.Dossier": rules(
        P="household_id",
        N="caseworker_id close_reason extern_id",
        K="id office_id status opened_on closed_on",
    ),
    "casework.Intervention": rules(
        P="person_id",
        N="cancelled_by_id cancel_reason extern_id",
        K="id cancelled_at dossier_id service_id date amount quantity unit decision_id",
    ),
    "casework.Office": rules(K="id code name kind wijk_id"),
    "casework.Trajectory": rules(
        P="person_id",
        K="id dossier_id service_id status start_date planned_end_date end_date outcome_id",
    ),
    "catalog.Domain": rules(K="id code name order description"),
    "catalog.Outcome": rules(K="id applies_to code name order active"),
    "catalog.Service": rules(
        K="id code name domain_id kind unit provider description amount_ceiling seed_reference active"
    ),
    "energy.EnergyAid": rules(
        P="household_id",
        N="registered_by_id",
        K="id office_id service_id granted_on amount lac_dossier_id scan_id",
    ),
    "energy.EnergyScan": rules(
        P="household_id", N="recommendations registered_by_id", K="id office_id visited_on"
    ),
    "energy.HousingTrajectory": rules(
        P="household_id",
        N="steps registered_by_id",
        K="id office_id kind started_on ended_on budget",
    ),
    "energy.LacDossier": rules(
        P="household_id",
        N="investigation motivation registered_by_id",
        K="id office_id service_id requester utility trigger amount_owed received_on advice_due_on session_id status household_heard decision decided_on registered_at",
    ),
    "energy.RentGuarantee": rules(
        P="household_id",
        N="registered_by_id",
        K="id office_id tenants form granted_on amount monthly_repayment repaid",
    ),
    "meldingen.Category": rules(
        K="id code name parent_id team_id sla_days sla_calendar_days service_id opens_conflict active"
    ),
    "meldingen.Conflict": rules(K="id melding_id approach status started_on ended_on helped"),
    "meldingen.Melding": rules(
        N="created_by_id street house_number latitude longitude place_note description reporter_name reporter_email reporter_phone",
        K="id category_id team_id reporting_office_id reported_at due_on status status_changed_at closed_at postcode_id wijk_id reporter_kind organisation_id report_number report_on",
    ),
    "outputs.ExternalFigure": rules(
        N="cancelled_by_id cancel_reason registered_by_id",
        K="id cancelled_at key year value source source_date url registered_at",
    ),
    "outputs.MonthlyOutput": rules(
        N="cancelled_by_id cancel_reason note registered_by_id",
        K="id cancelled_at kind_id month quantity source registered_at",
    ),
    "outputs.OutputKind": rules(K="id service_id unit office_id stock decimals description active"),
    "pairedtests.Agent": rules(K="id name kind"),
    "pairedtests.Characteristic": rules(K="id code name ground test_profile control_profile"),
    "pairedtests.PairedTest": rules(
        N="advert",
        K="id campaign_id agent_id characteristic_id rent wijk_id sent_on test_profile control_profile test_outcome control_outcome",
    ),
    "procedure.Request": rules(
        P="person_id",
        N="question registered_by_id",
        K="id dossier_id service_id received_on channel regime decision_due_on status decision_id registered_at",
    ),
    "registry.Address": rules(N="street number box", K="id postcode_id wijk_id"),
    "registry.Household": rules(P="id", N="name extern_id", K="address_id"),
    "registry.HouseholdMembership": rules(
        P="household_id person_id", K="id role start_date end_date"
    ),
    "registry.Organisation": rules(K="id code name kind enterprise_number address_id"),
    "registry.Person": rules(
        P="id merged_into_id",
        N="first_name last_name insz extern_id search_name search_key",
        Y="birth_date",
        K="sex nationality residence_status language",
    ),
    "registry.Wijk": rules(K="id code name latitude longitude"),
    "shelter.CapacityPeriod": rules(
        K="id facility_id place_kind places start_date end_date source"
    ),
    "shelter.ExitDestination": rules(K="id code name group"),
    "shelter.Facility": rules(
        K="id code name kind service_id operator_id office_id address_id per_household active_from active_until"
    ),
    "shelter.PitCount": rules(
        N="opened_by_id",
        K="id date name dedup_fields open_for_entry closed_at published_on published_adults published_children published_source",
    ),
    "shelter.PitCountRecord": rules(
        N="initials registered_by_id",
        H="dedup_key",
        K="id count_id organisation_id office_id ethos age_group sex with_partner children slept birth_year registered_at",
    ),
    "shelter.Refusal": rules(
        P="person_id", N="registered_by_id", K="id facility_id night registered_at"
    ),
    "shelter.Stay": rules(
        P="person_id household_id",
        N="place_label registered_by_id",
        K="id facility_id place_kind entry_date exit_date exit_destination_id overbooking registered_at",
    ),
    "subsidies.Advice": rules(
        N="note registered_by_id", K="id service_id organisation_id office_id given_on topic"
    ),
    "subsidies.Application": rules(
        N="title description created_by_id checked_by_id check_note decided_by_id motivation",
        K="id call_id organisation_id number category legal_form active_in_ghent exclusions target_group wijk_id activities_last_year members start_date end_date status submitted_on jury_deadline checked_on granted_amount decided_on",
    ),
    "subsidies.Call": rules(K="id scheme_id code name opens_on closes_on budget"),
    "subsidies.Scheme": rules(
        K="id code name regulation regulation_version regulation_date source_url rules office_id service_id"
    ),
    "volunteering.Match": rules(
        N="proposed_by_id note",
        K="id volunteer_id vacancy_id proposed_on score reasons volunteer_answer organisation_answer status confirmed_on follow_up_due followed_up_on",
    ),
    "volunteering.Vacancy": rules(
        N="title task accessibility_note policy_number",
        K="id organisation_id wijk_id place hours_per_week availability minimum_age languages accessible insurer status published_on closed_on",
    ),
    "volunteering.Volunteer": rules(
        P="person_id",
        N="note",
        K="id registered_on wijk_id max_distance_km hours_per_week availability languages needs_accessible active",
    ),
}
