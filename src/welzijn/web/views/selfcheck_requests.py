"""The welzijnsbureau's queue of Rechtencheck requests: what citizens sent with their
consent, seen by the onthaal and caseworkers of that office only, taken up and closed."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from welzijn.core.access import AccessDenied
from welzijn.rechtencheck import selectors
from welzijn.rechtencheck.access import handles_selfchecks
from welzijn.rechtencheck.models import SelfcheckRequest
from welzijn.rechtencheck.services import selfcheck_request_transition


def _may_handle(user) -> None:
    if not handles_selfchecks(user):
        raise AccessDenied("Deze pagina is er voor het onthaal en de maatschappelijk werkers.")


@login_required
def request_list(request):
    _may_handle(request.user)
    show_all = request.GET.get("alle") == "1"
    context = {
        "requests": selectors.selfcheck_request_list(user=request.user, open_only=not show_all),
        "show_all": show_all,
    }
    return render(request, "web/rechtencheck/requests.html", context)


@login_required
def request_detail(request, selfcheck_id):
    _may_handle(request.user)
    selfcheck = selectors.selfcheck_request_get(user=request.user, request_id=selfcheck_id)
    return render(
        request,
        "web/rechtencheck/request.html",
        {"r": selfcheck, "states": SelfcheckRequest.State, "error": ""},
    )


@login_required
@require_POST
def request_transition(request, selfcheck_id, to):
    _may_handle(request.user)
    selfcheck = selectors.selfcheck_request_get(user=request.user, request_id=selfcheck_id)
    try:
        selfcheck_request_transition(actor=request.user, request_id=selfcheck.pk, to=to)
    except ValidationError as error:
        return render(
            request,
            "web/rechtencheck/request.html",
            {"r": selfcheck, "states": SelfcheckRequest.State, "error": " ".join(error.messages)},
            status=400,
        )
    return redirect("web:selfcheck_request", selfcheck_id=selfcheck.pk)
