"""Two-factor authentication with a TOTP app (django-otp): who needs it, what a signed-in
user must still do, and setting up a device.

A beheerder (and anyone who can reach the admin) must have a confirmed device and have
entered a code from it in this session before any page opens. Every other user may set up
a device; from then on their login asks for a code too. A user has at most one confirmed
device; a lost one is removed by a beheerder in the admin.
"""

import base64
from enum import StrEnum

import django_otp
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from welzijn.core.audit import audit_record
from welzijn.core.roles import Role, roles_of

DEVICE_NAME = "authenticator-app"


class Step(StrEnum):
    VERIFY = "verify"  # has a device, has not entered a code in this session
    SETUP = "setup"  # must have a device and has none yet


def two_factor_required(user) -> bool:
    return user.is_staff or user.is_superuser or Role.BEHEERDER in roles_of(user)


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def two_factor_step(user) -> Step | None:
    """What a signed-in user must still do before a page opens; None when nothing."""
    if user.is_verified():
        return None
    if confirmed_device(user) is not None:
        return Step.VERIFY
    return Step.SETUP if two_factor_required(user) else None


def secret_base32(device: TOTPDevice) -> str:
    """The secret as an authenticator app asks for it when typed in."""
    return base64.b32encode(device.bin_key).decode()


def totp_device_pending(*, user) -> TOTPDevice:
    """The device the user is setting up, with a new random secret the first time."""
    with transaction.atomic():
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def totp_device_confirm(*, user, token: str) -> TOTPDevice | None:
    """Confirm the pending device with a code from the app; None when the code is wrong
    (the device counts the failure and makes the next try wait longer)."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
        if device is None or confirmed_device(user) is not None:
            return None
        if not device.verify_token(token):
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit_record(
            actor=user, action="create", obj=device, reason="tweestapsverificatie ingesteld"
        )
    return device


def totp_verify(*, user, token: str) -> TOTPDevice | None:
    """The user's confirmed device when `token` is its current code (each code counts once;
    failures make the next try wait longer), else None."""
    device = confirmed_device(user)
    if device is None:
        return None
    return django_otp.verify_token(user, device.persistent_id, token)
