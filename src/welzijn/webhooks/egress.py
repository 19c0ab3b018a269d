"""Where a webhook may be sent: not to the server's own network (SSRF).

A receiver's URL must be https (plain http only in debug, or to an allowed private
address), and every address its host resolves to must be public: not loopback, private,
link-local (169.254.169.254, a cloud's metadata service), shared, reserved or multicast,
unless WELZIJN_WEBHOOK_ALLOW_PRIVATE=1 (a receiver inside the city's own network). The
check runs when a subscription is made and again at every delivery, and the request goes
to the address that was checked (no second lookup that DNS could answer differently);
redirects are not followed."""

import http.client
import ipaddress
import socket
import ssl
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError


class Refused(Exception):
    """The URL or the address it resolves to may not be called; the message says why."""


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def vetted(url: str) -> tuple[str, str, int, str, str]:
    """(scheme, host, port, address, path) of a URL that may be called, with the one
    address to connect to; raises Refused."""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise Refused("Geef een volledige URL die begint met https://.")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        found = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise Refused(f"De naam {parts.hostname} bestaat niet (DNS).") from None
    addresses = sorted({info[4][0] for info in found})
    private = [a for a in addresses if not _is_public(a)]
    if private and not settings.WEBHOOK_ALLOW_PRIVATE:
        raise Refused(
            f"{parts.hostname} wijst naar een intern adres ({private[0]}): webhooks gaan "
            "enkel naar publieke adressen (WELZIJN_WEBHOOK_ALLOW_PRIVATE)."
        )
    if parts.scheme == "http" and not (settings.DEBUG or (private and addresses == private)):
        raise Refused("Een webhook gaat over https.")
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return parts.scheme, parts.hostname, port, addresses[0], path


def check_url(url: str, field: str = "url") -> None:
    """For a form or service: the refusal as a Dutch message on the field."""
    try:
        vetted(url)
    except Refused as refused:
        raise ValidationError({field: str(refused)}) from None


class _Pinned(http.client.HTTPSConnection):
    """An HTTPS connection to a checked address, verifying the certificate of the host."""

    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.address = address

    def connect(self):
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


class _PinnedPlain(http.client.HTTPConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self):
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


def post(url: str, body: bytes, headers: dict[str, str], timeout: float) -> int:
    """POST to the checked address; the answer's status (a redirect is just a status).
    Raises Refused, or OSError when the receiver cannot be reached."""
    scheme, host, port, address, path = vetted(url)
    kind = _Pinned if scheme == "https" else _PinnedPlain
    connection = kind(host, port, address, timeout)
    try:
        connection.request("POST", path, body=body, headers=headers)
        return connection.getresponse().status
    finally:
        connection.close()
