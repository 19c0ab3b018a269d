"""Accounts, groups and office assignments in the admin: audited, and nobody elevates
themselves."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from factories import login_with_second_step, office, user

from welzijn.casework.models import StaffAssignment
from welzijn.core.models import AuditEvent
from welzijn.core.roles import Role

pytestmark = pytest.mark.django_db

User = get_user_model()
OWN_RIGHTS = "U kunt uw eigen rechten niet wijzigen"


def _beheerder(**flags):
    account = user(Role.BEHEERDER, None)
    account.is_staff = True
    for name, value in flags.items():
        setattr(account, name, value)
    account.save()
    return account


@pytest.fixture
def bea(client):
    """A beheerder (not a superuser), logged in."""
    account = _beheerder()
    login_with_second_step(client, account)
    return account


def _user_form(account, **changes):
    """The admin's change form for `account` as posted, with `changes` applied (a flag set
    to False is left out, as an unticked checkbox)."""
    data = {
        "username": account.username,
        "first_name": account.first_name,
        "last_name": account.last_name,
        "email": account.email,
        "is_active": account.is_active,
        "is_staff": account.is_staff,
        "groups": [group.pk for group in account.groups.all()],
        "user_permissions": [p.pk for p in account.user_permissions.all()],
    }
    data.update(changes)
    return {
        name: "on" if value is True else value for name, value in data.items() if value is not False
    }


def _group(name):
    return Group.objects.get(name=name)


def _events(action, account):
    return AuditEvent.objects.filter(
        action=action, object_type="auth.user", object_id=str(account.pk)
    )


def test_a_change_to_another_users_groups_and_flags_is_audited_with_before_and_after(client, bea):
    worker = user(Role.MAATSCHAPPELIJK_WERKER)
    groups = [_group("maatschappelijk werker").pk, _group("teamcoach").pk]
    response = client.post(
        f"/admin/auth/user/{worker.pk}/change/", _user_form(worker, groups=groups, is_staff=True)
    )
    assert response.status_code == 302
    worker.refresh_from_db()
    assert worker.is_staff and worker.groups.count() == 2
    event = _events("update", worker).get()
    assert event.actor_username == bea.username
    assert event.detail["username"] == worker.username
    assert sorted(event.detail["fields"]) == ["groups", "is_staff"]
    assert event.detail["changes"] == {
        "groups": {
            "before": ["maatschappelijk werker"],
            "after": ["maatschappelijk werker", "teamcoach"],
        },
        "is_staff": {"before": False, "after": True},
    }


@pytest.mark.parametrize(
    "change",
    [
        {"groups": []},  # leaves beheerder: not even downwards
        {"is_staff": False},
        {"is_active": False},
        {"user_permissions": "auth.view_user"},
        {"groups": "teamcoach"},
    ],
    ids=["groups-removed", "is_staff", "is_active", "user_permissions", "groups-added"],
)
def test_a_beheerder_cannot_change_their_own_rights(client, bea, change):
    ((name, value),) = change.items()
    if value == "auth.view_user":
        value = [Permission.objects.get(codename="view_user").pk]
    elif value == "teamcoach":
        value = [_group("beheerder").pk, _group("teamcoach").pk]
    before = (set(bea.groups.all()), bea.is_staff, bea.is_active, bea.user_permissions.count())
    response = client.post(f"/admin/auth/user/{bea.pk}/change/", _user_form(bea, **{name: value}))
    assert response.status_code == 200
    assert OWN_RIGHTS in response.content.decode()
    assert "andere beheerder" in response.content.decode()
    bea.refresh_from_db()
    after = (set(bea.groups.all()), bea.is_staff, bea.is_active, bea.user_permissions.count())
    assert after == before
    refusal = _events("refused", bea).get()
    assert refusal.actor_username == bea.username
    assert name in refusal.detail["changes"]
    assert OWN_RIGHTS in refusal.reason
    assert not _events("update", bea).exists()


def test_a_beheerder_may_change_their_own_name(client, bea):
    response = client.post(f"/admin/auth/user/{bea.pk}/change/", _user_form(bea, first_name="Bea"))
    assert response.status_code == 302
    event = _events("update", bea).get()
    assert event.detail["fields"] == ["first_name"] and event.detail["changes"] == {}


def test_a_beheerder_cannot_make_anyone_superuser(client, bea):
    worker = user(Role.MAATSCHAPPELIJK_WERKER)
    page = client.get(f"/admin/auth/user/{worker.pk}/change/").content.decode()
    assert 'name="is_superuser"' not in page  # read-only for a beheerder
    assert 'name="is_staff"' in page
    response = client.post(
        f"/admin/auth/user/{worker.pk}/change/", _user_form(worker, is_superuser=True)
    )
    assert "Alleen een superuser" in response.content.decode()
    worker.refresh_from_db()
    assert not worker.is_superuser
    assert _events("refused", worker).get().detail["changes"]["is_superuser"]["after"] is True


def test_a_beheerder_cannot_touch_a_superusers_account_or_password(client, bea):
    root = User.objects.create_superuser("root", password="een-lang-wachtwoord-1")
    response = client.post(f"/admin/auth/user/{root.pk}/change/", _user_form(root, first_name="X"))
    assert "Alleen een superuser" in response.content.decode()
    response = client.post(
        f"/admin/auth/user/{root.pk}/password/",
        {"password1": "overgenomen-account-7", "password2": "overgenomen-account-7"},
        follow=True,
    )
    assert "Alleen een superuser" in response.content.decode()
    root.refresh_from_db()
    assert root.check_password("een-lang-wachtwoord-1") and root.first_name == ""
    assert _events("refused", root).count() == 2


def test_a_superuser_may_make_someone_superuser_and_it_is_audited(client):
    root = User.objects.create_superuser("root", password="een-lang-wachtwoord-1")
    login_with_second_step(client, root)
    worker = user(Role.MAATSCHAPPELIJK_WERKER)
    response = client.post(
        f"/admin/auth/user/{worker.pk}/change/", _user_form(worker, is_superuser=True)
    )
    assert response.status_code == 302
    worker.refresh_from_db()
    assert worker.is_superuser
    change = _events("update", worker).get().detail["changes"]["is_superuser"]
    assert change == {"before": False, "after": True}


def test_a_password_set_for_another_user_is_audited_without_the_password(client, bea):
    worker = user(Role.MAATSCHAPPELIJK_WERKER)
    secret = "nieuw-geheim-wachtwoord-42"
    response = client.post(
        f"/admin/auth/user/{worker.pk}/password/", {"password1": secret, "password2": secret}
    )
    assert response.status_code == 302
    worker.refresh_from_db()
    assert worker.check_password(secret)
    event = _events("update", worker).get()
    assert event.detail["fields"] == ["password"] and event.detail["password"] == "ingesteld"
    stored = str(event.detail) + event.reason
    assert secret not in stored and worker.password not in stored


def test_a_created_user_is_audited_without_the_password(client, bea):
    secret = "start-wachtwoord-van-nina-9"
    response = client.post(
        "/admin/auth/user/add/",
        {"username": "nina", "usable_password": "true", "password1": secret, "password2": secret},
    )
    assert response.status_code == 302
    nina = User.objects.get(username="nina")
    event = _events("create", nina).get()
    assert event.actor_username == bea.username
    assert event.detail["username"] == "nina" and event.detail["password"] == "ingesteld"
    assert secret not in str(event.detail)


def test_deleting_a_user_is_audited_and_deleting_oneself_is_refused(client, bea):
    worker = user(Role.MAATSCHAPPELIJK_WERKER)
    response = client.post(f"/admin/auth/user/{worker.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302 and not User.objects.filter(pk=worker.pk).exists()
    event = _events("delete", worker).get()
    assert event.detail == {"username": worker.username, "groups": ["maatschappelijk werker"]}
    response = client.post(f"/admin/auth/user/{bea.pk}/delete/", {"post": "yes"}, follow=True)
    assert "eigen account niet verwijderen" in response.content.decode()
    assert User.objects.filter(pk=bea.pk).exists()
    assert _events("refused", bea).exists()
    changelist = client.get("/admin/auth/user/")
    model_admin = changelist.context["cl"].model_admin
    assert "delete_selected" not in model_admin.get_actions(changelist.wsgi_request)


def test_a_beheerder_cannot_hand_out_permissions_they_do_not_hold(client, bea):
    powerful = Group.objects.create(name="krachtig")
    powerful.permissions.add(Permission.objects.get(codename="delete_dossier"))
    worker = user(Role.MAATSCHAPPELIJK_WERKER)
    groups = [_group("maatschappelijk werker").pk, powerful.pk]
    response = client.post(
        f"/admin/auth/user/{worker.pk}/change/", _user_form(worker, groups=groups)
    )
    assert "die u zelf niet hebt: casework.delete_dossier" in response.content.decode()
    assert worker.groups.count() == 1
    assert _events("refused", worker).get().detail["beyond"] == ["casework.delete_dossier"]


def _group_form(group, permissions):
    return {"name": group.name, "permissions": [p.pk for p in permissions]}


def test_a_beheerder_cannot_edit_a_group_they_are_in(client, bea):
    beheerder = _group("beheerder")
    before = set(beheerder.permissions.all())
    extra = Permission.objects.get(codename="delete_dossier")
    response = client.post(
        f"/admin/auth/group/{beheerder.pk}/change/", _group_form(beheerder, [*before, extra])
    )
    assert "U bent lid van de groep ‘beheerder’" in response.content.decode()
    assert set(beheerder.permissions.all()) == before
    refusal = AuditEvent.objects.get(action="refused", object_type="auth.group")
    assert refusal.detail["changes"]["permissions"]["after"] == sorted(
        [*refusal.detail["changes"]["permissions"]["before"], "casework.delete_dossier"]
    )
    response = client.post(f"/admin/auth/group/{beheerder.pk}/delete/", {"post": "yes"})
    assert Group.objects.filter(pk=beheerder.pk).exists()
    assert AuditEvent.objects.filter(action="refused", object_type="auth.group").count() == 2


def test_a_change_to_another_groups_permissions_is_audited_with_before_and_after(client, bea):
    analist = _group("analist")
    view_user = Permission.objects.get(codename="view_user")  # a beheerder holds it
    response = client.post(
        f"/admin/auth/group/{analist.pk}/change/", _group_form(analist, [view_user])
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="update", object_type="auth.group")
    assert event.detail["changes"] == {"permissions": {"before": [], "after": ["auth.view_user"]}}
    delete_dossier = Permission.objects.get(codename="delete_dossier")  # it holds not this
    response = client.post(
        f"/admin/auth/group/{analist.pk}/change/", _group_form(analist, [view_user, delete_dossier])
    )
    assert "die u zelf niet hebt" in response.content.decode()
    assert list(analist.permissions.all()) == [view_user]


def _assignment_events(account):
    return _events("update", account).filter(detail__fields=["offices"])


def test_a_beheerder_cannot_assign_themselves_to_an_office(client, bea):
    rabot = office("wb-rabot")
    response = client.post(
        "/admin/casework/staffassignment/add/", {"user": bea.pk, "office": rabot.pk}
    )
    assert OWN_RIGHTS in response.content.decode()
    assert not StaffAssignment.objects.filter(user=bea).exists()
    assert _events("refused", bea).get().detail["office"] == "wb-rabot"


def test_moving_someone_elses_assignment_to_oneself_is_refused(client, bea):
    worker = user(Role.MAATSCHAPPELIJK_WERKER)
    assignment = StaffAssignment.objects.get(user=worker)
    response = client.post(
        f"/admin/casework/staffassignment/{assignment.pk}/change/",
        {"user": bea.pk, "office": assignment.office.pk},
    )
    assert OWN_RIGHTS in response.content.decode()
    assignment.refresh_from_db()
    assert assignment.user == worker


def test_an_assignment_of_another_user_is_audited_with_offices_before_and_after(client, bea):
    worker = user(Role.MAATSCHAPPELIJK_WERKER)  # at wb-brugse-poort
    response = client.post(
        "/admin/casework/staffassignment/add/", {"user": worker.pk, "office": office("wb-rabot").pk}
    )
    assert response.status_code == 302
    event = _assignment_events(worker).get()
    assert event.actor_username == bea.username
    assert event.detail["changes"]["offices"] == {
        "before": ["wb-brugse-poort"],
        "after": ["wb-brugse-poort", "wb-rabot"],
    }
    assignment = StaffAssignment.objects.get(user=worker, office__code="wb-brugse-poort")
    response = client.post(
        f"/admin/casework/staffassignment/{assignment.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    latest = _assignment_events(worker).order_by("-seq").first()
    assert latest.detail["changes"]["offices"] == {
        "before": ["wb-brugse-poort", "wb-rabot"],
        "after": ["wb-rabot"],
    }


def test_a_beheerder_cannot_remove_their_own_assignment(client, bea):
    own = StaffAssignment.objects.create(user=bea, office=office("wb-rabot"))
    response = client.post(
        f"/admin/casework/staffassignment/{own.pk}/delete/", {"post": "yes"}, follow=True
    )
    assert OWN_RIGHTS in response.content.decode()
    assert StaffAssignment.objects.filter(pk=own.pk).exists()
    assert _events("refused", bea).exists()


def test_another_beheerder_may_change_a_beheerders_rights(client, bea):
    colleague = _beheerder()
    response = client.post(
        f"/admin/auth/user/{colleague.pk}/change/", _user_form(colleague, is_active=False)
    )
    assert response.status_code == 302
    colleague.refresh_from_db()
    assert not colleague.is_active
    assert _events("update", colleague).get().detail["changes"] == {
        "is_active": {"before": True, "after": False}
    }
