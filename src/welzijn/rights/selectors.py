"""Reads of screening findings: the worklist of a user's offices, one finding, the
findings of a household. Each applies the rule of `access_finding`."""

from django.db import transaction
from django.db.models import Max, OuterRef, Q, QuerySet, Subquery

from welzijn.casework.access import office_ids_of
from welzijn.casework.models import Dossier, Intervention
from welzijn.core.access import Intent
from welzijn.core.audit import audit_record
from welzijn.core.models import AuditEvent
from welzijn.core.roles import CASEWORK_ROLES, Role, roles_of
from welzijn.registry.access import hidden_household_ids
from welzijn.registry.models import HouseholdMembership, Income, SocialStatus
from welzijn.rights.access import access_finding
from welzijn.rights.models import Finding, ScreeningRun
from welzijn.rights.snapshots import with_explanations


def findings_visible_to(user) -> QuerySet[Finding]:
    """The same rule as access_finding(VIEW), as a queryset filter."""
    roles = roles_of(user)
    if Role.BEHEERDER in roles:
        findings = Finding.objects.all()
    elif not roles & CASEWORK_ROLES:
        return Finding.objects.none()
    else:
        findings = Finding.objects.filter(office_id__in=office_ids_of(user))
    return findings.exclude(household_id__in=hidden_household_ids(user))


def _with_dossier_id(findings: QuerySet[Finding]) -> QuerySet[Finding]:
    """Annotate `dossier_id`: the household's open dossier at the finding's office, if any."""
    return findings.annotate(
        dossier_id=Subquery(
            Dossier.objects.filter(
                household=OuterRef("household"),
                office=OuterRef("office"),
                status=Dossier.Status.OPEN,
            ).values("pk")[:1]
        )
    )


#: worklist order key -> (Dutch label, order_by)
WORKLIST_ORDERS = {
    "oudste": ("oudste bevinding eerst", ("reference_date", "right", "household_id")),
    "nieuwste": ("nieuwste bevinding eerst", ("-reference_date", "right", "household_id")),
    "bedrag": ("hoogste bedrag eerst", ("-amount", "-reference_date", "household_id")),
    "recht": ("recht", ("right", "-reference_date", "household_id")),
    "wijk": ("wijk", ("household__address__wijk__name", "-reference_date", "household_id")),
}


def worklist(
    user,
    *,
    right: str = "",
    wijk_id: int | None = None,
    order: str = "nieuwste",
    limit: int = 200,
) -> list[Finding]:
    """Open 'entitled but does not receive' findings of the user's offices, optionally of one
    right or one wijk (the household's address), in one of `WORKLIST_ORDERS`."""
    if not roles_of(user) & CASEWORK_ROLES:
        return []
    findings = findings_visible_to(user).filter(
        office_id__in=office_ids_of(user),
        outcome=Finding.Outcome.UNDERPROTECTED,
        review=Finding.Review.OPEN,
    )
    if right:
        findings = findings.filter(right=right)
    if wijk_id is not None:
        findings = findings.filter(household__address__wijk_id=wijk_id)
    order_by = WORKLIST_ORDERS.get(order, WORKLIST_ORDERS["nieuwste"])[1]
    return with_explanations(
        list(
            _with_dossier_id(findings)
            .select_related("household__address__wijk", "person", "office")
            .order_by(*order_by)[:limit]
        )
    )


@transaction.atomic
def finding_get(*, user, finding_id: int, intent: Intent = Intent.VIEW, reason: str = ""):
    """One finding with its explanation: access-checked before anything else (a refused and
    a missing id answer alike), and the read is audited."""
    finding = access_finding(
        user,
        _with_dossier_id(Finding.objects.select_related("household", "person", "intervention")).get(
            pk=finding_id
        ),
        intent,
    )
    audit_record(actor=user, action="view", obj=finding, reason=reason)
    return with_explanations([finding])[0]


def household_findings(user, household_id: int) -> list[Finding]:
    """The household's findings of its latest screening that the user may see (those of
    the user's offices), with their explanations. The caller audits the page they are on."""
    findings = list(
        findings_visible_to(user)
        .filter(household_id=household_id)
        .exclude(outcome=Finding.Outcome.NOT_ENTITLED)
        .select_related("person")
        .order_by("-reference_date", "right")
    )
    latest = findings[0].reference_date if findings else None
    return with_explanations([f for f in findings if f.reference_date == latest])


#: audit actions that register or change something (not reads)
_WRITES = (
    AuditEvent.Action.CREATE,
    AuditEvent.Action.UPDATE,
    AuditEvent.Action.DELETE,
    AuditEvent.Action.TRANSITION,
)


def last_registration(household_id: int):
    """When something the screening reads about the household was last registered: the
    household, its memberships, its members and their incomes and social statuses, the
    interventions in its dossiers except the grants of findings themselves (from the audit
    trail, which every write goes through)."""
    memberships = HouseholdMembership.objects.filter(household_id=household_id)
    person_ids = list(memberships.values_list("person_id", flat=True))

    def ids(queryset) -> list[str]:
        return [str(pk) for pk in queryset.values_list("pk", flat=True)]

    objects = {
        "registry.household": [str(household_id)],
        "registry.person": [str(pk) for pk in person_ids],
        "registry.householdmembership": ids(memberships),
        "registry.income": ids(Income.objects.filter(person_id__in=person_ids)),
        "registry.socialstatus": ids(
            SocialStatus.objects.filter(Q(person_id__in=person_ids) | Q(household_id=household_id))
        ),
        "casework.intervention": ids(
            Intervention.objects.filter(dossier__household_id=household_id).exclude(
                pk__in=Finding.objects.filter(
                    household_id=household_id, intervention__isnull=False
                ).values("intervention_id")
            )
        ),
    }
    query = Q()
    for object_type, object_ids in objects.items():
        if object_ids:
            query |= Q(object_type=object_type, object_id__in=object_ids)
    return (
        AuditEvent.objects.filter(query, action__in=_WRITES)
        .aggregate(last=Max("occurred_at"))
        .get("last")
    )


def screening_outdated(household_id: int, findings: list[Finding]) -> bool:
    """True when the household's data changed after the screening its findings come from
    ran: the findings may no longer hold until the next screening."""
    if not findings:
        return False
    ran = ScreeningRun.objects.filter(pk__in={f.run_id for f in findings}).aggregate(
        last=Max("started_at")
    )["last"]
    registered = last_registration(household_id)
    return registered is not None and ran is not None and registered > ran
