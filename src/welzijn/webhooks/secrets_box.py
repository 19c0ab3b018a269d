"""A subscription's signing secret, encrypted at rest (Fernet: AES-128-CBC + HMAC-SHA256).

It must be readable to sign each delivery (HMAC needs the secret itself, so a hash will
not do), but a copy of the database alone must not give it away. The key is
WELZIJN_WEBHOOK_KEY (settings.WEBHOOK_KEYS: one or more, comma-separated, the first
encrypts and all decrypt, so a key can be rotated), else derived from SECRET_KEY with a
salt of its own. Set it in production: rotating SECRET_KEY then leaves the secrets
readable."""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

_SALT = b"welzijn.webhooks.subscription-secret"


def _fernet(material: str) -> Fernet:
    return Fernet(base64.urlsafe_b64encode(hashlib.sha256(_SALT + material.encode()).digest()))


def _box() -> MultiFernet:
    keys = [k.strip() for k in settings.WEBHOOK_KEYS if k.strip()] or [settings.SECRET_KEY]
    return MultiFernet([_fernet(k) for k in keys])


def encrypt(secret: str) -> str:
    return _box().encrypt(secret.encode()).decode()


def decrypt(stored: str) -> str:
    try:
        return _box().decrypt(stored.encode()).decode()
    except InvalidToken:
        raise ImproperlyConfigured(
            "Het geheim van een webhook-abonnement kan niet ontsleuteld worden: "
            "WELZIJN_WEBHOOK_KEY (of de SECRET_KEY) is veranderd."
        ) from None
