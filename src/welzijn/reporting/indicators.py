"""The indicator registry: one named indicator per figure of the annual report.

An indicator is a small declarative spec. Its ``kind`` names one generic, set-based query
(see `welzijn.reporting.compute`) and its ``services`` are codes of the service catalogue, so
one query shape serves many indicators and a figure is never a hard-coded value.

Kinds and where their figures come from:

* ``persons``: distinct persons with an intervention dated in the year, or a trajectory of
  those services active in the year (casework records).
* ``persons_started``: distinct persons whose trajectory of those services started in the year.
* ``persons_minor``: as ``persons``, only persons younger than 18 on 31 December.
* ``households``: distinct households (through the dossier) with an intervention in the year
  or a trajectory active in the year.
* ``records``: number of interventions in the year plus trajectories active in the year.
* ``outcome_share`` / ``outcome_count``: of the trajectories that ended in the year, the
  share / number with outcome ``detail``.
* ``hearings``: BCSD decisions whose hearing was held in the year.
* ``contact_outcome``: distinct persons with an onthaal contact in the year with outcome
  ``detail``.
* ``client_*``: the client base of the Sociale Dienst: households with a trajectory
  ``maatschappelijke-begeleiding`` active in the year and their members on 31 December.
* a domain app's measure (``<app>.<what>``, see `measures`): e.g. ``outputs.sum``, the
  monthly figures a team registers for a service in the unit ``detail``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from . import measures


class Kind(StrEnum):
    PERSONS = "persons"
    PERSONS_STARTED = "persons_started"
    PERSONS_MINOR = "persons_minor"
    HOUSEHOLDS = "households"
    RECORDS = "records"
    OUTCOME_SHARE = "outcome_share"
    OUTCOME_COUNT = "outcome_count"
    HEARINGS = "hearings"
    CONTACT_OUTCOME = "contact_outcome"
    CLIENT_HOUSEHOLDS = "client_households"
    CLIENT_PERSONS = "client_persons"
    CLIENT_SHARE_SINGLE = "client_share_single"
    CLIENT_SHARE_WITH_MINORS = "client_share_with_minors"
    CLIENT_SHARE_MINORS = "client_share_minors"
    CLIENT_SHARE_UNDER30 = "client_share_under30"


CHAPTERS: tuple[tuple[str, str], ...] = (
    ("missie-en-aanpak", "Missie en aanpak"),
    ("hulp-op-maat", "Hulp op maat van de Gentenaar"),
    ("stad-in-verbinding", "Gent, stad in verbinding"),
    ("gelijke-kansen", "Gelijke kansen voor elke Gentenaar"),
    ("aan-het-werk", "Meer Gentenaars aan het werk"),
    ("samen-voor-de-gentenaar", "Samen voor de Gentenaar"),
)
CHAPTER_NAMES = dict(CHAPTERS)

SHARE_KINDS = frozenset(
    {
        Kind.OUTCOME_SHARE,
        Kind.CLIENT_SHARE_SINGLE,
        Kind.CLIENT_SHARE_WITH_MINORS,
        Kind.CLIENT_SHARE_MINORS,
        Kind.CLIENT_SHARE_UNDER30,
    }
)


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str
    chapter: str
    section: str
    kind: str  # a `Kind`, or the name of a measure a domain app registered (`measures`)
    services: tuple[str, ...] = ()
    detail: str = ""  # outcome code of an outcome kind, unit of a monthly figure, ...
    unit: str = ""
    compare_previous: bool = False  # the seed compares this figure with the year before
    note: str = ""
    #: False: the seed publishes no figure for it (a measure the teams asked for); the report
    #: shows it, the reproduction of the seed has no target to compare it with.
    seed: bool = True

    @property
    def measure(self) -> measures.Measure | None:
        """The domain app's measure that computes this indicator, if its kind is one."""
        return measures.get(self.kind)

    @property
    def is_share(self) -> bool:
        m = self.measure
        return self.kind in SHARE_KINDS or bool(m and m.share)

    @property
    def is_count_of_people(self) -> bool:
        """Small counts of people (persons, households, their records) are suppressed."""
        if self.is_share:
            return False
        m = self.measure
        return m is None or not m.things

    @property
    def chapter_name(self) -> str:
        return CHAPTER_NAMES[self.chapter]

    @property
    def definition(self) -> str:
        """How the figure is computed, in plain Dutch."""
        if (m := self.measure) is not None:
            text = m.describe(self)
            return f"{text} {self.note}" if self.note else text
        svc = ", ".join(f"‘{s}’" for s in self.services)
        diensten = f"de dienst {svc}" if len(self.services) == 1 else f"de diensten {svc}"
        records = f"een tussenkomst in het jaar of een traject dat in het jaar liep, van {diensten}"
        members = (
            " Een registratie voor het hele huishouden telt voor elk lid: wie op de datum van "
            "de tussenkomst of tijdens het traject lid was."
        )
        client = (
            "Cliënten: huishoudens met een traject ‘maatschappelijke-begeleiding’ dat in "
            "het jaar liep, en hun leden op 31 december"
        )
        src = " Bron: casework (dossiers, trajecten, tussenkomsten); geannuleerde tellen niet."
        k = self.kind
        if k == Kind.PERSONS:
            text = f"Aantal verschillende personen met {records}." + members + src
        elif k == Kind.PERSONS_STARTED:
            text = (
                f"Aantal verschillende personen van wie een traject van {diensten} "
                "in het jaar begon." + src
            )
        elif k == Kind.PERSONS_MINOR:
            text = (
                f"Aantal verschillende personen jonger dan 18 op 31 december met {records}."
                + members
                + src
            )
        elif k == Kind.HOUSEHOLDS:
            text = f"Aantal verschillende huishoudens (via het dossier) met {records}." + src
        elif k == Kind.RECORDS:
            text = (
                f"Aantal tussenkomsten van {diensten} in het jaar plus het aantal trajecten "
                f"van {diensten} dat in het jaar liep; elke registratie telt." + src
            )
        elif k == Kind.OUTCOME_SHARE:
            text = (
                f"Van de trajecten van {diensten} die in het jaar eindigden: het aandeel "
                f"met uitkomst ‘{self.detail}’. Niet getoond als er minder dan 20 "
                "trajecten eindigden." + src
            )
        elif k == Kind.OUTCOME_COUNT:
            text = (
                f"Aantal trajecten van {diensten} dat in het jaar eindigde met uitkomst "
                f"‘{self.detail}’." + src
            )
        elif k == Kind.HEARINGS:
            text = (
                "Aantal beslissingen van het BCSD waarvoor in het jaar een hoorzitting "
                "werd gehouden." + " Bron: beslissingen BCSD in de casework."
            )
        elif k == Kind.CONTACT_OUTCOME:
            text = (
                "Aantal verschillende personen met een onthaalcontact in het jaar met "
                f"uitkomst ‘{self.detail}’." + " Bron: onthaalcontacten in de casework."
            )
        elif k == Kind.CLIENT_HOUSEHOLDS:
            text = f"Aantal cliënthuishoudens. {client}." + src
        elif k == Kind.CLIENT_PERSONS:
            text = f"Aantal verschillende personen in cliënthuishoudens. {client}." + src
        elif k == Kind.CLIENT_SHARE_SINGLE:
            text = (
                "Aandeel van de cliënthuishoudens met precies één lid op 31 december. "
                f"{client}." + src
            )
        elif k == Kind.CLIENT_SHARE_WITH_MINORS:
            text = (
                "Aandeel van de cliënthuishoudens met minstens één lid jonger dan 18 op "
                f"31 december. {client}." + src
            )
        elif k == Kind.CLIENT_SHARE_MINORS:
            text = (
                "Aandeel van de personen in cliënthuishoudens dat op 31 december jonger "
                f"is dan 18. {client}." + src
            )
        elif k == Kind.CLIENT_SHARE_UNDER30:
            text = (
                "Aandeel van de personen in cliënthuishoudens dat op 31 december jonger "
                f"is dan 30. {client}." + src
            )
        else:
            raise ValueError(f"onbekende soort indicator {k!r} ({self.code})")
        if self.note:
            text += " " + self.note
        return text


def _spec(chapter: str, section: str, rows: list[tuple]) -> list[Indicator]:
    out = []
    for row in rows:
        code, label, kind, services, *rest = row
        detail = rest[0] if rest else ""
        extra = rest[1] if len(rest) > 1 else {}
        unit = extra.pop("unit", "") if extra else ""
        if kind in Kind._value2member_map_:
            kind = Kind(kind)
        if not unit:
            unit = _default_unit(kind, detail)
        out.append(
            Indicator(
                code=code,
                label=label,
                chapter=chapter,
                section=section,
                kind=kind,
                services=tuple(services.split("+")) if services else (),
                detail=detail,
                unit=unit,
                **(extra or {}),
            )
        )
    return out


def _default_unit(kind: str, detail: str) -> str:
    if kind in SHARE_KINDS:
        return "%"
    return {
        Kind.PERSONS: "personen",
        Kind.PERSONS_STARTED: "personen",
        Kind.PERSONS_MINOR: "personen",
        Kind.HOUSEHOLDS: "huishoudens",
        Kind.RECORDS: "registraties",
        Kind.OUTCOME_COUNT: "personen",
        Kind.HEARINGS: "hoorzittingen",
        Kind.CONTACT_OUTCOME: "personen",
        Kind.CLIENT_HOUSEHOLDS: "huishoudens",
        Kind.CLIENT_PERSONS: "personen",
    }.get(kind, detail)


P, PS, PM, H, R = "persons", "persons_started", "persons_minor", "households", "records"
OS, OC = "outcome_share", "outcome_count"
# figures a team reports per month (outputs): a sum over the months or the year-end stand;
# _P: counts of people (small counts suppressed); EXT: external figures with their source
OUT_SUM, OUT_SUM_P = "outputs.sum", "outputs.sum_persons"
OUT_STOCK, OUT_STOCK_P = "outputs.stock", "outputs.stock_persons"
EXT, EXT_SHARE = "outputs.external", "outputs.external_share"
AS, AP = "activities.sessions", "activities.participants"  # sessions with groups (activities)
PT, ND = "pairedtests.tests", "pairedtests.net_discrimination"  # measures of pairedtests
MB = "maatschappelijke-begeleiding"

_HULP = "hulp-op-maat"
_VERB = "stad-in-verbinding"
_GK = "gelijke-kansen"
_WERK = "aan-het-werk"
_SAMEN = "samen-voor-de-gentenaar"

INDICATORS: tuple[Indicator, ...] = tuple(
    _spec(_HULP, "Armoede in Gent", [
        ("armoede", "Gentenaars die in armoede leven", EXT_SHARE, "", "armoede",
         {"unit": "%"}),
    ])
    + _spec(_HULP, "Proactief en vindplaatsgericht", [
        ("kinderen_eerst", "Kinderen Eerst: bereikte personen", P, "kinderen-eerst"),
        ("kinderen_eerst_scholen_zitdag", "Kinderen Eerst: scholen met zitdag", OUT_STOCK,
         "kinderen-eerst", "scholen met zitdag"),
        ("kinderen_eerst_scholen_consult", "Kinderen Eerst: scholen met consult", OUT_STOCK,
         "kinderen-eerst", "scholen met consult"),
    ])
    + _spec(_HULP, "Zo hielp de Sociale Dienst", [
        ("clienten_huishoudens", "Huishoudens geholpen door de Sociale Dienst",
         "client_households", MB),
        ("clienten_personen", "Personen in die huishoudens", "client_persons", MB),
        ("onthaal_zonder_vervolg", "Geholpen in het welzijnsonthaal zonder vervolgtraject",
         "contact_outcome", "welzijnsonthaal", "geen-vervolgtraject"),
        ("clienten_alleenstaand", "Cliënthuishoudens: alleenstaand", "client_share_single",
         MB),
        ("clienten_met_kinderen", "Cliënthuishoudens: met één of meer kinderen (-18j)",
         "client_share_with_minors", MB),
        ("clienten_minderjarig", "Cliënten: minderjarig", "client_share_minors", MB),
        ("clienten_jonger_dan_30", "Cliënten: jonger dan 30", "client_share_under30", MB),
        ("leefloon_personen", "Personen met (equivalent) leefloon", P,
         "leefloon+equivalent-leefloon+leefloon-studenten"),
        ("leefloon_studenten", "Leefloonstudenten", P, "leefloon-studenten"),
    ])
    + _spec(_HULP, "Brede aanpak", [
        ("psychologische_hulp", "Gratis psychologische hulp", P, "psychologische-hulp"),
        ("dringende_medische_hulp", "Dringende medische hulp (zonder wettig verblijf)", P,
         "dringende-medische-hulp"),
        ("budget_schuldhulp", "Gezinnen in budget- en schuldhulpverlening", H,
         "budget-en-schuldhulpverlening"),
        ("juridisch_advies", "Juridische adviezen voor OCMW-cliënten", R, "juridisch-advies",
         "", {"unit": "adviezen"}),
        ("juridisch_advies_wb", "Adviezen aan de welzijnsbureaus (leefloon, financiële hulp)",
         R, "juridisch-advies-welzijnsbureaus", "", {"unit": "adviezen"}),
        ("hoorzittingen", "Hoorzittingen rond OCMW-steun", "hearings", "hoorzitting"),
        ("bcsd_beslissingen", "BCSD: beslissingen", "procedure.decisions", "", "",
         {"unit": "beslissingen", "seed": False}),
        ("bcsd_toekenningen", "BCSD: toekenningen", "procedure.decisions", "", "toekenning",
         {"unit": "beslissingen", "seed": False}),
        ("bcsd_weigeringen", "BCSD: weigeringen", "procedure.decisions", "", "weigering",
         {"unit": "beslissingen", "seed": False}),
        ("bcsd_leefloon", "BCSD: beslissingen over het leefloon", "procedure.decisions",
         "leefloon+leefloon-studenten", "", {"unit": "beslissingen", "seed": False}),
        ("bcsd_binnen_termijn", "BCSD: aanvragen beslist binnen de wettelijke termijn",
         "procedure.within_deadline", "", "", {"unit": "%", "seed": False}),
        ("bcsd_doorlooptijd", "BCSD: gemiddelde tijd van aanvraag tot beslissing",
         "procedure.days_to_decision", "", "", {"unit": "dagen", "seed": False}),
        ("bcsd_beroepen", "Beroepen bij de arbeidsrechtbank", "procedure.appeals", "", "",
         {"unit": "beroepen", "seed": False}),
        ("bcsd_beroepen_hervormd", "Beroepen: beslissing hervormd", "procedure.appeals", "",
         "hervormd", {"unit": "beroepen", "seed": False}),
        ("bcsd_beroepen_bevestigd", "Beroepen: beslissing bevestigd", "procedure.appeals", "",
         "bevestigd", {"unit": "beroepen", "seed": False}),
        ("controlecel_dossiers", "Controlecel: dossiers sociaal onderzoek", OUT_SUM_P,
         "controlecel-sociaal-onderzoek", "dossiers"),
        ("controlecel_helpdesk", "Controlecel: tussenkomsten als helpdesk", OUT_SUM,
         "controlecel-helpdesk", "adviezen"),
    ])
    + _spec(_HULP, "Respijtlek", [
        ("respijtlek", "Respijtlek De Moester: personen", P, "respijtlek-de-moester"),
    ])
    + _spec(_HULP, "Beter leven", [
        ("sport_personen", "Sport & vrije tijd: personen", P, "sport-en-vrije-tijd"),
        ("sport_tussenkomsten", "Sport & vrije tijd: tussenkomsten", R, "sport-en-vrije-tijd",
         "", {"unit": "tussenkomsten"}),
        ("mobiele_kruideniers", "Mobiele sociale kruideniers", OUT_STOCK, "mobiele-kruideniers",
         "mobiele kruideniers"),
        ("sociale_restaurants", "Sociale restaurants", OUT_STOCK, "sociale-restaurants",
         "restaurants"),
        ("sociale_restaurants_maaltijden", "Maaltijden aan sociaal tarief", OUT_SUM,
         "sociale-restaurants", "maaltijden"),
    ])
    + _spec(_HULP, "Lekker(s) op school", [
        ("lekkers_scholen", "Kleuterscholen in het onderzoek", OUT_STOCK, "lekkers-op-school",
         "scholen"),
        ("lekkers_kleuters", "Kleuters", OUT_STOCK_P, "lekkers-op-school", "kleuters"),
        ("lekkers_maaltijden", "Warme maaltijden", OUT_SUM, "lekkers-op-school", "maaltijden"),
        ("lekkers_tienuurtjes", "Tienuurtjes", OUT_SUM, "lekkers-op-school-tienuurtjes",
         "tienuurtjes"),
        ("lekkers_brooddoos", "Aanvullingen op de brooddoos", OUT_SUM,
         "lekkers-op-school-brooddoos", "aanvullingen"),
    ])
    + _spec(_HULP, "Hulp voor Oekraïners", [
        ("oekraine_personen", "Oekraïners geholpen door OCMW Gent", P, "cel-oekraine"),
        ("oekraine_gastgezin", "Oekraïners bij een gastgezin", "shelter.persons",
         "gastgezinnen-oekraine", "", {"unit": "personen"}),
        ("oekraine_collectief", "Oekraïners in kleinschalige collectieve opvang",
         "shelter.persons", "collectieve-opvang-oekraine", "", {"unit": "personen"}),
        ("oekraine_infosessies", "Infosessies voor Oekraïners", AS,
         "infosessies-oekraine", "", {"unit": "sessies"}),
    ])
    + _spec(_HULP, "Nooddorp", [
        ("nooddorp_bewoners", "Nooddorp: bewoners",
         "shelter.persons", "nooddorp", "", {"unit": "personen"}),
        ("nooddorp_kinderen", "Nooddorp: waarvan kinderen",
         "shelter.minors", "nooddorp", "", {"unit": "personen"}),
    ])
    + _spec(_HULP, "De straat op", [
        ("dak_thuislozentelling", "Dak- en thuislozen geteld (telling 20 oktober)",
         "shelter.count_total", "dak-en-thuislozentelling", "", {"unit": "personen"}),
        ("straathoekwerk", "Straathoekwerk: volwassenen bereikt", P, "straathoekwerk"),
        ("jeugdstraathoekwerk", "Jeugdstraathoekwerk: jongeren (12-26 jaar) bereikt", P,
         "jeugdstraathoekwerk"),
        ("schoolspotters", "Schoolspotters: jongeren geholpen", P, "schoolspotters"),
        ("buurtstewards", "Buurtstewards: mensen geholpen", P, "buurtstewards"),
        ("opstap", "OpStap: mensen met een drugsverslaving of in herstel", P, "opstap"),
    ])
    + _spec(_HULP, "Opvang en begeleiding", [
        ("nachtopvang", "Nachtopvang: unieke gebruikers",
         "shelter.persons", "nachtopvang", "", {"unit": "personen"}),
        ("nachtopvang_nachten", "Nachtopvang: nachten", "shelter.nights", "nachtopvang", "",
         {"unit": "nachten"}),
        ("dak_thuislozen_naar_woning", "Dak- en thuislozen met leefloon naar een duurzame thuis",
         P, "begeleiding-dak-en-thuislozen-naar-woning"),
        ("nachtopvang_bezetting", "Nachtopvang: bezettingsgraad", "shelter.occupancy",
         "nachtopvang", "", {"unit": "%", "seed": False}),
        ("nachtopvang_weigeringen", "Nachtopvang: weigeringen wegens plaatsgebrek",
         "shelter.refusals", "nachtopvang", "", {"unit": "weigeringen", "seed": False}),
        ("nachtopvang_overboekingen", "Nachtopvang: noodoverboekingen",
         "shelter.overbookings", "nachtopvang", "", {"unit": "nachten", "seed": False}),
        ("housing_first_nieuw", "Housing First: daklozen met een nieuwe woning",
         "shelter.entrants", "housing-first", "", {"unit": "personen"}),
        ("housing_first_behouden", "Housing First: woning behouden",
         "shelter.housing_retained", "housing-first", "", {"unit": "%"}),
        ("soi_plaatsen", "Plaatsen in het Stedelijk Opvanginitiatief (SOI)", "shelter.places",
         "soi", "", {"unit": "plaatsen"}),
        ("reno_plaatsen", "Plaatsen in opvangcentrum Reno", "shelter.places", "reno", "",
         {"unit": "plaatsen"}),
        ("reno_landen", "Landen van herkomst in de opvang (SOI en Reno)", "shelter.countries",
         "soi+reno", "", {"unit": "landen van herkomst"}),
        ("doortrekkersterrein", "Gezinnen op het doortrekkersterrein", "shelter.households",
         "doortrekkersterrein", "", {"unit": "gezinnen"}),
        ("oo_verblijf", "Opvang & Oriëntatie: volwassenen zonder wettig verblijf (verblijf)",
         "shelter.persons", "opvang-en-orientatie", "", {"unit": "personen"}),
        ("oo_begeleiding", "Opvang & Oriëntatie: intensieve begeleiding", P,
         "opvang-en-orientatie-begeleiding"),
        ("oo_wettig_verblijf", "Opvang & Oriëntatie: uitgestroomd naar wettig verblijf", OC,
         "opvang-en-orientatie-begeleiding", "uitgestroomd-naar-wettig-verblijf"),
        ("jongerentrajecten", "Jongeren met een traject naar zelfstandig wonen", P,
         "jongerentrajecten"),
        ("leeuwenhof_bewoners", "Leeuwenhof: nieuwe bewoners", "shelter.entrants",
         "opvang-en-orientatie-leeuwenhof", "", {"unit": "personen"}),
        ("leeuwenhof_duurzaam", "Leeuwenhof: nadien een duurzame woonst",
         "shelter.durable_outflow", "opvang-en-orientatie-leeuwenhof", "", {"unit": "%"}),
        ("leegstand", "Project Leegstand: huishoudens",
         "shelter.households", "leegstand", "", {"unit": "huishoudens"}),
        ("leegstand_vertrokken", "Project Leegstand: gezinnen vertrokken",
         "shelter.households_left", "leegstand", "", {"unit": "gezinnen"}),
        ("leegstand_woonoplossing", "Project Leegstand: vertrokken met een woonoplossing",
         "shelter.durable_outflow", "leegstand", "", {"unit": "%"}),
        ("instapwonen", "Instapwonen: gezinnen met een eigen woning",
         "shelter.households_to_housing", "instapwonen", "", {"unit": "gezinnen"}),
        ("postmobiel_wonen", "Postmobiel wonen: personen",
         "shelter.persons", "postmobiel-wonen", "", {"unit": "personen"}),
        ("postmobiel_duurzaam", "Postmobiel wonen: duurzame woonsituatie",
         "shelter.durable_outflow", "postmobiel-wonen", "", {"unit": "%"}),
    ])
    + _spec(_HULP, "Herstelbedden", [
        ("herstelbedden_bedden", "Herstelbedden in het Leeuwenhof", "shelter.places",
         "herstelbedden-leeuwenhof", "", {"unit": "bedden"}),
        ("herstelbedden_personen", "Herstelbedden: daklozen die er revalideerden",
         "shelter.persons", "herstelbedden-leeuwenhof", "", {"unit": "personen"}),
    ])
    + _spec(_HULP, "Energie", [
        ("energie", "Huishoudens met een tussenkomst voor energie", "energy.aid_households",
         "tussenkomst-energie", "", {"compare_previous": True, "unit": "huishoudens"}),
        ("energiepremie_toestellen", "Premie energiezuinig toestel of ingreep",
         "energy.aid_households", "energiepremie-toestellen", "", {"unit": "huishoudens"}),
        ("energiescan", "Huishoudens met een energiescan", "energy.scan_households",
         "energiescan", "", {"unit": "huishoudens"}),
        ("lac_energie", "LAC: Fluviusdossiers", "energy.lac_dossiers", "lac-dossiers-energie",
         "", {"unit": "dossiers"}),
        ("lac_energie_voorkomen", "LAC: afsluiting voorkomen", "energy.lac_prevented",
         "lac-dossiers-energie", "", {"unit": "%"}),
        ("lac_water", "LAC: dossiers over water", "energy.lac_dossiers", "lac-dossiers-water",
         "", {"unit": "dossiers"}),
        ("winterpremie", "Gezinnen met een winterpremie (verwarmingskosten)",
         "energy.aid_households", "winterpremie", "", {"unit": "gezinnen"}),
    ])
    + _spec(_HULP, "Energieschulden", [
        ("energieschulden", "Gezinnen met energieschulden ten laste genomen",
         "energy.aid_households", "energieschulden-ten-laste", "",
         {"compare_previous": True, "unit": "gezinnen"}),
    ])
    + _spec(_HULP, "Beter wonen", [
        ("wooncoaches", "Wooncoaches: huishoudens geholpen", "energy.housing_households",
         "wooncoaches", "wooncoach", {"unit": "huishoudens"}),
        ("huurachterstal", "Meldingen van huurachterstal", "meldingen.count",
         "huurachterstal-meldingen", "", {"unit": "meldingen"}),
        ("huurwaarborg", "Gentenaars geholpen met hun huurwaarborg", "energy.guarantee_persons",
         "huurwaarborg", "", {"unit": "personen"}),
        ("gent_knapt_op", "Nieuwe Gent Knapt Op-trajecten", "energy.housing_started",
         "gent-knapt-op", "gent-knapt-op", {"unit": "eigenaars"}),
    ])
    + _spec(_VERB, "Buurt in verbinding", [
        ("leefstraten", "Leefstraten", "activities.series_goal_reached", "leefstraten", "",
         {"unit": "leefstraten"}),
        ("leefstraten_trajecten", "Leefstraten: trajecten", "activities.series", "leefstraten",
         "", {"unit": "trajecten"}),
        ("repair_cafes", "Repair Cafés", AS, "repair-cafes", "",
         {"unit": "Repair Cafés"}),
        ("repair_cafes_bezoekers", "Repair Cafés: gemiddeld aantal bezoekers",
         "activities.average_participants", "repair-cafes", "",
         {"unit": "gemiddeld aantal bezoekers"}),
        ("repair_cafes_hersteld", "Repair Cafés: met succes hersteld",
         "activities.repaired_share", "repair-cafes", "", {"unit": "%"}),
        ("samen_aan_zet", "Samen aan zet: gesubsidieerde initiatieven", "subsidies.grants",
         "samen-aan-zet", "", {"unit": "initiatieven"}),
        ("samen_aan_zet_bedrag", "Samen aan zet: toegekend bedrag", "subsidies.granted_amount",
         "samen-aan-zet", "", {"unit": "euro", "seed": False}),
        *[(f"samen_aan_zet_bedrag_{c}", f"Samen aan zet: toegekend bedrag, categorie {c}",
           "subsidies.granted_amount", "samen-aan-zet", c, {"unit": "euro", "seed": False})
          for c in ("1a", "1b", "2", "3")],
        ("dag_van_de_buren", "Dag van de Buren: wijken met extra inzet", "activities.wijken",
         "dag-van-de-buren", "", {"unit": "wijken"}),
        ("zeg_het_met_koffie", "Zeg het met koffie: ontmoetingsactiviteiten",
         AS, "zeg-het-met-koffie", "", {"unit": "ontmoetingsactiviteiten"}),
        ("open_huizen", "Open Huizen overgedragen", "activities.series_goal_reached",
         "open-huizen", "", {"unit": "Open Huizen", "note": "Een reeks ‘begeleiding "
         "vrijwilligers’ per Open Huis, afgesloten met het doel bereikt: overgedragen aan "
         "het Lokaal Dienstencentrum."}),
    ])
    + _spec(_VERB, "Aangenaam en veilig samenleven", [
        ("conflicten", "Conflicten en spanningen tussen burgers", "meldingen.conflicts",
         "conflicten-en-spanningen", "", {"unit": "conflicten"}),
        ("conflicten_geluid", "Conflicten: over geluidsoverlast", "meldingen.conflicts_in_category",
         "conflicten-en-spanningen", "geluidsoverlast", {"unit": "% geluidsoverlast"}),
        ("conflicten_geholpen", "Conflicten: burgers die zeggen geholpen te zijn",
         "meldingen.conflicts_helped", "conflicten-en-spanningen", "",
         {"unit": "% zegt geholpen te zijn"}),
        ("bestuurlijke_verslagen", "Gemeenschapswachten: bestuurlijke verslagen",
         "meldingen.administrative_reports", "bestuurlijke-verslagen", "", {"unit": "verslagen"}),
        ("bestuurlijke_verslagen_sluikstort", "Bestuurlijke verslagen voor sluikstorten",
         "meldingen.administrative_reports", "bestuurlijke-verslagen", "sluikstorten",
         {"unit": "verslagen sluikstorten"}),
        ("meldingen_vervuiling", "Meldingen van vervuiling of defect", "meldingen.count",
         "meldingen-vervuiling-defect", "", {"unit": "meldingen"}),
    ])
    + _spec(_VERB, "Noodplanning", [
        ("crisisbeheer", "Crisisbeheer: incidenten", "meldingen.count",
         "noodplanning-crisisbeheer", "", {"unit": "incidenten"}),
        ("be_alert", "Gentenaars aangesloten op BE-Alert", OUT_STOCK, "be-alert", "aansluitingen"),
    ])
    + _spec(_GK, "Diversiteit en inclusie", [
        ("regenboognetwerk", "Regenboognetwerk: organisaties", OUT_STOCK, "regenboognetwerk",
         "organisaties"),
        ("casa_rosa", "Casa Rosa: gesprekken", OUT_SUM, "casa-rosa", "gesprekken"),
        ("homo_transfobie", "Voorstelling rond intersekse: toeschouwers", AP,
         "dag-tegen-homo-en-transfobie", "", {"unit": "deelnemers"}),
        ("microagressies", "Lezing microagressies: deelnemers", AP, "lezing-microagressies", "",
         {"unit": "deelnemers"}),
        ("participatietraject", "Inburgeraars in een participatietraject",
         "activities.series_participants", "participatietraject-inburgeraars", "",
         {"unit": "personen"}),
        ("stageplekken", "Partners met een stageplek voor nieuwkomers", OUT_STOCK,
         "stageplekken-nieuwkomers", "partners"),
        ("amal_nederlands", "Amal: deelnemers die Nederlands oefenden", AP,
         "amal-nederlands-oefenen", "", {"unit": "deelnemers"}),
        ("taalcafe", "Taalcafé Mundial: bezoekers", AP, "taalcafe-mundial", "",
         {"unit": "bezoekers"}),
        ("taalkampen", "Taalkampen: minderjarige anderstalige nieuwkomers", AP, "taalkampen", "",
         {"unit": "deelnemers"}),
    ])
    + _spec(_GK, "Acties en samenwerking", [
        ("actieplan_acties", "Actieplan Antidiscriminatie: acties 2020-2025", OUT_STOCK,
         "actieplan-antidiscriminatie", "acties (2020-2025)"),
        ("omstaandertrainingen", "Omstaandertrainingen: deelnemers", AP, "omstaandertrainingen", "",
         {"unit": "deelnemers"}),
        ("praktijktesten", "Praktijktesten op de private huurmarkt",
         PT, "praktijktesten", "", {"unit": "praktijktesten"}),
        ("haatspraak_trainers", "Online haatspraak: opgeleide trainers", AP,
         "opleiding-trainers-haatspraak", "", {"unit": "trainers"}),
        ("haatspraak_deelnemers", "Online haatspraak: deelnemers", AP,
         "online-haatspraak-trainingen", "", {"unit": "deelnemers"}),
        ("praktijktesten_particulier", "Praktijktesten bij particuliere verhuurders",
         PT, "praktijktesten", "particulier", {"unit": "praktijktesten"}),
        ("praktijktesten_makelaar", "Praktijktesten bij vastgoedmakelaars",
         PT, "praktijktesten", "makelaar", {"unit": "praktijktesten"}),
        ("praktijktesten_maghrebijnse_naam", "Praktijktesten: Maghrebijns klinkende naam",
         PT, "praktijktesten", "maghrebijnse-naam", {"unit": "praktijktesten"}),
        ("praktijktesten_rolstoelgebruiker", "Praktijktesten: rolstoelgebruiker",
         PT, "praktijktesten", "rolstoelgebruiker", {"unit": "praktijktesten"}),
        ("praktijktesten_vervangingsinkomen", "Praktijktesten: vervangingsinkomen",
         PT, "praktijktesten", "vervangingsinkomen", {"unit": "praktijktesten"}),
        ("praktijktesten_koppel_zelfde_geslacht", "Praktijktesten: koppel van hetzelfde geslacht",
         PT, "praktijktesten", "koppel-zelfde-geslacht", {"unit": "praktijktesten"}),
        ("netto_discriminatie_maghrebijnse_naam",
         "Netto discriminatie huurmarkt: Maghrebijns klinkende naam",
         ND, "praktijktesten", "maghrebijnse-naam", {"unit": "%"}),
        ("netto_discriminatie_rolstoelgebruiker",
         "Netto discriminatie huurmarkt: rolstoelgebruiker",
         ND, "praktijktesten", "rolstoelgebruiker", {"unit": "%"}),
        ("netto_discriminatie_vervangingsinkomen",
         "Netto discriminatie huurmarkt: vervangingsinkomen",
         ND, "praktijktesten", "vervangingsinkomen", {"unit": "%"}),
        ("netto_discriminatie_koppel_zelfde_geslacht",
         "Netto discriminatie huurmarkt: koppel van hetzelfde geslacht",
         ND, "praktijktesten", "koppel-zelfde-geslacht", {"unit": "%"}),
    ])
    + _spec(_GK, "Politie", [
        ("haatmisdrijven", "Gemelde haatmisdrijven (politie)", EXT, "haatmisdrijven-meldingen",
         "haatmisdrijven", {"unit": "meldingen"}),
    ])
    + _spec(_GK, "Toegankelijkheid", [
        ("universal_design", "Universal Design: opgeleide stadsmedewerkers", AP,
         "universal-design-opleidingen", "", {"unit": "deelnemers"}),
        ("advies_openbaar_domein", "Adviezen toegankelijk openbaar domein", OUT_SUM,
         "toegankelijkheidsadvies-openbaar-domein", "adviezen"),
        ("advies_gebouwen", "Adviezen publiek toegankelijke gebouwen", OUT_SUM,
         "toegankelijkheidsadvies-gebouwen", "adviezen"),
        ("taxicheques", "Gebruikte taxicheques", OUT_SUM, "taxicheques", "taxicheques"),
        ("rolstoelvervoer", "Ritten aangepast rolstoelvervoer", OUT_SUM,
         "aangepast-rolstoelvervoer", "ritten"),
        ("vrijwilligersvervoer", "Ritten vrijwilligersvervoer", OUT_SUM, "vrijwilligersvervoer",
         "ritten"),
        ("genderinclusief", "Gescreende formulieren (genderinclusieve registratie)", OUT_SUM,
         "genderinclusieve-registratie", "formulieren"),
    ])
    + _spec(_WERK, "Werk en activering", [
        ("werk_vragen", "Ondersteuningsvragen rond werk, opleiding en activering",
         "activation.questions", "dienst-werk-en-activering", "", {"unit": "vragen"}),
        ("activering", "OCMW-cliënten in een activeringstraject", P, "activeringstraject"),
        ("werkervaring_bedrijven", "Bedrijven voor werkervaring", "activation.employers",
         "werkervaring-bedrijven+artikel-60", "", {"unit": "bedrijven"}),
        ("jobteam_sinds_2020", "Jobteam: bereikt sinds 2020", "activation.jobteam_reached",
         "jobteam", "", {"unit": "personen bereikt sinds 2020"}),
        ("jobteam_intensief", "Jobteam: intensief begeleid sinds 2020",
         "activation.jobteam_intensive", "jobteam", "",
         {"unit": "personen intensief begeleid sinds 2020"}),
        ("sociale_activering", "Sociale activering: personen", P, "sociale-activering"),
        ("taalcoaches", "Taalcoaches: mensen in een activeringstraject", P, "taalcoaches"),
        ("groepswerkingen", "Thematische groepswerkingen: deelnemers", AP, "groepswerkingen", "",
         {"unit": "deelnemers"}),
        ("arbeidszorg", "Cliënten in een arbeidszorgtraject", P, "arbeidszorg"),
        ("wijkwerken", "Wijkwerken: werkzoekenden per maand", "activation.persons_per_month",
         "wijkwerken", "", {"unit": "werkzoekenden per maand"}),
        ("koop_sociaal", "Koop Sociaal: aankopers", "activation.buyers", "koop-sociaal", "",
         {"unit": "aankopers"}),
        ("artikel_60", "Mensen met een artikel 60-contract", P, "artikel-60"),
    ])
    + _spec(_WERK, "Iedereen digitaal", [
        ("digitale_toestellen", "Refurbished digitale toestellen", R, "digitale-toestellen",
         "", {"unit": "toestellen"}),
        ("internetkosten", "Tussenkomsten internetkosten of basissoftware", R,
         "tussenkomst-internetkosten", "", {"unit": "tussenkomsten"}),
        ("u_connect", "U-Connect: Gentenaars begeleid naar werk en activering", P,
         "digicoaches-u-connect"),
        ("u_connect_individueel", "U-Connect: individueel geholpen",
         "activation.persons_helped", "digicoaches-u-connect", "",
         {"unit": "personen individueel geholpen"}),
        ("u_connect_workshops", "U-Connect: workshops voor groepen", AS,
         "digicoaches-u-connect-workshops", "", {"unit": "workshops"}),
    ])
    + _spec(_WERK, "Digihulp nabij", [
        ("digihulp_clienten", "Digicoaches welzijnsbureaus: cliënten", P,
         "digihulp-welzijnsbureaus"),
        ("digihulp_vragen", "Digicoaches welzijnsbureaus: digivragen", R,
         "digihulp-welzijnsbureaus", "", {"unit": "digivragen"}),
    ])
    + _spec(_WERK, "Dienstenbedrijf Sociale Economie", [
        ("dbse_medewerkers", "DBSE: medewerkers in begeleide tewerkstelling", P, "dbse"),
        ("dbse_doorstroom", "DBSE: doorgestroomd naar een job", OS, "dbse", "werk-gevonden"),
        ("dbse_sectoren", "DBSE: sectoren", "activation.sectors", "dbse", "",
         {"unit": "sectoren"}),
        ("dbse_zwerfvuil", "DBSE: zwerfvuil opgeruimd", OUT_SUM, "dbse-zwerfvuil", "ton"),
        ("dbse_materieel", "DBSE: opdrachten materiële dienstverlening", OUT_SUM,
         "dbse-materiele-dienstverlening", "opdrachten"),
        ("foodsavers", "Foodsavers: voedseloverschotten gered", OUT_SUM, "foodsavers", "ton"),
    ])
    + _spec(_SAMEN, "Samen met de doelgroep", [
        ("getuigen_workshops", "Workshops door getuigen met armoede-ervaring", AS,
         "getuigen-armoede-ervaring", "", {"unit": "workshops"}),
        ("getuigen_deelnemers", "Workshops armoede-ervaring: deelnemers", AP,
         "getuigen-armoede-ervaring", "", {"unit": "deelnemers"}),
        ("adviesraden", "Adviesraden", OUT_STOCK, "adviesraad-ouderen", "adviesraden (samen)",
         {"note": "De drie adviesraden registreren hun aantal samen onder ‘adviesraad-ouderen’."}),
        ("nightlife_charter", "Charter veilig nachtleven: afspraken", OUT_STOCK,
         "nightlife-council", "afspraken in het charter"),
        ("doelgroepverenigingen", "Erkende doelgroepverenigingen",
         "subsidies.organisations_running", "erkenning-doelgroepverenigingen", "",
         {"unit": "verenigingen"}),
        ("doelgroepverenigingen_subsidie", "Gesubsidieerde doelgroepverenigingen",
         "subsidies.organisations_running", "subsidie-doelgroepverenigingen", "",
         {"unit": "verenigingen"}),
        ("sociale_gidsen", "Sociale gidsen", P, "sociale-gidsen"),
    ])
    + _spec(_SAMEN, "Samen met het middenveld", [
        ("verenigingswijzer", "Verenigingswijzer: verenigingen met advies op maat",
         "subsidies.organisations_advised", "verenigingswijzer", "", {"unit": "verenigingen"}),
        ("sociaal_innovatiefonds", "Sociaal Innovatiefonds: gesteunde projecten",
         "subsidies.projects_running", "sociaal-innovatiefonds", "", {"unit": "projecten"}),
        ("traject_middenveld", "Traject Middenveld: organisaties", OUT_STOCK, "traject-middenveld",
         "organisaties"),
        ("netwerkdag", "Netwerkdag: middenveldpartners", AP, "netwerkdag-middenveld", "",
         {"unit": "deelnemers"}),
        ("amal_diensten", "Amal: ondersteunde diensten en partners", OUT_STOCK,
         "amal-sociaal-tolken", "diensten en partners"),
        ("amal_informatief", "Amal: informatieve vertalingen", OUT_SUM,
         "amal-informatieve-vertalingen", "vertalingen"),
        ("amal_documenten", "Amal: vertaalde officiële documenten", OUT_SUM,
         "amal-vertaling-officiele-documenten", "documenten"),
        ("amal_tolk", "Amal: tolkopdrachten", OUT_SUM, "amal-sociaal-tolken", "tolkopdrachten"),
    ])
    + _spec(_SAMEN, "Samen met vrijwilligers", [
        ("vrijwilligerspunt", "Vrijwilligerspunt: organisaties", "volunteering.organisations",
         "vrijwilligerspunt", "", {"unit": "organisaties"}),
        ("vrijwilligersloket", "Vrijwilligersloket: vrijwilligers met een match",
         "volunteering.matched_volunteers", "vrijwilligersloket", "", {"unit": "vrijwilligers"}),
        ("vormingen_vrijwilligers", "Vormingen voor vrijwilligers en partners", AS,
         "vormingen-vrijwilligers", "", {"unit": "vormingen"}),
        ("vormingen_vrijwilligers_deelnemers", "Vormingen: deelnemers", AP,
         "vormingen-vrijwilligers", "", {"unit": "deelnemers"}),
        ("dag_van_de_vrijwilliger_org", "Dag van de Vrijwilliger: organisaties", OUT_SUM,
         "dag-van-de-vrijwilliger", "organisaties"),
        ("dag_van_de_vrijwilliger", "Dag van de Vrijwilliger: vrijwilligers bedankt", OUT_SUM_P,
         "dag-van-de-vrijwilliger", "vrijwilligers"),
    ])
)  # fmt: skip

BY_CODE: dict[str, Indicator] = {i.code: i for i in INDICATORS}
assert len(BY_CODE) == len(INDICATORS), "indicator codes must be unique"


def by_chapter() -> dict[str, list[Indicator]]:
    out: dict[str, list[Indicator]] = {code: [] for code, _ in CHAPTERS}
    for ind in INDICATORS:
        out[ind.chapter].append(ind)
    return out
