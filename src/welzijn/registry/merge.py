"""Merging a person registered twice: everything of one registration moves to the other.

Every row of every model that points to a Person is found through the model metadata, so
a model added later is covered without a change here. Each moved row is checked against
the rules a move can break (unique constraints, overlapping household memberships, ...);
one conflict and nothing is merged.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from welzijn.core.audit import audit_record, audit_record_many
from welzijn.core.validation import require, validate_and_save
from welzijn.registry.access import access_person_merge
from welzijn.registry.models import Person


def person_relations():
    """The reverse side of every foreign key to Person, hidden ones (related_name='+')
    included. Many-to-many relations go through a model with its own foreign key (a
    household's members through HouseholdMembership), so that key covers them."""
    return [
        field
        for field in Person._meta.get_fields(include_hidden=True)
        if field.auto_created and not field.concrete and (field.one_to_many or field.one_to_one)
    ]


def linked_records(person: Person) -> dict[str, int]:
    """How many records of each kind point to the person (counts only, for the page that
    shows the two registrations side by side)."""
    counts = {}
    for relation in person_relations():
        model = relation.related_model
        n = model._default_manager.filter(**{relation.field.name: person}).count()
        if n:
            counts[str(model._meta.verbose_name_plural)] = n
    return counts


def _check_moved(row) -> None:
    """What moving a row to another person can break: the model's own rules (no two
    households on one day, ...) and its unique and check constraints. Its field values
    are not checked again: they were accepted when written and the move leaves them."""
    row.clean()
    row.validate_unique()
    row.validate_constraints()


def _repoint(keep: Person, merge: Person) -> tuple[dict[str, int], list[str]]:
    moved: dict[str, int] = {}
    problems: list[str] = []
    for relation in person_relations():
        model, field = relation.related_model, relation.field
        rows = list(
            model._default_manager.select_for_update().filter(**{field.name: merge}).order_by("pk")
        )
        for row in rows:
            setattr(row, field.attname, keep.pk)
            try:
                _check_moved(row)
            except ValidationError as exc:
                problems.append(f"{model._meta.verbose_name} #{row.pk}: {' '.join(exc.messages)}")
                continue
            row.save(update_fields=[field.name])
        if rows:
            moved[model._meta.label_lower + "." + field.name] = len(rows)
    return moved, problems


@transaction.atomic
def person_merge(*, actor, keep_id: int, merge_id: int, reason: str) -> Person:
    """Merge person `merge_id` into person `keep_id` (who is kept): every record that
    points to the first points to the second afterwards; the first stays, marked
    `merged_into`, so that its id and the audit trail stay readable, and is no longer
    found. An INSZ moves along when only the merged person has one. Audited on both."""
    require(bool(reason.strip()), "reason", "Geef een reden voor het samenvoegen.")
    require(keep_id != merge_id, "other", "Kies een andere persoon dan deze.")
    locked = Person.objects.select_for_update().in_bulk([keep_id, merge_id])
    if len(locked) != 2:
        raise Person.DoesNotExist("Een van beide personen bestaat niet.")
    keep = access_person_merge(actor, locked[keep_id])
    merge = access_person_merge(actor, locked[merge_id])
    for person in (keep, merge):
        require(
            person.merged_into_id is None,
            "other",
            f"{person} werd al samengevoegd met een andere persoon.",
        )
    require(
        not (keep.insz and merge.insz),
        "other",
        f"Beide personen hebben een INSZ-nummer ({keep.insz} en {merge.insz}): dan zijn het "
        "wellicht verschillende mensen. Is een van de nummers fout, verbeter het dan eerst.",
    )
    insz = merge.insz if merge.insz and not keep.insz else None
    try:
        with transaction.atomic():
            moved, problems = _repoint(keep, merge)
            if problems:
                raise ValidationError({"__all__": ["Niet samengevoegd:", *problems]})
            merge.merged_into, merge.insz = keep, None
            validate_and_save(merge)
            if insz:
                keep.insz = insz
                validate_and_save(keep)
    except IntegrityError as exc:
        raise ValidationError(
            {"__all__": f"Niet samengevoegd: de gegevens botsen met die van {keep}."}
        ) from exc
    detail = {"kept": keep.pk, "merged": merge.pk, "moved": moved, "insz_moved": bool(insz)}
    audit_record_many(
        actor=actor,
        action="update",
        objects=[keep, merge],
        reason=reason.strip(),
        details=[{"merge": detail}, {"merge": detail}],
    )
    return keep


@transaction.atomic
def person_get_for_merge(*, user, person_id: int) -> Person:
    """One of the two registrations, for the merge page: only a teamcoach or beheerder
    (others are refused like a missing person); the read is audited."""
    person = access_person_merge(user, Person.objects.get(pk=person_id))
    audit_record(actor=user, action="view", obj=person, reason="samenvoegen")
    return person
