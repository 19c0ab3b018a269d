import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0005_address_street_trigram_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="household",
            name="extern_id",
            field=models.CharField(
                blank=True,
                help_text="Nummer in het systeem waaruit dit record geïmporteerd werd.",
                max_length=64,
                null=True,
                unique=True,
                verbose_name="extern id",
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="extern_id",
            field=models.CharField(
                blank=True,
                help_text="Nummer in het systeem waaruit dit record geïmporteerd werd.",
                max_length=64,
                null=True,
                unique=True,
                verbose_name="extern id",
            ),
        ),
        migrations.CreateModel(
            name="Street",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=150, verbose_name="naam")),
                ("search_key", models.CharField(editable=False, max_length=150)),
                (
                    "postcode",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        to="registry.postcode",
                        verbose_name="postcode",
                    ),
                ),
                (
                    "wijk",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        to="registry.wijk",
                        verbose_name="wijk",
                    ),
                ),
            ],
            options={
                "verbose_name": "straat",
                "verbose_name_plural": "straten",
                "ordering": ["name", "postcode"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("name", "postcode"), name="street_unique_per_postcode"
                    ),
                    models.UniqueConstraint(
                        fields=("search_key", "postcode"),
                        name="street_key_unique_per_postcode",
                        violation_error_message="Deze straat staat al in de stratenlijst bij deze postcode.",
                    ),
                ],
            },
        ),
    ]
