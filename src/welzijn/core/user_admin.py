"""Who may change whose rights, and the audit of every change to accounts and roles.

The rules, for the admin and for any other caller:

- nobody changes their own rights (groups, permissions, the active/staff/superuser flags,
  office assignments) nor deletes their own account: another beheerder must do it;
- only a superuser changes a superuser's account or the superuser flag of anyone;
- a beheerder who is not a superuser hands out no permission they do not hold themselves
  (through a group or directly), and edits no group they are a member of;
- every change and every refused attempt is an audit event, in the transaction of the change:
  who changed which account or group, the changed field names, before and after for rights
  and offices. A password is recorded as set, never its value or hash.

Admin forms call the `*_check` functions from `clean()`: a refusal is audited and raised as
a RightsRefused (a ValidationError), so the form shows it and the admin's transaction keeps
the refusal's event. After saving they call the matching `*_record`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, NoReturn

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import models

from welzijn.core.audit import audit_record, object_label

RIGHTS_LABELS = {
    "is_active": "actief",
    "is_staff": "toegang tot beheer",
    "is_superuser": "superuser",
    "groups": "groepen",
    "user_permissions": "rechten",
    "offices": "welzijnsbureaus en teams",
}
USER_RIGHTS = ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")
NOT_RECORDED = frozenset({"password", "password1", "password2", "usable_password"})
REASON = "gebruikersbeheer"


class RightsRefused(ValidationError):
    """A change to rights that the actor may not make (already audited)."""


@dataclass
class Change:
    """What a form would change: every changed field by name, rights before and after."""

    fields: list[str] = field(default_factory=list)
    rights: dict[str, dict[str, Any]] = field(default_factory=dict)

    def detail(self, **extra: Any) -> dict[str, Any]:
        return {**extra, "fields": self.fields, "changes": self.rights}


def permission_names(permissions: Iterable[Permission]) -> list[str]:
    return sorted(f"{p.content_type.app_label}.{p.codename}" for p in permissions)


MANY = frozenset({"groups", "user_permissions", "permissions"})


def _value(name: str, value: Any) -> Any:
    """A form or model value as it goes into the audit event (m2m: sorted names)."""
    if name == "groups":
        return sorted(group.name for group in value)
    if name in MANY:
        return permission_names(value.select_related("content_type"))
    return value


def _diff(stored: models.Model | None, data: Mapping[str, Any], rights: Iterable[str]) -> Change:
    """Compare form values with the stored object (None: a new one, every value given)."""
    rights, change = set(rights), Change()
    for name, value in data.items():
        if name in NOT_RECORDED:
            continue
        after = _value(name, value)
        if stored is None:
            before = [] if name in MANY else None
            changed = after not in (None, "", [], False)
        else:
            stored_value = getattr(stored, name, None)
            before = _value(name, stored_value.all() if name in MANY else stored_value)
            changed = before != after
        if changed:
            change.fields.append(name)
            if name in rights:
                change.rights[name] = {"before": before, "after": after}
    return change


def _refuse(
    *, actor, target: models.Model | type[models.Model], attempt: str, message: str, detail: dict
) -> NoReturn:
    """Audit the refused attempt, then raise it; `target` is the object, or its model when
    it is new."""
    if isinstance(target, models.Model) and target.pk is not None:
        where = {"obj": target}
    else:
        where = {"object_type": object_label(target)}
    audit_record(
        actor=actor,
        action="refused",
        reason=message,
        detail={"attempt": attempt, **detail},
        **where,
    )
    raise RightsRefused(message)


def _refuse_superuser_account(actor, user, attempt: str, detail: dict) -> None:
    if user.is_superuser and not actor.is_superuser:
        message = "Alleen een superuser kan het account van een superuser wijzigen of verwijderen."
        _refuse(actor=actor, target=user, attempt=attempt, message=message, detail=detail)


def _refuse_own_rights(actor, user, rights: list[str], attempt: str, detail: dict) -> None:
    if rights and user.pk == actor.pk:
        labels = ", ".join(RIGHTS_LABELS.get(name, name) for name in rights)
        message = (
            f"U kunt uw eigen rechten niet wijzigen ({labels}): vraag het aan een andere beheerder."
        )
        _refuse(actor=actor, target=user, attempt=attempt, message=message, detail=detail)


def user_rights_check(*, actor, user, rights: list[str], detail: dict) -> None:
    """Refuse (audited) a change to `rights` of `user`: one's own, or a superuser's by
    someone who is not one. For rights kept outside the user table (office assignments)."""
    _refuse_superuser_account(actor, user, "auth.user wijzigen", detail)
    _refuse_own_rights(actor, user, rights, "auth.user wijzigen", detail)


def _refuse_beyond_own(actor, target, attempt: str, change: Change, groups: list[str]) -> None:
    """Refuse handing out permissions the actor does not hold (through the added `groups`
    or added permissions); a superuser holds them all."""
    if actor.is_superuser:
        return
    granted = set(_added(change, "user_permissions") + _added(change, "permissions"))
    for group in Group.objects.filter(name__in=groups).prefetch_related("permissions"):
        granted.update(permission_names(group.permissions.select_related("content_type")))
    beyond = sorted(granted - actor.get_all_permissions())
    if beyond:
        shown = ", ".join(beyond[:5]) + (" …" if len(beyond) > 5 else "")
        message = f"U kunt geen rechten toekennen die u zelf niet hebt: {shown}."
        detail = change.detail(beyond=beyond)
        _refuse(actor=actor, target=target, attempt=attempt, message=message, detail=detail)


def _added(change: Change, name: str) -> list[str]:
    values = change.rights.get(name)
    return sorted(set(values["after"]) - set(values["before"])) if values else []


def user_change_check(*, actor, user, data: Mapping[str, Any]) -> Change:
    """What `data` (form values by field name) changes on `user` (None for a new account);
    refused and audited when the actor may not make that change."""
    User = get_user_model()
    stored = User.objects.get(pk=user.pk) if user is not None else None
    target = stored if stored is not None else User
    change = _diff(stored, data, USER_RIGHTS)
    attempt = "auth.user wijzigen" if stored is not None else "auth.user aanmaken"
    detail = change.detail(username=stored.username if stored else data.get("username"))
    if stored is not None and change.fields:
        _refuse_superuser_account(actor, stored, attempt, detail)
    if stored is not None:
        _refuse_own_rights(actor, stored, list(change.rights), attempt, detail)
    if "is_superuser" in change.rights and not actor.is_superuser:
        message = "Alleen een superuser kan iemand superuser maken of dat terugdraaien."
        _refuse(actor=actor, target=target, attempt=attempt, message=message, detail=detail)
    _refuse_beyond_own(actor, target, attempt, change, _added(change, "groups"))
    return change


def user_change_record(*, actor, user, change: Change, created: bool) -> None:
    detail = change.detail(username=user.username)
    if created:
        detail["password"] = "ingesteld" if user.has_usable_password() else "geen"
    action = "create" if created else "update"
    audit_record(actor=actor, action=action, obj=user, reason=REASON, detail=detail)


def user_password_check(*, actor, user) -> None:
    """One's own password may be changed; a superuser's only by a superuser."""
    detail = {"username": user.username, "fields": ["password"]}
    _refuse_superuser_account(actor, user, "wachtwoord instellen", detail)


def user_password_record(*, actor, user) -> None:
    password = "ingesteld" if user.has_usable_password() else "uitgeschakeld"
    detail = {"username": user.username, "fields": ["password"], "password": password}
    audit_record(actor=actor, action="update", obj=user, reason=REASON, detail=detail)


def user_delete_check(*, actor, user) -> None:
    detail = {"username": user.username}
    if user.pk == actor.pk:
        message = "U kunt uw eigen account niet verwijderen: vraag het aan een andere beheerder."
        _refuse(
            actor=actor,
            target=user,
            attempt="auth.user verwijderen",
            message=message,
            detail=detail,
        )
    _refuse_superuser_account(actor, user, "auth.user verwijderen", detail)


def user_delete_record(*, actor, user_id: int, username: str, groups: list[str]) -> None:
    audit_record(
        actor=actor,
        action="delete",
        object_type=object_label(get_user_model()),
        object_id=str(user_id),
        reason=REASON,
        detail={"username": username, "groups": groups},
    )


def _member_of(actor, group: Group) -> bool:
    return actor.groups.filter(pk=group.pk).exists()


def _refuse_own_group(actor, group: Group, attempt: str, detail: dict[str, Any]) -> None:
    if _member_of(actor, group):
        _refuse(
            actor=actor,
            target=group,
            attempt=attempt,
            message=(
                f"U bent lid van de groep ‘{group.name}’ en kunt die dus niet wijzigen of "
                "verwijderen: vraag het aan een andere beheerder."
            ),
            detail=detail,
        )


def group_change_check(*, actor, group, data: Mapping[str, Any]) -> Change:
    """What `data` changes on `group` (None for a new group); refused and audited for a
    group the actor is in, or for permissions the actor does not hold."""
    stored = Group.objects.get(pk=group.pk) if group is not None else None
    change = _diff(stored, data, ["permissions"])
    if stored is not None:
        _refuse_own_group(actor, stored, "auth.group wijzigen", change.detail(name=stored.name))
    attempt = "auth.group wijzigen" if stored is not None else "auth.group aanmaken"
    _refuse_beyond_own(actor, stored if stored is not None else Group, attempt, change, [])
    return change


def group_change_record(*, actor, group, change: Change, created: bool) -> None:
    audit_record(
        actor=actor,
        action="create" if created else "update",
        obj=group,
        reason=REASON,
        detail=change.detail(name=group.name),
    )


def group_delete_check(*, actor, group) -> None:
    _refuse_own_group(actor, group, "auth.group verwijderen", {"name": group.name})


def group_delete_record(*, actor, group_id: int, name: str, permissions: list[str]) -> None:
    audit_record(
        actor=actor,
        action="delete",
        object_type=object_label(Group),
        object_id=str(group_id),
        reason=REASON,
        detail={"name": name, "permissions": permissions},
    )
