"""Screening of Synthetic Ghent: speed, and precision/recall against the planted ground truth.

Loads synth (default scale 1) into a fresh database (SQLite in a temp dir, or DATABASE_URL),
then times the screening from the database to stored findings, then the automatic grants,
and compares the 'entitled but does not receive' findings with synth.GroundTruth. That truth
is not the engine's: the generator plants it from its own encoding of the conditions
(``welzijn/synth/ground_truth.py``). Per right it prints precision and recall, and for each
household where the two disagree (a few per right) what the screening concluded instead.

Usage: .venv/bin/python benchmarks/rights_screening.py [--scale 1.0]
"""

import argparse
import datetime as dt
import time

from _django import setup_django

ON = dt.date(2023, 12, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    vendor = setup_django()

    from django.core.management import call_command

    from welzijn.casework.reference import REFERENCE_FIXTURES
    from welzijn.rights.models import Finding
    from welzijn.rights.screening import _store
    from welzijn.rights.services import findings_grant, grant_services
    from welzijn.synth.models import GroundTruth

    call_command("loaddata", *REFERENCE_FIXTURES, verbosity=0)
    call_command("synth", year=2023, scale=args.scale, seed=42, verbosity=0)

    start = time.perf_counter()
    run = _store(ON, None)
    screening = time.perf_counter() - start
    print(
        f"database: {vendor}, scale {args.scale}: {run.summary['households']:,} households, "
        f"{run.summary['persons']:,} persons"
    )
    print(
        f"screening, database to stored findings: {screening:.2f} s "
        f"({Finding.objects.filter(run=run).count():,} findings)"
    )

    print(f"\n{'right':<26} {'truth':>7} {'found':>7} {'hits':>7} {'precision':>10} {'recall':>8}")
    disagreements = []
    planted_rights = sorted(set(GroundTruth.objects.values_list("right", flat=True)))
    for right in planted_rights:
        truth = set(
            GroundTruth.objects.filter(right=right, eligible=True, receives=False).values_list(
                "household_id", flat=True
            )
        )
        outcomes: dict[int, set[str]] = {}
        for h, outcome in Finding.objects.filter(run=run, right=right).values_list(
            "household_id", "outcome"
        ):
            outcomes.setdefault(h, set()).add(outcome)
        found = {h for h, seen in outcomes.items() if "onderbescherming" in seen}
        hits = len(truth & found)
        precision = hits / len(found) if found else float("nan")
        recall = hits / len(truth) if truth else float("nan")
        print(
            f"{right:<26} {len(truth):>7,} {len(found):>7,} {hits:>7,} "
            f"{precision:>10.2%} {recall:>8.2%}"
        )
        missed, extra = sorted(truth - found), sorted(found - truth)
        disagreements += [
            (right, h, "geplant", "/".join(sorted(outcomes.get(h, {"geen bevinding"}))))
            for h in missed
        ]
        disagreements += [(right, h, "niet geplant", "onderbescherming") for h in extra]
    print(f"\ndisagreements with the planted truth: {len(disagreements):,}")
    shown: dict[str, int] = {}
    for right, household, truth_says, screening_says in disagreements:
        shown[right] = shown.get(right, 0) + 1
        if shown[right] <= 5:
            print(f"  {right}, household {household}: {truth_says}; screening: {screening_says}")

    pending = list(
        Finding.objects.filter(
            run=run, right__in=list(grant_services()), outcome="onderbescherming"
        ).values_list("pk", flat=True)
    )
    start = time.perf_counter()
    granted = findings_grant(finding_ids=pending, on=ON)
    grants = time.perf_counter() - start
    print(
        f"\nautomatic grants: {granted:,} in {grants:.2f} s "
        f"({granted / grants:,.0f} grants/s, one audit event each)"
    )


if __name__ == "__main__":
    main()
