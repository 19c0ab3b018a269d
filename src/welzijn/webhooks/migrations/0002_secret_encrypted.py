"""The subscriptions' signing secrets encrypted at rest (welzijn.webhooks.secrets_box)."""

from django.db import migrations, models


def encrypt(apps, schema_editor):
    from welzijn.webhooks.secrets_box import encrypt

    Subscription = apps.get_model("webhooks", "Subscription")
    for subscription in Subscription.objects.all():
        subscription.secret_encrypted = encrypt(subscription.secret)
        subscription.save(update_fields=["secret_encrypted"])


class Migration(migrations.Migration):
    dependencies = [("webhooks", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="subscription",
            name="secret_encrypted",
            field=models.TextField(default="", editable=False, verbose_name="geheim (versleuteld)"),
            preserve_default=False,
        ),
        migrations.RunPython(encrypt, migrations.RunPython.noop),
        migrations.RemoveField(model_name="subscription", name="secret"),
    ]
