from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "welzijn.webhooks"
    verbose_name = "Webhooks"
