"""The rule set: ``variables/*.yaml`` (declarations, formulas, rights),
``parameters/**.yaml`` (values by date with legal reference) and ``tests/*.yaml``
(OpenFisca-style cases). Adding a right means adding files here, never engine code."""
