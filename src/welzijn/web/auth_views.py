"""Signing in: username and password, then a code from an authenticator app for those who
have one (required for beheerders); and the page that sets such an app up."""

import io

import django_otp
import qrcode
import qrcode.image.svg
from django import forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe

from welzijn.core.two_factor import (
    Step,
    confirmed_device,
    secret_base32,
    totp_device_confirm,
    totp_device_pending,
    totp_verify,
    two_factor_required,
    two_factor_step,
)
from welzijn.web.login_limits import login_refusal

WRONG_CODE = (
    "Die code klopt niet of is verlopen. Na een foute code moet je telkens iets langer wachten."
)


class LoginView(auth_views.LoginView):
    """Django's login, refused up front when an address or the whole site has too many
    recent failures (`login_limits`); axes guards each username from each address."""

    template_name = "web/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        refusal = login_refusal(request)
        if refusal:
            return render(request, "web/locked_out.html", {"reason": refusal}, status=429)
        return super().post(request, *args, **kwargs)


class CodeForm(forms.Form):
    code = forms.RegexField(
        label="Code uit je authenticator-app",
        regex=r"^\s*\d{6}\s*$",
        error_messages={
            "required": "Geef de code van zes cijfers uit je app.",
            "invalid": "Een code bestaat uit zes cijfers.",
        },
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def token(self) -> str:
        return self.cleaned_data["code"].strip()


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed else "/"


@login_required
def otp_verify(request):
    """The second step of the login for a user with a device."""
    if two_factor_step(request.user) is not Step.VERIFY:
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    if form.is_valid():
        device = totp_verify(user=request.user, token=form.token())
        if device is not None:
            django_otp.login(request, device)
            return redirect(_next_url(request))
        form.add_error("code", WRONG_CODE)
    return render(request, "web/otp_verify.html", {"form": form, "next": _next_url(request)})


def _qr_svg(uri: str) -> str:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    out = io.BytesIO()
    image.save(out)
    text = out.getvalue().decode()
    return text[text.index("<svg") :]  # inline: without the XML prolog


@login_required
def otp_setup(request):
    """Set up an authenticator app: show the secret (as text and as a QR code), confirm it
    with a first code. Not while a confirmed device waits for its code: a stolen password
    alone must not add a second device."""
    user = request.user
    if confirmed_device(user) is not None:
        if not user.is_verified():
            return redirect("web:otp_verify")
        return render(request, "web/otp_setup.html", {"done": True})
    device = totp_device_pending(user=user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        confirmed = totp_device_confirm(user=user, token=form.token())
        if confirmed is not None:
            django_otp.login(request, confirmed)
            return redirect(_next_url(request))
        form.add_error("code", WRONG_CODE)
    uri = device.config_url
    secret = secret_base32(device)
    return render(
        request,
        "web/otp_setup.html",
        {
            "form": form,
            "next": _next_url(request),
            "required": two_factor_required(user),
            "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
            "uri": uri,
            "qr_svg": mark_safe(_qr_svg(uri)),  # made by qrcode from our own URI
        },
    )
