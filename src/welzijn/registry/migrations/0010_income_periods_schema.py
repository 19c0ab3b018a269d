"""Incomes become periods (first step: the new columns next to the old ones); statuses get
a source and a proof; households get an address history."""

import django.db.models.deletion
from django.db import migrations, models

SOURCES = [
    ("attest", "attest"),
    ("ksz", "KSZ/Kruispuntbank"),
    ("aanslagbiljet", "aanslagbiljet"),
    ("loonfiche", "loonfiche"),
    ("eigen_verklaring", "eigen verklaring"),
    ("ander", "ander"),
]


class Migration(migrations.Migration):
    dependencies = [("registry", "0009_person_search_key_and_merge")]

    operations = [
        migrations.RemoveConstraint(model_name="income", name="income_unique_per_category"),
        migrations.RemoveConstraint(model_name="income", name="income_not_negative"),
        migrations.RenameField(model_name="income", old_name="source", new_name="legacy_source"),
        migrations.AddField(
            model_name="income",
            name="amount_net",
            field=models.DecimalField(
                blank=True,
                decimal_places=2,
                max_digits=12,
                null=True,
                verbose_name="netto bedrag (EUR)",
            ),
        ),
        migrations.AddField(
            model_name="income",
            name="amount_gross_taxable",
            field=models.DecimalField(
                blank=True,
                decimal_places=2,
                max_digits=12,
                null=True,
                verbose_name="bruto belastbaar bedrag (EUR)",
            ),
        ),
        migrations.AddField(
            model_name="income",
            name="per",
            field=models.CharField(
                choices=[("maand", "per maand"), ("jaar", "per jaar")],
                default="jaar",
                max_length=5,
                verbose_name="per",
            ),
        ),
        migrations.AddField(
            model_name="income",
            name="start_date",
            field=models.DateField(null=True, verbose_name="vanaf"),
        ),
        migrations.AddField(
            model_name="income",
            name="end_date",
            field=models.DateField(blank=True, null=True, verbose_name="tot en met"),
        ),
        migrations.AddField(
            model_name="income",
            name="source",
            field=models.CharField(
                choices=SOURCES, default="ander", max_length=20, verbose_name="bron"
            ),
        ),
        migrations.AddField(
            model_name="income",
            name="proof",
            field=models.CharField(
                blank=True,
                default="",
                help_text="bv. nummer van het attest",
                max_length=200,
                verbose_name="bewijs",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="socialstatus",
            name="source",
            field=models.CharField(
                choices=SOURCES, default="ander", max_length=20, verbose_name="bron"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="socialstatus",
            name="proof",
            field=models.CharField(
                blank=True,
                default="",
                help_text="bv. nummer van het attest",
                max_length=200,
                verbose_name="bewijs",
            ),
            preserve_default=False,
        ),
        migrations.CreateModel(
            name="HouseholdAddress",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("start_date", models.DateField(blank=True, null=True, verbose_name="vanaf")),
                ("end_date", models.DateField(blank=True, null=True, verbose_name="tot en met")),
                (
                    "address",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="registry.address",
                        verbose_name="adres",
                    ),
                ),
                (
                    "household",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="addresses",
                        to="registry.household",
                        verbose_name="huishouden",
                    ),
                ),
            ],
            options={
                "verbose_name": "adres van een huishouden",
                "verbose_name_plural": "adressen van huishoudens",
                "ordering": ["household", "-end_date"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(end_date__isnull=True)
                        | models.Q(start_date__isnull=True)
                        | models.Q(end_date__gte=models.F("start_date")),
                        name="household_address_end_after_start",
                        violation_error_message="De einddatum mag niet voor de begindatum liggen.",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(end_date__isnull=True),
                        fields=("household",),
                        name="household_one_current_address",
                        violation_error_message="Een huishouden heeft maar één huidig adres.",
                    ),
                ],
            },
        ),
    ]
