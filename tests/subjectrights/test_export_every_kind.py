"""On Synthetic Ghent (records of every domain): for one record of every kind, the export
of the person it is about holds it; and every record of that export is theirs or their
household's, checked by following the foreign keys in Python instead of the export's query."""

import pytest
from factories import user

from welzijn.core.roles import Role
from welzijn.registry.models import Person
from welzijn.subjectrights.graph import Paths, personal_models
from welzijn.subjectrights.services import subject_export
from welzijn.synth.services import synth_load

pytestmark = pytest.mark.django_db


def _follow(obj, path: str):
    for name in path.split("__"):
        obj = obj if name == "pk" else getattr(obj, name)
        if obj is None:
            return None
    return obj.pk


def _owner(paths: Paths, obj) -> Person | None:
    """The person the record is about, or a member of its household (None: neither, as a
    walk-in participant without a registration)."""
    for path in paths.to_person:
        if (pk := _follow(obj, path)) is not None:
            return Person.objects.get(pk=pk)
    for path in paths.to_household:
        if (household_id := _follow(obj, path)) is not None:
            return Person.objects.filter(memberships__household_id=household_id).first()
    return None


def _is_theirs(paths: Paths, obj, person: Person, households: set[int]) -> bool:
    persons = {_follow(obj, p) for p in paths.to_person} - {None}
    if person.pk in persons:
        return True
    return not persons and bool({_follow(obj, p) for p in paths.to_household} & households)


def test_one_record_of_every_kind_is_in_its_persons_export_and_nothing_else():
    synth_load(seed=42, scale=0.01, year=2023)
    dpo = user(Role.DPO, None)
    by_label = {p.label: p for p in personal_models()}
    checked = set()
    for paths in by_label.values():
        owned = (
            (obj, owner)
            for obj in paths.model._default_manager.order_by("pk")[:50]
            if (owner := _owner(paths, obj)) is not None
        )
        obj, owner = next(owned, (None, None))
        if obj is None:
            continue
        data = subject_export(actor=dpo, person_id=owner.pk)
        assert (paths.label, obj.pk) in data.record_keys(), paths.label
        households = set(owner.memberships.values_list("household_id", flat=True))
        for label, pk in data.record_keys():
            record = by_label[label].model._default_manager.get(pk=pk)
            assert _is_theirs(by_label[label], record, owner, households), (label, pk)
        checked.add(paths.label)
    assert len(checked) >= 25, sorted(checked)
