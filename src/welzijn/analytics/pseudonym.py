"""The keyed pseudonym of a person or household: HMAC-SHA256 of ``kind:id``, its first 60 bits
as an integer (fits a bigint; PostgreSQL's `analytics.pseudonym` computes the same value).
A text (`hashed`) becomes the first 16 hex digits of its HMAC; an empty text stays empty."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings


def key() -> bytes:
    return _key()


def _key() -> bytes:
    configured = getattr(settings, "WELZIJN_PSEUDONYM_KEY", "")
    if configured:
        return configured.encode()
    return hmac.new(settings.SECRET_KEY.encode(), b"welzijn-pseudonym", hashlib.sha256).digest()


def pseudonym(kind: str, value: int | None, *, key: bytes | None = None) -> int | None:
    if value is None:
        return None
    digest = hmac.new(key or _key(), f"{kind}:{value}".encode(), hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "big") >> 4


def hashed(kind: str, value: str | None, *, key: bytes | None = None) -> str | None:
    if not value:
        return value
    return hmac.new(key or _key(), f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()[:16]
