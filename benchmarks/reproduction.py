"""Reproduction of the seed: Synthetic Ghent at a scale (default 1) on a fresh SQLite
database, the report computed from its records with the report's own queries, and the table
of every calibration target: indicator, seed figure, scaled, computed, within tolerance, and
whether it was counted from registrations. Exit code 1 when a figure is off.

    .venv/bin/python benchmarks/reproduction.py [--scale 1] [--seed 42]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).parent))
    from _django import setup_django

    vendor = setup_django()
    from django.core.management import call_command

    from welzijn.casework.reference import REFERENCE_FIXTURES
    from welzijn.reporting.compute import compute
    from welzijn.synth.reproduction import compare, table
    from welzijn.synth.services import synth_load

    call_command("loaddata", *REFERENCE_FIXTURES, verbosity=0)
    started = time.perf_counter()
    synth_load(seed=args.seed, scale=args.scale, year=2023)
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    results = compute(2023)
    computed = time.perf_counter() - started
    rows = compare(results, args.scale)
    print("\n".join(table(rows, args.scale)))
    print(
        f"[{vendor}] synth schaal {args.scale:g} geladen in {loaded:.1f} s; "
        f"{len(results)} indicatoren berekend in {computed:.2f} s"
    )
    sys.exit(0 if all(r.ok for r in rows) else 1)


if __name__ == "__main__":
    main()
