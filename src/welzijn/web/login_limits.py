"""Limits on failed logins beyond axes' own (5 for one username from one address).

Password spraying tries a few passwords on many usernames: so an address is also stopped
after LOGIN_ADDRESS_FAILURE_LIMIT failures across all usernames, and, against an attack
spread over many addresses, every login is refused for a while after
LOGIN_GLOBAL_FAILURE_LIMIT failures in total. Both count axes' failure log over its
cool-off time (15 minutes). A refused attempt is not logged as a failure, so a limit lifts
by itself once the failures that caused it are older than that.

The global limit is a trade-off: whoever can fail that many logins can keep everyone out
for a while. That is a visible, passing nuisance; guessed passwords are not.
"""

import ipaddress

from axes.helpers import get_cool_off
from axes.models import AccessFailureLog
from django.conf import settings
from django.utils import timezone

ADDRESS_REFUSED = (
    "Vanaf dit netwerkadres mislukten te veel aanmeldingen. Probeer het over een kwartier "
    "opnieuw, of vraag de beheerder om hulp."
)
GLOBAL_REFUSED = (
    "Er mislukken op dit moment ongewoon veel aanmeldingen. Uit voorzorg kan niemand zich "
    "even aanmelden; probeer het binnen een kwartier opnieuw."
)


def _valid_ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """The client's address: from WELZIJN_TRUSTED_PROXY_HEADER when configured (the entry
    our outermost trusted proxy added: the COUNT-th from the right), else REMOTE_ADDR.
    Entries further left were written by the client and are not believed."""
    remote = request.META.get("REMOTE_ADDR", "")
    header = settings.TRUSTED_PROXY_HEADER
    if header:
        entries = [e for e in request.META.get(header, "").split(",") if e.strip()]
        if len(entries) >= settings.TRUSTED_PROXY_COUNT >= 1:
            address = _valid_ip(entries[-settings.TRUSTED_PROXY_COUNT])
            if address:
                return address
    return _valid_ip(remote) if remote else None


def login_refusal(request) -> str | None:
    """The Dutch reason why a login attempt is refused before the password is checked."""
    since = timezone.now() - get_cool_off(request)
    recent = AccessFailureLog.objects.filter(attempt_time__gte=since)
    if recent.count() >= settings.LOGIN_GLOBAL_FAILURE_LIMIT:
        return GLOBAL_REFUSED
    address = client_ip(request)
    if address and recent.filter(ip_address=address).count() >= (
        settings.LOGIN_ADDRESS_FAILURE_LIMIT
    ):
        return ADDRESS_REFUSED
    return None
