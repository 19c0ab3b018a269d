"""Writes of monthly figures and external figures: access-checked, validated, atomic,
audited in the same transaction. An import is all or nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from welzijn.core.audit import audit_record
from welzijn.core.validation import check_dates_plausible, require, validate_and_save
from welzijn.outputs.access import (
    access_external_figures,
    access_monthly_output,
    access_output_kind,
)
from welzijn.outputs.models import ExternalFigure, MonthlyOutput, OutputKind

#: What a correction may change.
CORRECTABLE = ("quantity", "source", "note")


def _check_month(kind: OutputKind, month: dt.date, quantity: Decimal) -> None:
    require(month.day == 1, "month", "Een maandcijfer hoort bij een maand (de eerste dag).")
    today = timezone.localdate()
    require(
        month <= today.replace(day=1),
        "month",
        f"{month:%m/%Y} ligt in de toekomst: een maandcijfer registreert u na de maand.",
    )
    probe = MonthlyOutput(month=month)
    check_dates_plausible(probe, "month")
    require(
        kind.decimals or quantity == quantity.to_integral_value(),
        "quantity",
        f"‘{kind.unit}’ telt in gehele getallen.",
    )


@transaction.atomic
def output_register(
    *,
    actor,
    kind: OutputKind,
    month: dt.date,
    quantity: Decimal,
    source: str,
    note: str = "",
) -> MonthlyOutput:
    """Register the team's figure of one month (one per kind and month)."""
    access_output_kind(actor, kind)
    quantity = Decimal(quantity)
    require(kind.active, "kind", f"‘{kind}’ wordt niet meer gerapporteerd.")
    _check_month(kind, month, quantity)
    require(
        not MonthlyOutput.objects.valid().filter(kind=kind, month=month).exists(),
        "month",
        f"Voor {month:%m/%Y} is al een cijfer van ‘{kind}’ geregistreerd: corrigeer dat.",
    )
    output = validate_and_save(
        MonthlyOutput(
            kind=kind,
            month=month,
            quantity=quantity,
            source=source.strip(),
            note=note.strip(),
            registered_by=actor,
        )
    )
    audit_record(
        actor=actor,
        action="create",
        obj=output,
        detail={"kind": kind.pk, "month": month.isoformat(), "quantity": str(quantity)},
    )
    return output


@transaction.atomic
def output_correct(*, actor, output_id: int, reason: str, **changes) -> MonthlyOutput:
    """Correct a figure (its number, source or note) with a reason; before and after are
    in the audit trail."""
    output = MonthlyOutput.objects.select_for_update().select_related("kind").get(pk=output_id)
    access_monthly_output(actor, output)
    require(not output.is_cancelled, "__all__", "Dit cijfer werd geannuleerd.")
    require(bool(reason.strip()), "reason", "Geef de reden van de correctie.")
    unknown = set(changes) - set(CORRECTABLE)
    require(not unknown, "__all__", f"Onbekende velden: {', '.join(sorted(unknown))}.")
    before = {name: str(getattr(output, name)) for name in changes}
    for name, value in changes.items():
        setattr(output, name, value.strip() if isinstance(value, str) else value)
    _check_month(output.kind, output.month, output.quantity)
    validate_and_save(output)
    after = {name: str(getattr(output, name)) for name in changes}
    changed = sorted(n for n in changes if before[n] != after[n])
    audit_record(
        actor=actor,
        action="update",
        obj=output,
        reason=reason.strip(),
        detail={
            "changed": changed,
            "before": {n: before[n] for n in changed},
            "after": {n: after[n] for n in changed},
        },
    )
    return output


@transaction.atomic
def output_cancel(*, actor, output_id: int, reason: str) -> MonthlyOutput:
    """A figure registered in error: cancelled with a reason, left out of the report."""
    output = MonthlyOutput.objects.select_for_update().select_related("kind").get(pk=output_id)
    access_monthly_output(actor, output)
    require(not output.is_cancelled, "cancel_reason", "Dit werd al geannuleerd.")
    require(bool(reason.strip()), "cancel_reason", "Geef een reden van annulering.")
    output.cancelled_at, output.cancelled_by = timezone.now(), actor
    output.cancel_reason = reason.strip()
    validate_and_save(output)
    audit_record(
        actor=actor, action="update", obj=output, reason=reason.strip(), detail={"cancelled": True}
    )
    return output


@dataclass(frozen=True)
class ImportRow:
    """One parsed line of an import (``line`` as the user sees it in the file)."""

    line: int
    kind: OutputKind
    month: dt.date
    quantity: Decimal
    source: str
    note: str


@transaction.atomic
def outputs_import(*, actor, rows: list[ImportRow], filename: str) -> list[MonthlyOutput]:
    """Register every line of a file, or none: the first refusal names its line and field,
    and nothing of the file stays written."""
    require(bool(rows), "file", "Het bestand bevat geen regels met cijfers.")
    seen: dict[tuple[int, dt.date], int] = {}
    written = []
    for row in rows:
        first = seen.setdefault((row.kind.pk, row.month), row.line)
        require(
            first == row.line,
            "file",
            f"Regel {row.line}, veld ‘maand’: {row.month:%m/%Y} van ‘{row.kind}’ staat ook op "
            f"regel {first}.",
        )
        try:
            written.append(
                output_register(
                    actor=actor,
                    kind=row.kind,
                    month=row.month,
                    quantity=row.quantity,
                    source=row.source,
                    note=row.note,
                )
            )
        except ValidationError as exc:
            raise ValidationError({"file": line_errors(row.line, exc)}) from exc
    audit_record(
        actor=actor,
        action="load",
        object_type="outputs.monthlyoutput",
        detail={"file": filename[:100], "rows": len(written)},
    )
    return written


#: The column names of the import file, per field of the model.
COLUMNS = {
    "kind": "dienst",
    "month": "maand",
    "quantity": "aantal",
    "source": "bron",
    "note": "opmerking",
    "__all__": "regel",
}


def line_errors(line: int, exc: ValidationError) -> list[str]:
    """‘Regel 4, veld ‘aantal’: …’ for each message of a service's refusal."""
    if not hasattr(exc, "error_dict"):
        return [f"Regel {line}: {m}" for m in exc.messages]
    out = []
    for field, errors in exc.message_dict.items():
        column = COLUMNS.get(field, field)
        where = f"Regel {line}" if column == "regel" else f"Regel {line}, veld ‘{column}’"
        out.extend(f"{where}: {m}" for m in errors)
    return out


@transaction.atomic
def external_figure_register(
    *,
    actor,
    key: str,
    year: int,
    value: Decimal,
    source: str,
    source_date: dt.date,
    url: str = "",
) -> ExternalFigure:
    """An analist registers a figure of outside statistics with its source."""
    access_external_figures(actor)
    require(
        not ExternalFigure.objects.valid().filter(key=key, year=year).exists(),
        "year",
        f"Voor {year} is dit cijfer al geregistreerd: annuleer het eerst.",
    )
    figure = ExternalFigure(
        key=key,
        year=year,
        value=value,
        source=source.strip(),
        source_date=source_date,
        url=url.strip(),
        registered_by=actor,
    )
    check_dates_plausible(figure, "source_date")
    validate_and_save(figure)
    audit_record(actor=actor, action="create", obj=figure, detail={"key": key, "year": year})
    return figure


@transaction.atomic
def external_figure_cancel(*, actor, figure_id: int, reason: str) -> ExternalFigure:
    access_external_figures(actor)
    figure = ExternalFigure.objects.select_for_update().get(pk=figure_id)
    require(not figure.is_cancelled, "cancel_reason", "Dit werd al geannuleerd.")
    require(bool(reason.strip()), "cancel_reason", "Geef een reden van annulering.")
    figure.cancelled_at, figure.cancelled_by = timezone.now(), actor
    figure.cancel_reason = reason.strip()
    validate_and_save(figure)
    audit_record(
        actor=actor, action="update", obj=figure, reason=reason.strip(), detail={"cancelled": True}
    )
    return figure
