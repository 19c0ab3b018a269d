"""Generate and load synthetic Ghent at a scale; print rows per second, wall time and peak
memory. On DATABASE_URL when set, else on a fresh SQLite file (see _django.py).

    .venv/bin/python benchmarks/synth.py [--scale 1.0] [--seed 42]
"""

import argparse
import resource
import time

from _django import setup_django


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    vendor = setup_django()
    from django.core.management import call_command

    from welzijn.casework.reference import REFERENCE_FIXTURES
    from welzijn.synth.models import SynthRun
    from welzijn.synth.services import synth_load

    call_command("loaddata", *REFERENCE_FIXTURES, verbosity=0)
    replace = SynthRun.objects.exists()
    started = time.perf_counter()
    result = synth_load(seed=args.seed, scale=args.scale, year=2023, replace=replace)
    seconds = time.perf_counter() - started
    rows = sum(result.row_counts.values())
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"database         {vendor}")
    print(f"scale            {args.scale:g} (seed {args.seed})")
    for table, count in result.row_counts.items():
        print(f"  {table:<30} {count:>10,}")
    print(f"rows             {rows:,}")
    print(f"wall time        {seconds:.1f} s (generate + load + digest, one transaction)")
    print(f"rows per second  {rows / seconds:,.0f}")
    print(f"peak memory      {peak_mb:,.0f} MB (max RSS of the process)")


if __name__ == "__main__":
    main()
