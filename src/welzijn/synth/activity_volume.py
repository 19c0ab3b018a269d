"""The seed's own figures as `ActivityVolume` rows, for services that have no
record model yet. Goes when `ActivityVolume` goes: delete this module and its line in
`Generator.run()`."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .generator import Generator


def build_activity_volumes(gen: Generator) -> None:
    rows = []
    for t in (t for t in gen.targets if t.measure == "volume"):
        rows.append(
            (
                int(gen.ids("synth_activityvolume", 1)[0]),
                gen.refs.service[t.services[0]],
                t.year,
                f"{t.expected(gen.scale):.2f}",
                t.detail,
                t.source[:300],
            )
        )
    gen.tables.add(
        "synth_activityvolume", ["id", "service_id", "year", "quantity", "unit", "source"], rows
    )
