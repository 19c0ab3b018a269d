from django.urls import include, path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework.routers import SimpleRouter

from welzijn.api.resources import activities, indicators, meldingen, registry, shelter, subsidies

app_name = "api"

router = SimpleRouter()
router.register("persons", registry.PersonResource, basename="person")
router.register("households", registry.HouseholdResource, basename="household")
router.register("meldingen", meldingen.MeldingResource, basename="melding")
router.register("activities", activities.ActivityResource, basename="activity")
router.register("stays", shelter.StayResource, basename="stay")
router.register("nights", shelter.NightResource, basename="night")
router.register(
    "subsidy-applications", subsidies.ApplicationResource, basename="subsidy-application"
)
router.register("indicators", indicators.IndicatorResource, basename="indicator")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
    path("", include(router.urls)),
]
