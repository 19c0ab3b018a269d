"""Role x office x object: who may see and change a dossier."""

import datetime as dt

import pytest
from factories import dossier, user

from welzijn.casework import services as casework
from welzijn.casework.access import access_dossier, dossiers_visible_to
from welzijn.casework.selectors import dossier_get
from welzijn.core.access import AccessDenied, Intent
from welzijn.core.models import AuditEvent
from welzijn.core.roles import Role

pytestmark = pytest.mark.django_db

OWN, OTHER, SHARED = "eigen bureau", "ander bureau", "gedeeld"
V, E = Intent.VIEW, Intent.EDIT

# role -> relation -> intents allowed
MATRIX = {
    Role.ONTHAAL: {OWN: {V}, OTHER: set(), SHARED: {V}},
    Role.MAATSCHAPPELIJK_WERKER: {OWN: {V, E}, OTHER: set(), SHARED: {V, E}},
    Role.TEAMCOACH: {OWN: {V, E}, OTHER: set(), SHARED: {V, E}},
    Role.ANALIST: {OWN: set(), OTHER: set(), SHARED: set()},
    Role.BEHEERDER: {OWN: {V}, OTHER: {V}, SHARED: {V}},
}
CASES = [
    (role, relation, intent, intent in allowed)
    for role, relations in MATRIX.items()
    for relation, allowed in relations.items()
    for intent in (V, E)
]


@pytest.mark.parametrize(("role", "relation", "intent", "allowed"), CASES)
def test_access_matrix(role, relation, intent, allowed):
    owner = user(Role.MAATSCHAPPELIJK_WERKER, "wb-brugse-poort")
    file = dossier(owner)
    subject = user(role, "wb-brugse-poort" if relation == OWN else "wb-rabot")
    if relation == SHARED:
        casework.dossier_share(
            actor=owner,
            dossier_id=file.pk,
            user=subject,
            reason="Gezamenlijke opvolging",
            on=dt.date(2023, 3, 1),
        )
    if allowed:
        assert access_dossier(subject, file, intent) == file
    else:
        with pytest.raises(AccessDenied):
            access_dossier(subject, file, intent)
    # The list filter agrees with the helper.
    visible = dossiers_visible_to(subject).filter(pk=file.pk).exists()
    assert visible == (V in MATRIX[role][relation])


def test_a_dossier_of_the_own_office_also_shared_is_listed_once():
    owner = user(Role.MAATSCHAPPELIJK_WERKER, "wb-brugse-poort")
    colleague = user(Role.MAATSCHAPPELIJK_WERKER, "wb-brugse-poort")
    elsewhere = user(Role.MAATSCHAPPELIJK_WERKER, "wb-rabot")
    own, other = dossier(owner), dossier(elsewhere, office_code="wb-rabot")
    for actor, file in ((owner, own), (elsewhere, other)):
        casework.dossier_share(
            actor=actor,
            dossier_id=file.pk,
            user=colleague,
            reason="Gezamenlijke opvolging",
            on=dt.date(2023, 3, 1),
        )
    visible = dossiers_visible_to(colleague)
    assert sorted(d.pk for d in visible) == sorted([own.pk, other.pk])
    assert visible.count() == 2


def test_inactive_user_has_no_access():
    owner = user(Role.MAATSCHAPPELIJK_WERKER)
    file = dossier(owner)
    owner.is_active = False
    with pytest.raises(AccessDenied):
        access_dossier(owner, file)


def test_reading_a_dossier_is_audited_and_refusals_leave_no_trace_of_content():
    owner = user(Role.MAATSCHAPPELIJK_WERKER)
    file = dossier(owner)
    dossier_get(user=owner, dossier_id=file.pk, reason="opvolging")
    event = AuditEvent.objects.filter(object_type="casework.dossier", action="view").get()
    assert event.actor_username == owner.username and event.reason == "opvolging"
    outsider = user(Role.MAATSCHAPPELIJK_WERKER, "wb-rabot")
    with pytest.raises(AccessDenied):
        dossier_get(user=outsider, dossier_id=file.pk)
    assert AuditEvent.objects.filter(action="view").count() == 1


def test_casework_in_another_office_is_refused():
    owner = user(Role.MAATSCHAPPELIJK_WERKER)
    file = dossier(owner)
    outsider = user(Role.TEAMCOACH, "wb-rabot")
    with pytest.raises(AccessDenied):
        casework.trajectory_start(
            actor=outsider,
            dossier_id=file.pk,
            service="housing-first",
            start_date=dt.date(2023, 2, 1),
        )
    desk = user(Role.ONTHAAL)
    with pytest.raises(AccessDenied):
        casework.dossier_transition(
            actor=desk, dossier_id=file.pk, to="gesloten", on=dt.date(2023, 3, 1), reason="x"
        )
