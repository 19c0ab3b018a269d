"""The beheerder's view of webhooks: subscriptions (registered through the service, the
secret shown once, when it is made), and every delivery with its attempts, read-only."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError

from welzijn.core.admin_mixins import ReadOnlyAdmin

from .egress import check_url
from .events import EVENT_CHOICES
from .models import Delivery, DeliveryAttempt, Event, Subscription
from .services import check_event_types, subscription_create, subscription_deactivate


class SubscriptionForm(forms.ModelForm):
    url = forms.URLField(label="URL", max_length=500, assume_scheme="https")
    event_types = forms.MultipleChoiceField(
        label="Gebeurtenissen", choices=EVENT_CHOICES, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Subscription
        fields = ["client", "url", "event_types", "active"]

    def clean_url(self):
        url = self.cleaned_data["url"]
        try:
            check_url(url)
        except ValidationError as error:
            raise forms.ValidationError(error.message_dict["url"]) from None
        return url

    def clean_event_types(self):
        types = self.cleaned_data["event_types"]
        try:
            check_event_types(types)
        except ValidationError as error:
            raise forms.ValidationError(error.message_dict["event_types"]) from None
        return types


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    form = SubscriptionForm
    list_display = ["client", "url", "active", "created_at"]
    list_filter = ["active"]
    readonly_fields = ["created_at", "created_by"]

    def get_readonly_fields(self, request, obj=None):
        # Once made, only switching it off is a change (through the service, audited).
        return [*self.readonly_fields, "client", "url", "event_types"] if obj else []

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["client", "url", "event_types"]
        return ["client", "url", "event_types", "active", "created_at", "created_by"]

    def save_model(self, request, obj, form, change):
        if change:
            if "active" in form.changed_data and not obj.active:
                subscription_deactivate(actor=request.user, subscription_id=obj.pk)
            return
        created, secret = subscription_create(
            actor=request.user,
            client=form.cleaned_data["client"],
            url=form.cleaned_data["url"],
            event_types=form.cleaned_data["event_types"],
        )
        obj.pk, obj.secret_encrypted = created.pk, created.secret_encrypted
        messages.warning(
            request,
            f"Het geheim van dit abonnement (wordt maar één keer getoond, geef het nu door "
            f"aan {created.client}): {secret}",
        )

    def has_delete_permission(self, request, obj=None):
        return False


class AttemptInline(admin.TabularInline):
    model = DeliveryAttempt
    extra = 0
    can_delete = False
    fields = ["number", "at", "response_status", "duration_ms", "error", "succeeded"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = ["event", "subscription", "status", "attempts", "next_attempt_at"]
    list_filter = ["status", "subscription__client"]
    inlines = [AttemptInline]


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = ["type", "object_type", "object_id", "created_at", "fanned_out_at"]
    list_filter = ["type"]
