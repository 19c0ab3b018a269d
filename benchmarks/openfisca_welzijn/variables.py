"""Leefloon and verhoogde tegemoetkoming as OpenFisca variables.

Each variable mirrors the welzijn variable of the same name (see the YAML files named
in the docstrings). Differences that come from the engines, not from the law:

* OpenFisca has no "unknown" value: an input left out takes its default, which is
  welzijn's ``absent="default"`` mode. The benchmark therefore feeds complete inputs.
* Formulas are dated (``formula_2002_10_01``: the Wet van 26 mei 2002 in force;
  ``formula_2014_01_01``: KB 15 januari 2014); welzijn's formulas are undated, and its
  parameters only start in 2022/2023, so both engines agree on every date where the
  parameters exist.
* ``verblijfsstatus`` is an OpenFisca Enum whose members are in welzijn's code order, so
  the integer codes of the synthetic population can be passed as they are.
"""

import numpy as np
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import MONTH, YEAR
from openfisca_core.variables import Variable

from .entities import Gezin, Persoon


def round_cents(values):
    """Round half away from zero to cents, exactly as welzijn's ``round2``."""
    v = np.asarray(values, dtype=np.float64)
    return np.sign(v) * np.floor(np.abs(v) * 100.0 + 0.5 + 1e-7) / 100.0


# -- inputs (variables/leefloon.yaml, algemeen.yaml, verhoogde_tegemoetkoming.yaml) ------


class leeftijd(Variable):
    value_type = int
    default_value = 30
    entity = Persoon
    definition_period = MONTH
    label = "leeftijd"


class ontvoogd(Variable):
    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "ontvoogde minderjarige"


class zwanger(Variable):
    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "zwanger"


class Verblijfsstatus(Enum):
    belg = "Belg"
    eu_burger = "burger van de Europese Unie (of familielid) met verblijfsrecht"
    erkend_vluchteling = "erkend vluchteling"
    staatloze = "erkend staatloze"
    ingeschreven_bevolkingsregister = "vreemdeling ingeschreven in het bevolkingsregister"
    subsidiaire_bescherming = "subsidiair beschermde"
    ander_verblijf = "ander (tijdelijk) verblijf"
    geen_wettig_verblijf = "geen wettig verblijf"


class verblijfsstatus(Variable):
    value_type = Enum
    possible_values = Verblijfsstatus
    default_value = Verblijfsstatus.belg
    entity = Persoon
    definition_period = MONTH
    label = "nationaliteit en verblijfsstatus"


class woont_in_belgie(Variable):
    value_type = bool
    default_value = True
    entity = Persoon
    definition_period = MONTH
    label = "woont werkelijk in België"


class werkbereid(Variable):
    value_type = bool
    default_value = True
    entity = Persoon
    definition_period = MONTH
    label = "werkbereid of vrijgesteld"
    reference = "Wet 26 mei 2002, art. 3, 5°"


class netto_bestaansmiddelen(Variable):
    value_type = float
    entity = Persoon
    definition_period = MONTH
    label = "netto bestaansmiddelen per maand"
    reference = "Wet 26 mei 2002, art. 16; KB 11 juli 2002, art. 22-34"


class netto_arbeidsinkomen(Variable):
    value_type = float
    entity = Persoon
    definition_period = MONTH
    label = "netto inkomen uit arbeid per maand"
    reference = "KB 11 juli 2002, art. 35"


class gpmi_student(Variable):
    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "student met een GPMI"
    reference = "Wet 26 mei 2002, art. 11, § 2, a)"


class heeft_studietoelage(Variable):
    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "ontvangt een studietoelage"
    reference = "KB 11 juli 2002, art. 35, § 2"


class ontvangt_leefloon(Variable):
    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "ontvangt leefloon"


class ontvangt_equivalent_leefloon(Variable):
    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "ontvangt equivalent leefloon"


class ontvangt_igo(Variable):
    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "ontvangt inkomensgarantie voor ouderen (IGO)"


class ontvangt_tegemoetkoming_handicap(Variable):
    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "ontvangt een tegemoetkoming voor personen met een handicap"


class bruto_belastbaar_gezinsinkomen(Variable):
    value_type = float
    entity = Gezin
    definition_period = YEAR
    label = "bruto belastbaar gezinsinkomen per jaar"
    reference = "KB 15 januari 2014, art. 3 en 8"


class heeft_verhoogde_tegemoetkoming(Variable):
    value_type = bool
    entity = Gezin
    definition_period = MONTH
    label = "heeft de verhoogde tegemoetkoming"


# -- algemeen.yaml -----------------------------------------------------------------


class aantal_gezinsleden(Variable):
    value_type = int
    entity = Gezin
    definition_period = MONTH
    label = "aantal gezinsleden"

    def formula(gezin, period, parameters):
        return gezin.nb_persons()


class aantal_minderjarige_kinderen(Variable):
    value_type = int
    entity = Gezin
    definition_period = MONTH
    label = "aantal minderjarige kinderen in het gezin"

    def formula(gezin, period, parameters):
        minderjarig_kind = gezin.members.has_role(Gezin.KIND) & (
            gezin.members("leeftijd", period) < 18
        )
        return gezin.sum(minderjarig_kind)


# -- leefloon.yaml -----------------------------------------------------------------


def _maandbedrag(gezin, period, parameters, categorie):
    leefloon = parameters(period).leefloon
    bedrag = round_cents(leefloon.basisbedrag[categorie] * leefloon.indexcoefficient / 12)
    return gezin.filled_array(bedrag)


class leefloon_maandbedrag_samenwonende(Variable):
    value_type = float
    entity = Gezin
    definition_period = MONTH
    label = "leefloon categorie 1 (samenwonende), per maand"
    reference = "Wet 26 mei 2002, art. 14, § 1, 1°"

    def formula_2002_10_01(gezin, period, parameters):
        return _maandbedrag(gezin, period, parameters, "samenwonende")


class leefloon_maandbedrag_alleenstaande(Variable):
    value_type = float
    entity = Gezin
    definition_period = MONTH
    label = "leefloon categorie 2 (alleenstaande), per maand"
    reference = "Wet 26 mei 2002, art. 14, § 1, 2°"

    def formula_2002_10_01(gezin, period, parameters):
        return _maandbedrag(gezin, period, parameters, "alleenstaande")


class leefloon_maandbedrag_gezin_ten_laste(Variable):
    value_type = float
    entity = Gezin
    definition_period = MONTH
    label = "leefloon categorie 3 (gezin ten laste), per maand"
    reference = "Wet 26 mei 2002, art. 14, § 1, 3°"

    def formula_2002_10_01(gezin, period, parameters):
        return _maandbedrag(gezin, period, parameters, "gezin_ten_laste")


class heeft_kind_ten_laste(Variable):
    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "heeft een minderjarig kind ten laste"

    def formula(persoon, period, parameters):
        ouder = persoon.has_role(Gezin.REFERENTIEPERSOON) | persoon.has_role(Gezin.PARTNER)
        return ouder & (persoon.gezin("aantal_minderjarige_kinderen", period) > 0)


class leefloon_categorie_gezin_ten_laste(Variable):
    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "categorie 3 — samenwonend met een gezin ten laste"
    reference = "Wet 26 mei 2002, art. 14, § 1, 3°"

    def formula_2002_10_01(persoon, period, parameters):
        return persoon.has_role(Gezin.REFERENTIEPERSOON) & (
            persoon.gezin("aantal_minderjarige_kinderen", period) > 0
        )


class leefloon_categorie_alleenstaande(Variable):
    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "categorie 2 — alleenstaande"
    reference = "Wet 26 mei 2002, art. 14, § 1, 2°"

    def formula_2002_10_01(persoon, period, parameters):
        return persoon.gezin("aantal_gezinsleden", period) == 1


class leefloon_categoriebedrag(Variable):
    value_type = float
    entity = Persoon
    definition_period = MONTH
    label = "leefloonbedrag van de categorie, per maand"
    reference = "Wet 26 mei 2002, art. 14, § 1"

    def formula_2002_10_01(persoon, period, parameters):
        return np.where(
            persoon("leefloon_categorie_gezin_ten_laste", period),
            persoon.gezin("leefloon_maandbedrag_gezin_ten_laste", period),
            np.where(
                persoon("leefloon_categorie_alleenstaande", period),
                persoon.gezin("leefloon_maandbedrag_alleenstaande", period),
                persoon.gezin("leefloon_maandbedrag_samenwonende", period),
            ),
        )


class leefloon_leeftijdsvoorwaarde(Variable):
    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "leeftijd — meerderjarig of gelijkgesteld"
    reference = "Wet 26 mei 2002, art. 3, 2° en art. 7"

    def formula_2002_10_01(persoon, period, parameters):
        minimumleeftijd = parameters(period).leefloon.minimumleeftijd
        return (
            (persoon("leeftijd", period) >= minimumleeftijd)
            | persoon("ontvoogd", period)
            | persoon("zwanger", period)
            | persoon("heeft_kind_ten_laste", period)
        )


class leefloon_verblijfsvoorwaarde(Variable):
    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "nationaliteit, wettig verblijf en verblijfplaats in België"
    reference = "Wet 26 mei 2002, art. 3, 1° en 3°"

    def formula_2002_10_01(persoon, period, parameters):
        status = persoon("verblijfsstatus", period)
        toegelaten = (
            (status == Verblijfsstatus.belg)
            | (status == Verblijfsstatus.eu_burger)
            | (status == Verblijfsstatus.erkend_vluchteling)
            | (status == Verblijfsstatus.staatloze)
            | (status == Verblijfsstatus.ingeschreven_bevolkingsregister)
        )
        return toegelaten & persoon("woont_in_belgie", period)


# -- leefloon_middelentoets.yaml ---------------------------------------------------


class leefloon_in_aanmerking_genomen_middelen(Variable):
    """Own resources, plus the partner's above category 1 (art. 34, § 1), minus the higher
    of the general exemption (art. 22, § 2) and the SPI exemption of a GPMI student's
    work (art. 35, § 2): one formula here, several variables in welzijn's YAML."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    label = "bestaansmiddelen die meetellen voor het leefloon, per maand"
    reference = "Wet 26 mei 2002, art. 16; KB 11 juli 2002, art. 22, 34 en 35"

    def formula_2002_10_01(persoon, period, parameters):
        toets = parameters(period).leefloon_middelentoets
        eigen = persoon("netto_bestaansmiddelen", period)
        in_koppel = persoon.has_role(Gezin.REFERENTIEPERSOON) | persoon.has_role(Gezin.PARTNER)
        koppel = persoon.gezin.sum(np.where(in_koppel, eigen, 0))
        categorie_1 = persoon.gezin("leefloon_maandbedrag_samenwonende", period)
        partner = np.where(in_koppel, np.maximum(koppel - eigen - categorie_1, 0), 0)
        vrijstelling = toets.algemene_vrijstelling
        algemeen = (
            np.where(
                persoon("leefloon_categorie_gezin_ten_laste", period),
                vrijstelling.gezin_ten_laste,
                np.where(
                    persoon("leefloon_categorie_alleenstaande", period),
                    vrijstelling.alleenstaande,
                    vrijstelling.samenwonende,
                ),
            )
            / 12
        )
        plafond = np.where(
            persoon("heeft_studietoelage", period),
            toets.spi_student.met_studietoelage,
            toets.spi_student.zonder_studietoelage,
        )
        spi = np.where(
            persoon("gpmi_student", period),
            np.minimum(persoon("netto_arbeidsinkomen", period), plafond),
            0,
        )
        return np.maximum(eigen + partner - np.maximum(algemeen, spi), 0)


class recht_op_leefloon(Variable):
    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "recht op leefloon"
    reference = "Wet 26 mei 2002 betreffende het recht op maatschappelijke integratie, art. 3"

    def formula_2002_10_01(persoon, period, parameters):
        gedekt_door_partner = persoon.has_role(Gezin.PARTNER) & (
            persoon.gezin("aantal_minderjarige_kinderen", period) > 0
        )
        return (
            persoon("leefloon_leeftijdsvoorwaarde", period)
            & persoon("leefloon_verblijfsvoorwaarde", period)
            & persoon("werkbereid", period)
            & (
                persoon("leefloon_in_aanmerking_genomen_middelen", period)
                < persoon("leefloon_categoriebedrag", period)
            )
            & ~gedekt_door_partner
        )


class leefloon_bedrag(Variable):
    value_type = float
    entity = Persoon
    definition_period = MONTH
    label = "leefloon per maand"
    reference = "Wet 26 mei 2002, art. 14 en art. 16"

    def formula_2002_10_01(persoon, period, parameters):
        tekort = persoon("leefloon_categoriebedrag", period) - persoon(
            "leefloon_in_aanmerking_genomen_middelen", period
        )
        return np.where(persoon("recht_op_leefloon", period), np.maximum(tekort, 0), 0)


# -- verhoogde_tegemoetkoming.yaml ---------------------------------------------------


class vt_automatisch(Variable):
    value_type = bool
    entity = Gezin
    definition_period = MONTH
    label = "automatisch recht op verhoogde tegemoetkoming via een uitkering"
    reference = "KB 15 januari 2014, art. 2 (automatische toekenning)"

    def formula_2014_01_01(gezin, period, parameters):
        return (
            gezin.any(gezin.members("ontvangt_leefloon", period))
            | gezin.any(gezin.members("ontvangt_equivalent_leefloon", period))
            | gezin.any(gezin.members("ontvangt_igo", period))
            | gezin.any(gezin.members("ontvangt_tegemoetkoming_handicap", period))
        )


class vt_inkomensgrens(Variable):
    value_type = float
    entity = Gezin
    definition_period = MONTH  # an amount per year, valid in this month
    label = "inkomensgrens verhoogde tegemoetkoming voor dit gezin (per jaar)"
    reference = "KB 15 januari 2014, art. 8"

    def formula_2014_01_01(gezin, period, parameters):
        vt = parameters(period).verhoogde_tegemoetkoming
        return vt.inkomensgrens + vt.verhoging_per_gezinslid * (
            gezin("aantal_gezinsleden", period) - 1
        )


class recht_op_verhoogde_tegemoetkoming(Variable):
    value_type = bool
    entity = Gezin
    definition_period = MONTH
    label = "recht op verhoogde tegemoetkoming"
    reference = "GVU-wet gecoördineerd op 14 juli 1994, art. 37, § 19; KB 15 januari 2014"

    def formula_2014_01_01(gezin, period, parameters):
        inkomen = gezin("bruto_belastbaar_gezinsinkomen", period.this_year)
        return gezin("vt_automatisch", period) | (inkomen <= gezin("vt_inkomensgrens", period))


VARIABLES = [
    value
    for value in list(globals().values())
    if isinstance(value, type) and issubclass(value, Variable) and value is not Variable
]
