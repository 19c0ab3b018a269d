"""What happened in a dossier: onthaal contacts, trajectories, interventions and decisions.
Read through the web's querysets and selectors, written through its casework services
(`contact_register`, `trajectory_start`, `trajectory_transition`, `intervention_register`,
`intervention_correct`, `decision_record`, `decision_hearing_record`,
`decision_appeal_record`, the `*_cancel` functions): the same checks, Dutch messages per
field, one transaction and audit event. A change of an existing record (PATCH, a
transition, a cancellation) needs the ETag the client read in If-Match."""

import datetime as dt

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action

from welzijn.api.resource import Creatable, Resource, Updatable
from welzijn.api.serializers import read_only_serializer
from welzijn.casework import selectors
from welzijn.casework import services as casework
from welzijn.casework.access import contacts_visible_to, dossiers_visible_to
from welzijn.casework.models import (
    CANCEL_REASON_MAX_LENGTH,
    MOTIVATION_MAX_LENGTH,
    Contact,
    Decision,
    Intervention,
    Office,
    Trajectory,
)
from welzijn.catalog.models import Outcome, Service
from welzijn.core.access import Intent
from welzijn.core.validation import require
from welzijn.registry import selectors as registry_selectors
from welzijn.registry.models import HouseholdMembership, Organisation, Person

D = dt.date
CANCELLED = ["cancelled_at", "cancel_reason"]


ContactSerializer = read_only_serializer(
    Contact,
    [
        "office",
        "occurred_on",
        "channel",
        "person",
        "household",
        "dossier",
        "service",
        "outcome",
        *CANCELLED,
    ],
)
TrajectorySerializer = read_only_serializer(
    Trajectory,
    [
        "dossier",
        "person",
        "service",
        "status",
        "start_date",
        "planned_end_date",
        "end_date",
        "outcome",
    ],
)
InterventionSerializer = read_only_serializer(
    Intervention,
    ["dossier", "person", "service", "date", "amount", "quantity", "unit", "decision", *CANCELLED],
)
DecisionSerializer = read_only_serializer(
    Decision,
    [
        "dossier",
        "person",
        "service",
        "outcome",
        "decided_on",
        "hearing_requested_on",
        "hearing_held_on",
        "appeal_lodged_on",
        "appeal_outcome",
        *CANCELLED,
    ],
)

# --- input ---------------------------------------------------------------------------------


def _id(help_text: str, **kwargs):
    return serializers.IntegerField(min_value=1, max_value=2**62, help_text=help_text, **kwargs)


def _person_field():
    return _id(
        "een lid van het huishouden; leeg: het hele huishouden", required=False, allow_null=True
    )


def _outcome_field(applies_to: str, **kwargs):
    return serializers.PrimaryKeyRelatedField(
        queryset=Outcome.objects.filter(applies_to=applies_to, active=True), **kwargs
    )


def _amount(help_text: str):
    return serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True, help_text=help_text
    )


class ContactInput(serializers.Serializer):
    office = serializers.PrimaryKeyRelatedField(queryset=Office.objects.all())
    occurred_on = serializers.DateField()
    channel = serializers.ChoiceField(choices=Contact.Channel.choices)
    reason = serializers.CharField(max_length=500, help_text="de vraag")
    person = _id("wie kwam", required=False, allow_null=True)
    household = _id(
        "het huishouden (standaard dat van de persoon)", required=False, allow_null=True
    )
    service = serializers.PrimaryKeyRelatedField(
        queryset=Service.objects.filter(active=True), required=False, allow_null=True
    )
    outcome = _outcome_field(Outcome.AppliesTo.CONTACT, required=False, allow_null=True)
    referred_to = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    open_dossier = serializers.BooleanField(default=False)


class TrajectoryInput(serializers.Serializer):
    dossier = _id("het dossier")
    service = serializers.PrimaryKeyRelatedField(queryset=Service.objects.all())
    person = _person_field()
    start_date = serializers.DateField()
    planned_end_date = serializers.DateField(required=False, allow_null=True)
    planned = serializers.BooleanField(default=False, help_text="nog niet gestart")


class TrajectoryTransitionInput(serializers.Serializer):
    to = serializers.ChoiceField(choices=Trajectory.Status.choices)
    on = serializers.DateField()
    outcome = _outcome_field(Outcome.AppliesTo.TRAJECTORY, required=False, allow_null=True)
    reason = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class InterventionInput(serializers.Serializer):
    dossier = _id("het dossier")
    service = serializers.PrimaryKeyRelatedField(queryset=Service.objects.all())
    person = _person_field()
    date = serializers.DateField()
    amount = _amount("in EUR")
    quantity = _amount("in de eenheid van de dienst")
    decision = _id("de toekenning waarop ze steunt", required=False, allow_null=True)
    confirmed_above_ceiling = serializers.BooleanField(
        default=False, help_text="een bedrag boven het plausibele maximum van de dienst klopt"
    )
    reason = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class InterventionCorrection(serializers.Serializer):
    date = serializers.DateField(required=False)
    amount = _amount("in EUR")
    quantity = _amount("in de eenheid van de dienst")
    person = _person_field()
    reason = serializers.CharField(max_length=300, help_text="waarom ze gecorrigeerd wordt")
    confirmed_above_ceiling = serializers.BooleanField(default=False)


class DecisionInput(serializers.Serializer):
    dossier = _id("het dossier")
    service = serializers.PrimaryKeyRelatedField(queryset=Service.objects.all())
    person = _person_field()
    outcome = serializers.ChoiceField(choices=Decision.Result.choices)
    motivation = serializers.CharField(max_length=MOTIVATION_MAX_LENGTH)
    decided_on = serializers.DateField()


class DecisionFollowUp(serializers.Serializer):
    """The hearing and the appeal after a decision."""

    hearing_requested_on = serializers.DateField(required=False)
    hearing_held_on = serializers.DateField(required=False, allow_null=True)
    appeal_lodged_on = serializers.DateField(required=False)
    appeal_outcome = serializers.ChoiceField(choices=Decision.AppealOutcome.choices, required=False)


class CancelInput(serializers.Serializer):
    reason = serializers.CharField(max_length=CANCEL_REASON_MAX_LENGTH)


# --- helpers -------------------------------------------------------------------------------


def _member(household_id: int, person_id: int | None, field: str = "person") -> Person | None:
    """A person given by id, who must be (or have been) a member of the household: the
    web's forms offer only its members, and a stranger is not named in the message."""
    if person_id is None:
        return None
    membership = (
        HouseholdMembership.objects.filter(household_id=household_id, person_id=person_id)
        .select_related("person")
        .first()
    )
    require(membership is not None, field, "Deze persoon is geen lid van het huishouden.")
    return membership.person


def _dossier_for_edit(request, dossier_id: int):
    """As the web's forms: the dossier through its selector (access for EDIT, audited)."""
    return selectors.dossier_get(
        user=request.user, dossier_id=dossier_id, intent=Intent.EDIT, reason="api"
    )


def _in_visible_dossiers(model, request):
    return model.objects.filter(dossier__in=dossiers_visible_to(request.user).values("pk"))


_DOSSIER_FILTERS = {
    "dossier": ("dossier_id", int),
    "office": ("dossier__office_id", int),
    "service": ("service_id", int),
    "wijk": ("dossier__household__address__wijk_id", int),
}
_CANCEL_FIELDS = {"cancel_reason": "reason"}


def _cancel_schema(serializer):
    return extend_schema(
        request=CancelInput,
        responses=serializer,
        summary="Annuleren (ingevoerd bij vergissing; If-Match verplicht)",
    )


def _writes(noun: str, serializer, create_input, update_input=None):
    views = {
        "create": extend_schema(
            request=create_input, responses={201: serializer}, summary=f"{noun} registreren"
        )
    }
    if update_input is not None:
        views["partial_update"] = extend_schema(
            request=update_input,
            responses=serializer,
            summary=f"{noun} wijzigen (If-Match verplicht)",
        )
    return extend_schema_view(**views)


# --- resources -----------------------------------------------------------------------------


@_writes("Een onthaalcontact", ContactSerializer, ContactInput)
class ContactResource(Creatable, Resource):
    resource = "contacts"
    serializer_class = ContactSerializer
    create_serializer_class = ContactInput
    queryset = Contact.objects.none()
    filter_fields = {
        "office": ("office_id", int),
        "service": ("service_id", int),
        "from": ("occurred_on__gte", D),
        "to": ("occurred_on__lte", D),
    }
    ordering_fields = ["id", "occurred_on"]

    def visible(self, request):
        return contacts_visible_to(request.user)

    def fetch(self, request, pk, intent, lock=False):
        return selectors.contact_get(user=request.user, contact_id=pk, intent=intent, reason="api")

    def create_object(self, request, data):
        """As the web's onthaal form: the person and household through their selectors."""
        user = request.user
        person = household = None
        if data.get("person"):
            person = registry_selectors.person_get(
                user=user, person_id=data["person"], reason="onthaalcontact"
            )
        if data.get("household"):
            household = registry_selectors.household_get(
                user=user, household_id=data["household"], reason="onthaalcontact"
            )
        outcome = data.get("outcome")
        return casework.contact_register(
            actor=user,
            office=data["office"],
            occurred_on=data["occurred_on"],
            channel=data["channel"],
            reason=data["reason"],
            outcome=outcome.code if outcome else "",
            person=person,
            household=household,
            service=data.get("service"),
            referred_to=data.get("referred_to"),
            open_dossier=data["open_dossier"],
        )

    @_cancel_schema(ContactSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        reason = self.valid_input(CancelInput)["reason"]
        return self.change(
            request,
            lambda contact: casework.contact_cancel(
                actor=request.user, contact_id=contact.pk, reason=reason
            ),
            _CANCEL_FIELDS,
        )


@extend_schema_view(
    transition=extend_schema(
        request=TrajectoryTransitionInput,
        responses=TrajectorySerializer,
        summary="Starten, afronden, stopzetten of annuleren (If-Match verplicht)",
    )
)
@_writes("Een traject", TrajectorySerializer, TrajectoryInput)
class TrajectoryResource(Creatable, Resource):
    resource = "trajectories"
    serializer_class = TrajectorySerializer
    create_serializer_class = TrajectoryInput
    queryset = Trajectory.objects.none()
    filter_fields = {
        **_DOSSIER_FILTERS,
        "status": ("status", str),
        "from": ("start_date__gte", D),
        "to": ("start_date__lte", D),
    }
    ordering_fields = ["id", "start_date", "end_date"]

    def visible(self, request):
        return _in_visible_dossiers(Trajectory, request)

    def fetch(self, request, pk, intent, lock=False):
        return selectors.trajectory_get(
            user=request.user, trajectory_id=pk, intent=intent, reason="api"
        )

    def create_object(self, request, data):
        dossier = _dossier_for_edit(request, data["dossier"])
        return casework.trajectory_start(
            actor=request.user,
            dossier_id=dossier.pk,
            service=data["service"],
            start_date=data["start_date"],
            person=_member(dossier.household_id, data.get("person")),
            planned_end_date=data.get("planned_end_date"),
            planned=data["planned"],
        )

    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        data = self.valid_input(TrajectoryTransitionInput)
        outcome = data.get("outcome")
        return self.change(
            request,
            lambda trajectory: casework.trajectory_transition(
                actor=request.user,
                trajectory_id=trajectory.pk,
                to=data["to"],
                on=data["on"],
                outcome=outcome.code if outcome else None,
                reason=data["reason"],
            ),
            {"start_date": "on", "status": "to"},
        )


@_writes("Een tussenkomst", InterventionSerializer, InterventionInput, InterventionCorrection)
class InterventionResource(Creatable, Updatable, Resource):
    resource = "interventions"
    serializer_class = InterventionSerializer
    create_serializer_class = InterventionInput
    update_serializer_class = InterventionCorrection
    queryset = Intervention.objects.none()
    filter_fields = {**_DOSSIER_FILTERS, "from": ("date__gte", D), "to": ("date__lte", D)}
    ordering_fields = ["id", "date"]

    def visible(self, request):
        return _in_visible_dossiers(Intervention, request)

    def fetch(self, request, pk, intent, lock=False):
        return selectors.intervention_get(
            user=request.user, intervention_id=pk, intent=intent, reason="api"
        )

    def create_object(self, request, data):
        dossier = _dossier_for_edit(request, data["dossier"])
        decision = None
        if data.get("decision"):
            decision = dossier.decisions.filter(pk=data["decision"]).first()
            require(decision is not None, "decision", "Geen beslissing van dit dossier.")
        return casework.intervention_register(
            actor=request.user,
            dossier_id=dossier.pk,
            service=data["service"],
            date=data["date"],
            amount=data.get("amount"),
            quantity=data.get("quantity"),
            person=_member(dossier.household_id, data.get("person")),
            decision=decision,
            reason=data["reason"],
            confirmed_above_ceiling=data["confirmed_above_ceiling"],
        )

    def update_object(self, request, obj, data):
        changes = {f: data[f] for f in ("date", "amount", "quantity") if f in data}
        if "person" in data:
            changes["person"] = _member(obj.dossier.household_id, data["person"])
        return casework.intervention_correct(
            actor=request.user,
            intervention_id=obj.pk,
            reason=data["reason"],
            confirmed_above_ceiling=data["confirmed_above_ceiling"],
            **changes,
        )

    @_cancel_schema(InterventionSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        reason = self.valid_input(CancelInput)["reason"]
        return self.change(
            request,
            lambda intervention: casework.intervention_cancel(
                actor=request.user, intervention_id=intervention.pk, reason=reason
            ),
            _CANCEL_FIELDS,
        )


@_writes("Een beslissing", DecisionSerializer, DecisionInput, DecisionFollowUp)
class DecisionResource(Creatable, Updatable, Resource):
    resource = "decisions"
    serializer_class = DecisionSerializer
    create_serializer_class = DecisionInput
    update_serializer_class = DecisionFollowUp
    queryset = Decision.objects.none()
    filter_fields = {
        **_DOSSIER_FILTERS,
        "outcome": ("outcome", str),
        "from": ("decided_on__gte", D),
        "to": ("decided_on__lte", D),
    }
    ordering_fields = ["id", "decided_on"]

    def visible(self, request):
        return _in_visible_dossiers(Decision, request)

    def fetch(self, request, pk, intent, lock=False):
        return selectors.decision_get(
            user=request.user, decision_id=pk, intent=intent, reason="api"
        )

    def create_object(self, request, data):
        dossier = _dossier_for_edit(request, data["dossier"])
        return casework.decision_record(
            actor=request.user,
            dossier_id=dossier.pk,
            service=data["service"],
            outcome=data["outcome"],
            motivation=data["motivation"],
            decided_on=data["decided_on"],
            person=_member(dossier.household_id, data.get("person")),
        )

    def update_object(self, request, obj, data):
        """The hearing, the appeal or both, through their services (one transaction)."""
        require(bool(data), "__all__", "Geef de hoorzitting of het beroep.")
        if {"hearing_requested_on", "hearing_held_on"} & set(data):
            requested = data.get("hearing_requested_on", obj.hearing_requested_on)
            require(
                requested is not None,
                "hearing_requested_on",
                "Geef de datum waarop de hoorzitting gevraagd werd.",
            )
            obj = casework.decision_hearing_record(
                actor=request.user,
                decision_id=obj.pk,
                requested_on=requested,
                held_on=data.get("hearing_held_on", obj.hearing_held_on),
            )
        if {"appeal_lodged_on", "appeal_outcome"} & set(data):
            lodged = data.get("appeal_lodged_on", obj.appeal_lodged_on)
            require(
                lodged is not None,
                "appeal_lodged_on",
                "Geef de datum waarop het beroep ingesteld werd.",
            )
            obj = casework.decision_appeal_record(
                actor=request.user,
                decision_id=obj.pk,
                lodged_on=lodged,
                outcome=data.get("appeal_outcome")
                or obj.appeal_outcome
                or Decision.AppealOutcome.PENDING,
            )
        return obj

    @_cancel_schema(DecisionSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        reason = self.valid_input(CancelInput)["reason"]
        return self.change(
            request,
            lambda decision: casework.decision_cancel(
                actor=request.user, decision_id=decision.pk, reason=reason
            ),
            _CANCEL_FIELDS,
        )
