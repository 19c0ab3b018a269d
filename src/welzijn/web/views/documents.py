"""Documents of a dossier: upload, download (access-checked, audited), withdrawal."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.views.decorators.cache import never_cache

from welzijn.casework import selectors as casework_selectors
from welzijn.casework import services as casework
from welzijn.core.access import Intent
from welzijn.web.forms.common import submit
from welzijn.web.forms.dossier_work import DocumentForm, WithdrawForm
from welzijn.web.views.common import bound_or_restored, dossier_for_edit, dossier_form


@login_required
def document_new(request, dossier_id):
    dossier = dossier_for_edit(request, dossier_id)
    form = bound_or_restored(request, DocumentForm, request.FILES or None, dossier=dossier)
    if getattr(request, "upload_too_large", False):
        limit = settings.WELZIJN_DOCUMENT_MAX_BYTES // (1024 * 1024)
        form.add_error("file", f"Dit bestand is te groot: hoogstens {limit} MB.")
    return dossier_form(
        request,
        form,
        dossier=dossier,
        title="Document toevoegen",
        save=lambda data: submit(
            form,
            casework.document_add,
            actor=request.user,
            dossier_id=dossier.pk,
            kind=data["kind"],
            file=data["file"],
            decision_id=data["decision"].pk if data["decision"] else None,
        ),
    )


@never_cache
@login_required
def document_download(request, document_id):
    """The file as an attachment, never rendered by the browser, never cached."""
    document, handle = casework_selectors.document_open(user=request.user, document_id=document_id)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
def document_withdraw(request, document_id):
    document = casework_selectors.document_get(
        user=request.user, document_id=document_id, intent=Intent.EDIT, reason="intrekken"
    )
    form = bound_or_restored(request, WithdrawForm)
    return dossier_form(
        request,
        form,
        dossier=document.dossier,
        title=f"Document '{document.original_name}' intrekken",
        save=lambda data: submit(
            form,
            casework.document_withdraw,
            {"withdraw_reason": "reason"},
            actor=request.user,
            document_id=document.pk,
            reason=data["reason"],
        ),
    )
