"""An OpenFisca country package encoding welzijn's leefloon and verhoogde tegemoetkoming.

Used ONLY by ``benchmarks/rights.py``, inside its own virtual environment
(``benchmarks/.venv-openfisca``): openfisca-core is AGPL and is never a dependency of
welzijn. Nothing under ``src/`` imports this package.

The rules mirror ``src/welzijn/rights/rules/variables/{algemeen,leefloon,
verhoogde_tegemoetkoming}.yaml``; the parameters are read from welzijn's own YAML files
(``src/welzijn/rights/rules/parameters/``), which are OpenFisca-compatible.
"""

from .system import PARAMETER_FILES, WelzijnTaxBenefitSystem

__all__ = ["PARAMETER_FILES", "WelzijnTaxBenefitSystem"]
