"""Accounts and roles in the admin, checked and audited by `welzijn.core.user_admin`."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import admin as auth_admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.shortcuts import redirect

from welzijn.core import user_admin
from welzijn.core.admin_mixins import CheckedAdmin

User = get_user_model()


class _UserCheckForm:
    actor = None

    def clean(self):
        cleaned = super().clean()
        requested = dict(cleaned)
        if "is_superuser" in self.data and "is_superuser" not in self.fields:
            requested["is_superuser"] = True  # posted around the read-only field
        stored = None if self.instance._state.adding else self.instance
        self.change = user_admin.user_change_check(actor=self.actor, user=stored, data=requested)
        return cleaned


class _GroupCheckForm:
    actor = None

    def clean(self):
        cleaned = super().clean()
        stored = None if self.instance._state.adding else self.instance
        self.change = user_admin.group_change_check(actor=self.actor, group=stored, data=cleaned)
        return cleaned


admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class UserAdmin(CheckedAdmin, auth_admin.UserAdmin):
    """Only a superuser sees the superuser flag as editable; login dates are the system's."""

    check_form = _UserCheckForm
    readonly_fields = ("last_login", "date_joined")

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return fields if request.user.is_superuser else (*fields, "is_superuser")

    def record_change(self, request, obj, change, created):
        user_admin.user_change_record(actor=request.user, user=obj, change=change, created=created)

    def delete_check(self, request, obj):
        user_admin.user_delete_check(actor=request.user, user=obj)

    def delete_model(self, request, obj):
        pk, username = obj.pk, obj.username
        groups = sorted(obj.groups.values_list("name", flat=True))
        super().delete_model(request, obj)
        user_admin.user_delete_record(
            actor=request.user, user_id=pk, username=username, groups=groups
        )

    def user_change_password(self, request, id, form_url=""):
        """Django's view, checked first and audited when the password was set."""
        target = self.get_object(request, unquote(id))
        if request.method != "POST" or target is None:
            return super().user_change_password(request, id, form_url)
        try:
            user_admin.user_password_check(actor=request.user, user=target)
        except user_admin.RightsRefused as refused:
            self.message_user(request, refused.message, messages.ERROR)
            return redirect("admin:auth_user_change", target.pk)
        with transaction.atomic():
            response = super().user_change_password(request, id, form_url)
            stored = User.objects.get(pk=target.pk)
            if stored.password != target.password:
                user_admin.user_password_record(actor=request.user, user=stored)
        return response


@admin.register(Group)
class GroupAdmin(CheckedAdmin, auth_admin.GroupAdmin):
    check_form = _GroupCheckForm

    def record_change(self, request, obj, change, created):
        user_admin.group_change_record(
            actor=request.user, group=obj, change=change, created=created
        )

    def delete_check(self, request, obj):
        user_admin.group_delete_check(actor=request.user, group=obj)

    def delete_model(self, request, obj):
        pk, name = obj.pk, obj.name
        permissions = user_admin.permission_names(obj.permissions.select_related("content_type"))
        super().delete_model(request, obj)
        user_admin.group_delete_record(
            actor=request.user, group_id=pk, name=name, permissions=permissions
        )
