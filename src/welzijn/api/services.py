"""Registering and revoking API clients: by a beheerder, audited, the token shown once.

A token is 32 random bytes (URL-safe); only its SHA-256 is stored, and the row is found by
that hash (a high-entropy token needs no slow hash). `token_prefix` tells a beheerder which
token a client has, without revealing it.
"""

import datetime as dt
import hashlib
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from welzijn.api.models import RESOURCES, ApiClient
from welzijn.casework.models import Office, StaffAssignment
from welzijn.core.access import AccessDenied
from welzijn.core.audit import audit_record
from welzijn.core.roles import Role, roles_of
from welzijn.core.validation import require, validate_and_save

TOKEN_PREFIX = "wz_"
PREFIX_LENGTH = 12
#: Roles a client may act in: never a beheerder's (no system administers welzijn).
CLIENT_ROLES = frozenset(Role) - {Role.BEHEERDER}


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def require_beheerder(actor) -> None:
    if Role.BEHEERDER not in roles_of(actor):
        raise AccessDenied("Alleen een beheerder registreert API-clients.")


def _check_scopes(scopes: list[str]) -> None:
    for scope in scopes:
        resource, _, mode = str(scope).partition(":")
        require(
            resource in RESOURCES and mode in ("read", "write"),
            "scopes",
            f"Onbekende scope {scope!r}: gebruik <bron>:read of <bron>:write, met als bron "
            f"een van {', '.join(RESOURCES)}.",
        )


@transaction.atomic
def apiclient_register(
    *,
    actor,
    name: str,
    organisation: str,
    roles: list[str],
    office_ids: list[int],
    scopes: list[str],
    expires_at: dt.datetime,
) -> tuple[ApiClient, str]:
    """A new client with its own user (roles, offices); returns the client and its token,
    which is shown this once and stored only as a hash."""
    require_beheerder(actor)
    _check_scopes(scopes)
    unknown = [r for r in roles if r not in {role.value for role in CLIENT_ROLES}]
    require(not unknown, "roles", f"Rol {next(iter(unknown), '')!r} kan geen API-client hebben.")
    require(expires_at > timezone.now(), "expires_at", "De vervaldatum moet in de toekomst liggen.")
    offices = list(Office.objects.filter(pk__in=office_ids))
    require(len(offices) == len(set(office_ids)), "offices", "Onbekend welzijnsbureau of team.")
    name = name.strip()
    require(bool(name), "name", "Geef de client een naam.")
    User = get_user_model()
    username = f"api:{name}"[:150]
    require(
        not User.objects.filter(username=username).exists(),
        "name",
        "Er bestaat al een API-client met deze naam.",
    )
    user = User(username=username, first_name="API", last_name=name[:150])
    user.set_unusable_password()
    user.save()
    user.groups.set(Group.objects.filter(name__in=roles))
    StaffAssignment.objects.bulk_create(StaffAssignment(user=user, office=o) for o in offices)
    token = _new_token()
    client = ApiClient(
        name=name,
        organisation=organisation.strip(),
        user=user,
        scopes=sorted(set(scopes)),
        token_prefix=token[:PREFIX_LENGTH],
        token_hash=token_hash(token),
        expires_at=expires_at,
    )
    validate_and_save(client)
    audit_record(
        actor=actor,
        action="create",
        obj=client,
        reason="API-client geregistreerd",
        detail={"roles": sorted(roles), "offices": sorted(office_ids), "scopes": client.scopes},
    )
    return client, token


@transaction.atomic
def apiclient_revoke(*, actor, client_id: int, reason: str = "") -> ApiClient:
    """The token stops working at once; the client and its history stay."""
    require_beheerder(actor)
    client = ApiClient.objects.select_for_update().get(pk=client_id)
    if client.revoked_at is not None:
        raise ValidationError({"__all__": "Deze API-client is al ingetrokken."})
    client.revoked_at = timezone.now()
    client.save(update_fields=["revoked_at"])
    client.user.is_active = False
    client.user.save(update_fields=["is_active"])
    audit_record(actor=actor, action="update", obj=client, reason=reason or "ingetrokken")
    return client


@transaction.atomic
def apiclient_rotate(*, actor, client_id: int) -> tuple[ApiClient, str]:
    """A new token for a usable client (shown this once); the old one stops working."""
    require_beheerder(actor)
    client = ApiClient.objects.select_for_update().get(pk=client_id)
    require(client.is_usable(), "__all__", "Deze API-client is ingetrokken of vervallen.")
    token = _new_token()
    client.token_prefix, client.token_hash = token[:PREFIX_LENGTH], token_hash(token)
    client.save(update_fields=["token_prefix", "token_hash"])
    audit_record(
        actor=actor, action="update", obj=client, reason="nieuw token", detail={"rotated": True}
    )
    return client, token


def client_for_token(token: str) -> ApiClient | None:
    """The client whose token this is, usable or not (the caller checks)."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    return ApiClient.objects.filter(token_hash=token_hash(token)).select_related("user").first()
