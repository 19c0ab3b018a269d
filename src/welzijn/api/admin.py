"""A beheerder registers API clients here (the token is shown once) and revokes them."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils import timezone

from welzijn.api.models import RESOURCES, ApiClient
from welzijn.api.services import CLIENT_ROLES, apiclient_register, apiclient_revoke
from welzijn.casework.models import Office

SCOPE_CHOICES = [
    (f"{resource}:{mode}", f"{resource}: {'lezen' if mode == 'read' else 'lezen en schrijven'}")
    for resource in RESOURCES
    for mode in ("read", "write")
]


class ApiClientForm(forms.ModelForm):
    roles = forms.MultipleChoiceField(
        label="rollen",
        choices=sorted((r.value, r.value) for r in CLIENT_ROLES),
        help_text="De rollen waarin de client werkt (zoals een medewerker).",
    )
    offices = forms.ModelMultipleChoiceField(
        label="welzijnsbureaus en teams",
        queryset=Office.objects.order_by("name"),
        required=False,
        help_text="Waar de client werkt: de toegangsregels van de werkplek gelden.",
    )
    scope_list = forms.MultipleChoiceField(
        label="scopes", choices=SCOPE_CHOICES, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = ApiClient
        fields = ["name", "organisation", "expires_at"]

    def clean_expires_at(self):
        expires_at = self.cleaned_data["expires_at"]
        if expires_at <= timezone.now():
            raise forms.ValidationError("De vervaldatum moet in de toekomst liggen.")
        return expires_at


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "token_prefix", "expires_at", "revoked_at"]
    readonly_fields = [
        "name",
        "organisation",
        "scopes",
        "token_prefix",
        "created_at",
        "expires_at",
        "revoked_at",
    ]
    actions = ["revoke"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = ApiClientForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else []

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["name", "organisation", "roles", "offices", "scope_list", "expires_at"]
        return self.readonly_fields

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        try:
            client, token = apiclient_register(
                actor=request.user,
                name=data["name"],
                organisation=data["organisation"],
                roles=data["roles"],
                office_ids=[o.pk for o in data["offices"]],
                scopes=data["scope_list"],
                expires_at=data["expires_at"],
            )
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from error
        obj.__dict__.update({k: v for k, v in client.__dict__.items() if k != "_state"})
        obj._state.adding = False
        messages.warning(
            request,
            f"Het token van {client.name} (wordt maar één keer getoond, bewaar het nu): {token}",
        )

    def save_related(self, request, form, formsets, change):
        """The service set the roles and offices."""

    @admin.action(description="De gekozen API-clients intrekken (hun token werkt niet meer)")
    def revoke(self, request, queryset):
        for client in queryset.filter(revoked_at__isnull=True):
            apiclient_revoke(actor=request.user, client_id=client.pk, reason="beheer")
        self.message_user(request, "Ingetrokken.")
