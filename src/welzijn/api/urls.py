import threading

from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_replace
from django.urls import include, path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework.routers import SimpleRouter

from welzijn.api.resources import (
    activities,
    casework,
    dossier_records,
    indicators,
    meldingen,
    registry,
    shelter,
    subsidies,
)

app_name = "api"

router = SimpleRouter()
router.register("persons", registry.PersonResource, basename="person")
router.register("households", registry.HouseholdResource, basename="household")
router.register("dossiers", casework.DossierResource, basename="dossier")
router.register("contacts", dossier_records.ContactResource, basename="contact")
router.register("trajectories", dossier_records.TrajectoryResource, basename="trajectory")
router.register("interventions", dossier_records.InterventionResource, basename="intervention")
router.register("decisions", dossier_records.DecisionResource, basename="decision")
router.register("findings", casework.FindingResource, basename="finding")
router.register("meldingen", meldingen.MeldingResource, basename="melding")
router.register("activities", activities.ActivityResource, basename="activity")
router.register("stays", shelter.StayResource, basename="stay")
router.register("nights", shelter.NightResource, basename="night")
router.register(
    "subsidy-applications", subsidies.ApplicationResource, basename="subsidy-application"
)
router.register("indicators", indicators.IndicatorResource, basename="indicator")

#: Swagger UI and Redoc (from our static files) set inline styles and use data: icons; their
#: scripts stay our own files (the split view serves Swagger's initialiser as a file).
docs_csp = csp_replace({"style-src": [SELF, UNSAFE_INLINE], "img-src": [SELF, "data:"]})


class SchemaView(SpectacularAPIView):
    """drf-spectacular loads its extensions lazily on the first schema, and two threads doing
    that at once fail (a gthread worker's first requests): one schema at a time."""

    lock = threading.Lock()
    schema = None  # the schema's own view is not an operation of the schema

    def get(self, request, *args, **kwargs):
        with self.lock:
            return super().get(request, *args, **kwargs)


urlpatterns = [
    path("schema/", SchemaView.as_view(), name="schema"),
    path(
        "docs/", docs_csp(SpectacularSwaggerSplitView.as_view(url_name="api:schema")), name="docs"
    ),
    path(
        "redoc/",
        docs_csp(
            SpectacularRedocView.as_view(url_name="api:schema", template_name="api/redoc.html")
        ),
        name="redoc",
    ),
    path("", include(router.urls)),
]
