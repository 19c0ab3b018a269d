"""The decision letter (PDF): what was decided, the amount, the motivation, how it is paid
and what the applicant owes in return, with the regulation it rests on."""

from django.template.loader import render_to_string

from welzijn.subsidies.models import Application

DECIDED = (Application.Status.REFUSED, *Application.GRANTED_STATES)


def letter_filename(application: Application) -> str:
    return f"beslissing-{application.call.scheme.code}-{application.number or application.pk}.pdf"


def letter_html(application: Application) -> str:
    return render_to_string(
        "subsidies/letter.html",
        {
            "a": application,
            "granted": application.status != Application.Status.REFUSED,
            "rules": application.call.scheme.ruleset(),
            "lines": list(application.lines.all()),
        },
    )


def letter_pdf(application: Application) -> bytes:
    from weasyprint import HTML

    return HTML(string=letter_html(application)).write_pdf()
