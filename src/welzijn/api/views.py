"""The beheerder's pages for API clients in the workplace: the list, registering a client
(its token shown once), revoking it and giving it a new token. The services check the
role and audit every change; the list's read is audited too."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from welzijn.api import selectors, services
from welzijn.api.forms import ApiClientForm, RevokeForm
from welzijn.web.forms.common import submit
from welzijn.web.views.common import form_page


@login_required
def clients(request):
    listed = selectors.apiclients_list(actor=request.user)
    return render(request, "api/clients.html", {"clients": listed, "revoke_form": RevokeForm()})


def _token_page(request, client, token):
    return render(request, "api/token.html", {"client": client, "token": token})


@login_required
def client_new(request):
    services.require_beheerder(request.user)
    form = ApiClientForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        registered = submit(
            form,
            services.apiclient_register,
            {"expires_at": "expires_on", "office_ids": "offices"},
            actor=request.user,
            name=data["name"],
            organisation=data["organisation"],
            roles=data["roles"],
            office_ids=[office.pk for office in data["offices"]],
            scopes=data["scopes"],
            expires_at=form.expires_at(),
        )
        if registered is not None:
            return _token_page(request, *registered)
    return form_page(
        request,
        "web/form.html",
        form,
        title="API-client registreren",
        back="/beheer/api-clients/",
    )


@login_required
@require_POST
def client_revoke(request, client_id):
    form = RevokeForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        client = services.apiclient_revoke(actor=request.user, client_id=client_id, reason=reason)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, f"{client.name} is ingetrokken: het token werkt niet meer.")
    return redirect("api_clients:list")


@login_required
@require_POST
def client_rotate(request, client_id):
    try:
        client, token = services.apiclient_rotate(actor=request.user, client_id=client_id)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
        return redirect("api_clients:list")
    return _token_page(request, client, token)
