"""The base of every API resource: scope, audit of the request, audited list reads, ETags
with If-Match, Idempotency-Key on POST, writes through a service function.

A resource subclasses `Resource` and says:

- `resource`: its scope name (`models.RESOURCES`),
- `serializer_class`: the representation (and the input it accepts),
- `visible(request)`: the queryset of what the caller may list, the web's queryset twin of
  the access rule (`dossiers_visible_to(user)`, ...),
- `fetch(request, pk, intent)`: one object through the web's selector (access + audit),
- for resources that write, the mixins `Creatable` (POST) and `Updatable` (PATCH) with
  `create_object(request, data)` / `update_object(request, obj, data)`: the web's services.
"""

import hashlib
import json

from django.db import IntegrityError, transaction
from django.utils.cache import quote_etag
from rest_framework import filters, viewsets
from rest_framework.response import Response

from welzijn.api.filters import FieldFilters
from welzijn.api.models import ApiClient, IdempotentAnswer
from welzijn.api.problems import (
    IdempotencyConflict,
    PreconditionFailed,
    fields_named,
    problem,
)
from welzijn.core.access import Intent
from welzijn.core.audit import audit_record


def etag_of(data) -> str:
    canonical = json.dumps(data, sort_keys=True, default=str, separators=(",", ":"))
    return quote_etag(hashlib.sha256(canonical.encode()).hexdigest()[:32])


def _request_hash(request) -> str:
    body = json.dumps(request.data, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(f"{request.path}\n{body}".encode()).hexdigest()


class Resource(viewsets.GenericViewSet):
    resource = ""
    filter_backends = [FieldFilters, filters.OrderingFilter]
    #: query parameter -> ORM lookup, for FieldFilters (see filters.py)
    filter_fields: dict[str, tuple[str, type]] = {}
    ordering_fields: list[str] = []
    ordering = ["-pk"]

    # -- to be given by each resource -------------------------------------------------
    def visible(self, request):
        raise NotImplementedError

    def fetch(self, request, pk: int, intent: Intent, lock: bool = False):
        raise NotImplementedError

    def __init_subclass__(cls, **kwargs):
        """A write method without its mixin would never be routed: say so at import."""
        super().__init_subclass__(**kwargs)
        for method, mixin in (("create_object", "Creatable"), ("update_object", "Updatable")):
            if method in cls.__dict__ and mixin not in {base.__name__ for base in cls.__mro__}:
                raise TypeError(f"{cls.__name__}.{method}: put {mixin} before Resource")

    # -- the framework ----------------------------------------------------------------
    def get_queryset(self):
        return self.visible(self.request)

    def _pk(self) -> int:
        try:
            return int(self.kwargs["pk"])
        except (TypeError, ValueError):
            return 0

    def checked_input(self, serializer_class=None, partial: bool = False):
        """The serializer that checked the request's body for shape: `serializer_class`
        (default: the representation's serializer); the service checks the rest."""
        if serializer_class is None:
            serializer = self.get_serializer(data=self.request.data, partial=partial)
        else:
            serializer = serializer_class(data=self.request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        return serializer

    def valid_input(self, serializer_class=None, partial: bool = False) -> dict:
        """The request's body, checked for shape (`checked_input`)."""
        return self.checked_input(serializer_class, partial).validated_data

    def change(self, request, apply, field_names: dict[str, str] | None = None) -> Response:
        """A change of one object (PATCH, a transition, a cancellation): If-Match must name
        the ETag the client read (none: 428, another: 412), so that no one's change is
        lost; `apply(obj)` calls the service, whose field errors are renamed to the
        API's field names by `field_names`."""
        wanted = request.headers.get("If-Match", "").strip()
        if not wanted:
            return problem(
                428,
                "Geef de ETag die u las mee in If-Match, zodat geen wijziging "
                "van een ander verloren gaat.",
            )
        with transaction.atomic():
            # the row locked first: two changes with the same ETag cannot both pass
            self.queryset.model.objects.select_for_update().filter(pk=self._pk()).exists()
            obj = self.fetch(request, self._pk(), Intent.EDIT, lock=True)
            if wanted != "*" and wanted != etag_of(self.get_serializer(obj).data):
                raise PreconditionFailed()
            with fields_named(field_names or {}):
                obj = apply(obj)  # the service audits the change
        self.request_audited = True
        data = self.get_serializer(obj).data
        return Response(data, headers={"ETag": etag_of(data)})

    def list(self, request, *args, **kwargs):
        """The page, and the request's one audit event: what was read (the ids) and how."""
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        data = self.get_serializer(page, many=True).data
        audit_record(
            actor=request.user,
            action="list",
            object_type=queryset.model._meta.label_lower,
            reason="api",
            detail={
                **self._request_detail(request, 200),
                "query": request.GET.urlencode()[:500],
                "results": len(page),
                "ids": [row.pk for row in page],
            },
        )
        self.request_audited = True
        return self.get_paginated_response(data)

    def retrieve(self, request, *args, **kwargs):
        obj = self.fetch(request, self._pk(), Intent.VIEW)  # the selector audits the read
        self.request_audited = True
        data = self.get_serializer(obj).data
        return Response(data, headers={"ETag": etag_of(data)})

    #: set once the request's audit event is written: by the list, or by the selector or
    #: service a read or write called (their event names the client's user as the actor).
    #: One event, in the transaction of what it records, so the audit trail's lock (its
    #: chain head) is held once per request and only briefly: no transaction around the
    #: whole request.
    request_audited = False

    @staticmethod
    def _request_detail(request, status: int) -> dict:
        client = request.auth if isinstance(request.auth, ApiClient) else None
        return {
            "method": request.method,
            "path": request.path[:300],
            "status": status,
            "client": client.name if client else "",
        }

    def finalize_response(self, request, response, *args, **kwargs):
        """Every request in the audit trail, with the client that made it: one event,
        written here unless the list, selector or service wrote it (or the request was
        refused: then also here, with its status)."""
        response = super().finalize_response(request, response, *args, **kwargs)
        user = getattr(request, "user", None)
        refused = response.status_code >= 400
        if user is not None and user.is_authenticated and (refused or not self.request_audited):
            client = request.auth if isinstance(request.auth, ApiClient) else None
            audit_record(
                actor=user,
                action="api",
                object_type="api.apiclient" if client else "api.session",
                object_id=str(client.pk) if client else "",
                reason=f"{request.method} {request.path}"[:300],
                detail=self._request_detail(request, response.status_code),
            )
        return response


class Creatable:
    """POST on the list: `create_object(request, data)` calls the web's service."""

    create_serializer_class = None

    def create_object(self, request, data):
        raise NotImplementedError

    def answer_object(self, obj):
        """The created object as the answer shows it (say, with its related rows read), after
        the commit: the transaction, and the audit trail's lock it holds since the service
        audited the creation, ends with the write."""
        return obj

    def create(self, request, *args, **kwargs):
        key = request.headers.get("Idempotency-Key", "").strip()
        if not key:
            return self._create(request)
        digest = _request_hash(request)
        kept = IdempotentAnswer.objects.filter(user_id=request.user.pk, key=key[:200]).first()
        if kept is not None:
            if kept.request_hash != digest:
                raise IdempotencyConflict()
            return Response(kept.body, status=kept.status, headers={"Idempotent-Replayed": "true"})
        try:
            with transaction.atomic():
                response = self._create(request)
                IdempotentAnswer.objects.create(
                    user_id=request.user.pk,
                    key=key[:200],
                    path=request.path[:300],
                    request_hash=digest,
                    status=response.status_code,
                    body=response.data,
                )
        except IntegrityError:  # the same key at the same moment, from a second request
            return problem(409, "Een aanvraag met deze Idempotency-Key is nog bezig.")
        return response

    def _create(self, request) -> Response:
        serializer = self.checked_input(self.create_serializer_class)
        with transaction.atomic():  # all or nothing, also when it calls several services
            # the service audits the creation
            obj = self.create_object(request, serializer.validated_data)
        self.request_audited = True
        obj = self.answer_object(obj)
        if self.create_serializer_class is None:  # the one that read the input answers
            serializer.instance = obj  # (its fields are built once)
        else:
            serializer = self.get_serializer(obj)
        data = serializer.data
        return Response(data, status=201, headers={"ETag": etag_of(data)})


class Updatable:
    """PATCH on one object, with If-Match: `update_object(request, obj, data)` calls the
    web's service; `update_serializer_class` is the input (default: the representation)."""

    update_serializer_class = None

    def update_object(self, request, obj, data):
        raise NotImplementedError

    def partial_update(self, request, *args, **kwargs):
        # the representation as input: every field optional; an input of its own says which
        data = self.valid_input(
            self.update_serializer_class, partial=self.update_serializer_class is None
        )
        return self.change(request, lambda obj: self.update_object(request, obj, data))
