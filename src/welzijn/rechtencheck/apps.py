from django.apps import AppConfig


class RechtencheckConfig(AppConfig):
    name = "welzijn.rechtencheck"
    label = "rechtencheck"
    verbose_name = "Rechtencheck"
    default_auto_field = "django.db.models.BigAutoField"
