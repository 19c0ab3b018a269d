"""How fast the audit trail appends events and verifies its hash chain.

Usage: .venv/bin/python benchmarks/audit_trail.py [--events 20000]
"""

import argparse
import time

from _django import setup_django


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=20000)
    args = parser.parse_args()
    vendor = setup_django()

    from django.db import transaction

    from welzijn.core.audit import audit_record, audit_verify

    start = time.perf_counter()
    with transaction.atomic():
        for i in range(args.events):
            audit_record(actor=None, action="view", object_type="registry.person", object_id=i)
    append = time.perf_counter() - start
    start = time.perf_counter()
    assert audit_verify() is None
    verify = time.perf_counter() - start
    print(f"database: {vendor}, events: {args.events}")
    print(f"append: {args.events / append:,.0f} events/s ({append:.2f} s)")
    print(f"verify: {args.events / verify:,.0f} events/s ({verify:.2f} s)")


if __name__ == "__main__":
    main()
