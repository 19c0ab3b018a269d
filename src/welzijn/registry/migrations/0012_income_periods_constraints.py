"""Incomes as periods, last step: the year columns go, the period's constraints come."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("registry", "0011_income_periods_data")]

    operations = [
        migrations.RemoveField(model_name="income", name="year"),
        migrations.RemoveField(model_name="income", name="gross_taxable"),
        migrations.RemoveField(model_name="income", name="net"),
        migrations.RemoveField(model_name="income", name="legacy_source"),
        migrations.AlterField(
            model_name="income",
            name="start_date",
            field=models.DateField(verbose_name="vanaf"),
        ),
        migrations.AlterField(
            model_name="income",
            name="per",
            field=models.CharField(
                choices=[("maand", "per maand"), ("jaar", "per jaar")],
                max_length=5,
                verbose_name="per",
            ),
        ),
        migrations.AlterField(
            model_name="income",
            name="source",
            field=models.CharField(
                choices=[
                    ("attest", "attest"),
                    ("ksz", "KSZ/Kruispuntbank"),
                    ("aanslagbiljet", "aanslagbiljet"),
                    ("loonfiche", "loonfiche"),
                    ("eigen_verklaring", "eigen verklaring"),
                    ("ander", "ander"),
                ],
                max_length=20,
                verbose_name="bron",
            ),
        ),
        migrations.AlterModelOptions(
            name="income",
            options={
                "ordering": ["person", "-start_date"],
                "verbose_name": "inkomen",
                "verbose_name_plural": "inkomens",
            },
        ),
        migrations.AddConstraint(
            model_name="income",
            constraint=models.CheckConstraint(
                condition=models.Q(amount_net__isnull=False)
                | models.Q(amount_gross_taxable__isnull=False),
                name="income_has_an_amount",
                violation_error_message="Geef een netto of een bruto belastbaar bedrag.",
            ),
        ),
        migrations.AddConstraint(
            model_name="income",
            constraint=models.CheckConstraint(
                condition=(models.Q(amount_net__isnull=True) | models.Q(amount_net__gte=0))
                & (
                    models.Q(amount_gross_taxable__isnull=True)
                    | models.Q(amount_gross_taxable__gte=0)
                ),
                name="income_not_negative",
                violation_error_message="Een inkomen kan niet negatief zijn.",
            ),
        ),
        migrations.AddConstraint(
            model_name="income",
            constraint=models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="income_end_after_start",
                violation_error_message="De einddatum mag niet voor de begindatum liggen.",
            ),
        ),
        migrations.AddConstraint(
            model_name="income",
            constraint=models.CheckConstraint(
                condition=models.Q(per__in=["maand", "jaar"]), name="income_per_valid"
            ),
        ),
    ]
