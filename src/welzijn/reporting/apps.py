from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class ReportingConfig(AppConfig):
    name = "welzijn.reporting"
    verbose_name = "Rapportage"

    def ready(self) -> None:
        # every app's measures.py registers the indicator kinds it computes (`measures`)
        autodiscover_modules("measures")
        from .indicators import INDICATORS, Kind
        from .measures import MEASURES

        unknown = sorted({i.kind for i in INDICATORS} - set(Kind) - set(MEASURES))
        if unknown:
            from django.core.exceptions import ImproperlyConfigured

            raise ImproperlyConfigured(f"indicatoren met een onbekende maat: {unknown}")
