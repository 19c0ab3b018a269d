"""Every income of a calendar year becomes the period 1 January - 31 December of that year,
per year; its free-text source becomes a source of the list (kept in full as the proof)."""

import datetime as dt

from django.db import migrations

#: words in the old free-text source -> the source of the list
SOURCE_WORDS = [
    ("ksz", "ksz"),
    ("kruispunt", "ksz"),
    ("aanslag", "aanslagbiljet"),
    ("aangifte", "aanslagbiljet"),
    ("loonfiche", "loonfiche"),
    ("attest", "attest"),
    ("verklaring", "eigen_verklaring"),
]


def source_of(text: str) -> str:
    folded = text.lower()
    return next((source for word, source in SOURCE_WORDS if word in folded), "ander")


def forwards(apps, schema_editor):
    Income = apps.get_model("registry", "Income")
    batch = []
    for income in Income.objects.all().iterator(chunk_size=2000):
        income.start_date = dt.date(income.year, 1, 1)
        income.end_date = dt.date(income.year, 12, 31)
        income.per = "jaar"
        income.amount_net = income.net
        income.amount_gross_taxable = income.gross_taxable
        income.source = source_of(income.legacy_source)
        income.proof = income.legacy_source[:200]
        batch.append(income)
        if len(batch) == 2000:
            _save(Income, batch)
            batch = []
    _save(Income, batch)


def _save(Income, batch):
    fields = ["start_date", "end_date", "per", "amount_net", "amount_gross_taxable"]
    Income.objects.bulk_update(batch, [*fields, "source", "proof"])


def backwards(apps, schema_editor):
    """Back to calendar years: the year a period starts in, amounts per year."""
    Income = apps.get_model("registry", "Income")
    for income in Income.objects.all().iterator(chunk_size=2000):
        factor = 12 if income.per == "maand" else 1
        income.year = income.start_date.year
        income.net = (income.amount_net or 0) * factor
        income.gross_taxable = (income.amount_gross_taxable or 0) * factor
        income.legacy_source = income.proof[:100]
        income.save()


class Migration(migrations.Migration):
    dependencies = [("registry", "0010_income_periods_schema")]

    operations = [migrations.RunPython(forwards, backwards)]
