"""Standard Webhooks signatures (https://www.standardwebhooks.com): HMAC-SHA256 with the
base64-decoded secret over "<webhook-id>.<webhook-timestamp>.<body>", sent as
"v1,<base64 signature>" in the webhook-signature header."""

import base64
import hashlib
import hmac

PREFIX = "whsec_"


def _key(secret: str) -> bytes:
    return base64.b64decode(secret.removeprefix(PREFIX))


def sign(secret: str, webhook_id: str, timestamp: int, body: bytes) -> str:
    message = f"{webhook_id}.{timestamp}.".encode() + body
    digest = hmac.new(_key(secret), message, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def headers(secret: str, webhook_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    return {
        "webhook-id": webhook_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(secret, webhook_id, timestamp, body),
        "content-type": "application/json",
    }


def verify(secret: str, webhook_id: str, timestamp: str, body: bytes, signature: str) -> bool:
    """What a receiver does: one of the space-separated signatures must match."""
    expected = sign(secret, webhook_id, int(timestamp), body)
    return any(hmac.compare_digest(expected, given) for given in signature.split())
