"""The tax-benefit system: entities, variables, and welzijn's own parameter YAML."""

from pathlib import Path

from openfisca_core.parameters import ParameterNode, load_parameter_file
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from .entities import ENTITIES
from .variables import VARIABLES

#: welzijn's parameter files, loaded as they are (their layout is OpenFisca's).
RULES = Path(__file__).resolve().parents[2] / "src" / "welzijn" / "rights" / "rules"
PARAMETER_FILES = {
    "leefloon": RULES / "parameters" / "leefloon.yaml",
    "leefloon_middelentoets": RULES / "parameters" / "leefloon_middelentoets.yaml",
    "verhoogde_tegemoetkoming": RULES / "parameters" / "verhoogde_tegemoetkoming.yaml",
}


class WelzijnTaxBenefitSystem(TaxBenefitSystem):
    def __init__(self) -> None:
        super().__init__(ENTITIES)
        for variable in VARIABLES:
            self.add_variable(variable)
        parameters = ParameterNode("", data={})
        for name, path in PARAMETER_FILES.items():
            parameters.add_child(name, load_parameter_file(str(path), name))
        self.parameters = parameters
