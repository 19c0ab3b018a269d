from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "welzijn.retention"
    verbose_name = "Bewaartermijnen en verwerkingsregister"
