"""When the session has expired: htmx gets a full-page trip to the login, and what was typed
in a form waits in the new session for the user to come back to that form.

`login_required` answers 302 to the login page. htmx would follow that redirect inside its
request and swap the login page into a table row; it gets an `HX-Redirect` instead, with
`next` the page the browser shows (`HX-Current-URL`), not the partial's URL. A POST that meets
an expired session keeps its fields (never the CSRF token or a password) in the new anonymous
session, under the path of the page that holds the form; Django's login keeps session data
when it rotates the key, so the form page finds them again after the login
(`views.common.bound_or_restored`). They expire with the session.
"""

from urllib.parse import parse_qs, urlencode, urlsplit

from django.conf import settings
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django_htmx.http import HttpResponseClientRedirect

SESSION_KEY = "kept_forms"
MAX_FORMS = 3
MAX_FIELDS = 20
MAX_CHARS = 10_000
#: Field names never kept: the CSRF token and anything that looks like a secret.
SECRET_PARTS = ("csrfmiddlewaretoken", "password", "wachtwoord", "token", "secret")

NOTICE = (
    "Je sessie was verlopen; wat je had ingevuld, staat er nog. Controleer het en sla opnieuw op."
)


def current_page(request) -> str:
    """For an htmx request, the path and query of the page the browser shows (HX-Current-URL),
    if it is on this site; else the request's own path."""
    if not request.htmx:
        return request.get_full_path()
    url = request.headers.get("HX-Current-URL", "")
    if not url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return ""
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def _is_login_redirect(response) -> bool:
    """login_required's answer: a redirect to the login page with a `next`."""
    if response.status_code != 302:
        return False
    target = urlsplit(response["Location"])
    return target.path == resolve_url(settings.LOGIN_URL) and "next" in parse_qs(target.query)


def _fields_to_keep(post) -> dict[str, str | list[str]]:
    kept: dict[str, str | list[str]] = {}
    for name, values in post.lists():
        if len(kept) == MAX_FIELDS:
            break
        if any(part in name.lower() for part in SECRET_PARTS):
            continue
        values = [v for v in values if len(v) <= MAX_CHARS]
        if values:
            kept[name] = values[0] if len(values) == 1 else values
    return kept


def _keep(request, page: str) -> None:
    fields = _fields_to_keep(request.POST)
    if not fields:
        return
    forms = request.session.get(SESSION_KEY, {})
    forms.pop(page, None)
    forms[page] = fields
    request.session[SESSION_KEY] = dict(list(forms.items())[-MAX_FORMS:])


def kept_fields_pop(request) -> dict[str, str | list[str]]:
    """The fields kept for this page (removed from the session), or {}."""
    forms = request.session.get(SESSION_KEY)
    if not forms or request.path not in forms:
        return {}
    fields = forms.pop(request.path)
    if forms:
        request.session[SESSION_KEY] = forms
    else:
        del request.session[SESSION_KEY]
    return fields


class ExpiredSession:
    """Turns login_required's redirect into what an expired session needs (module docstring).
    Non-htmx requests keep their 302."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated or not _is_login_redirect(response):
            return response
        page = current_page(request)
        had_session = settings.SESSION_COOKIE_NAME in request.COOKIES  # one that expired
        if request.method == "POST" and page and had_session:
            _keep(request, urlsplit(page).path)
        if not request.htmx:
            return response
        login = resolve_url(settings.LOGIN_URL)
        return HttpResponseClientRedirect(f"{login}?{urlencode({'next': page})}" if page else login)
