"""The processing register (GDPR art. 30) for the beheerder and the DPO: each processing
with its purpose, legal basis, categories of data and persons, recipients and the retention
of its records, read from the same rules the retention run applies."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import render

from welzijn.core.roles import Role, roles_of
from welzijn.retention.models import ProcessingActivity, RetentionRule

REGISTER_ROLES = frozenset({Role.BEHEERDER, Role.DPO})


def access_register(user) -> None:
    """The register holds no personal data: a refusal is a plain 403."""
    if not roles_of(user) & REGISTER_ROLES:
        raise PermissionDenied("Het verwerkingsregister is er voor de beheerder en de DPO.")


@login_required
def register(request):
    access_register(request.user)
    rules = RetentionRule.objects.filter(active=True).order_by("model", "code")
    activities = ProcessingActivity.objects.prefetch_related(Prefetch("rules", queryset=rules))
    return render(request, "retention/register.html", {"activities": activities})
