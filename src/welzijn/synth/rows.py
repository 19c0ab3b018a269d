"""The generator's output: rows per table with explicit ids, the reference ids they point
at, and the string forms the bulk loader writes (money, ISO dates)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np

#: Every table a load writes, in insert order: parents before children.
TABLES = [
    "registry_address",
    "registry_organisation",
    "registry_household",
    "registry_person",
    "registry_householdmembership",
    "registry_income",
    "registry_socialstatus",
    "registry_organisation",
    "casework_dossier",
    "casework_contact",
    "casework_decision",
    "casework_trajectory",
    "casework_intervention",
    "activation_employer",
    "activation_placement",
    "activation_question",
    "activation_jobteamguidance",
    "activation_koopsociaalbuyer",
    "shelter_stay",
    "shelter_refusal",
    "shelter_pitcountrecord",
    "procedure_session",
    "procedure_request",
    "procedure_proposal",
    "procedure_agendaitem",
    "procedure_decisionletter",
    "meldingen_melding",
    "meldingen_meldingevent",
    "meldingen_conflict",
    "volunteering_vacancy",
    "volunteering_vacancy_causes",
    "volunteering_vacancy_skills",
    "volunteering_volunteer",
    "volunteering_volunteer_causes",
    "volunteering_volunteer_skills",
    "volunteering_match",
    "pairedtests_campaign",
    "pairedtests_agent",
    "pairedtests_pairedtest",
    "outputs_monthlyoutput",
    "outputs_externalfigure",
    "synth_groundtruth",
    "activities_series",
    "activities_activity",
    "activities_participant",
    "subsidies_application",
    "subsidies_budgetline",
    "subsidies_advice",
    "energy_lacsession",
    "energy_lacdossier",
    "energy_energyscan",
    "energy_energyaid",
    "energy_housingtrajectory",
    "energy_rentguarantee",
    "energy_rentarrearsoutcome",
]


@dataclass
class Tables:
    """Rows per table (in insert order), with their column names."""

    columns: dict[str, list[str]] = field(default_factory=dict)
    rows: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)

    def add(self, table: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
        if table in self.columns:
            assert self.columns[table] == columns, table
            self.rows[table].extend(rows)
        else:
            self.columns[table] = columns
            self.rows[table] = list(rows)

    def count(self) -> dict[str, int]:
        return {table: len(rows) for table, rows in self.rows.items()}


@dataclass
class Refs:
    """Ids of reference data in the target database, and the first free id per table."""

    wijk: dict[str, int]
    postcode: dict[str, int]
    office: dict[str, int]
    service: dict[str, int]
    service_kind: dict[str, str]
    service_unit: dict[str, str]
    outcome: dict[tuple[str, str], int]
    status_kind: dict[str, int]
    next_id: dict[str, int]
    #: categories and wijk centres of the meldingen (synth.meldingen.meldingen_refs)
    meldingen: dict[str, Any] = field(default_factory=dict)
    subsidy_calls: dict[str, int] = field(default_factory=dict)  # call code -> id


def money(values: np.ndarray) -> list[str]:
    return [f"{v:.2f}" for v in np.round(values, 2).tolist()]


def dates(days: np.ndarray) -> list[str]:
    """Days since 1970-01-01 -> ISO date strings."""
    return np.asarray(days, dtype="datetime64[D]").astype(str).tolist()


def day(date: dt.date) -> int:
    return (date - dt.date(1970, 1, 1)).days
