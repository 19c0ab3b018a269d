"""The REST API under /api/v1/ (Django REST Framework, OpenAPI by drf-spectacular).

The same services, access rules and audit as the workplace:

- An `ApiClient` (registered by a beheerder in the admin, token shown once, stored as a
  SHA-256 hash, expiry, revocation) acts as its own non-login user, with the roles and
  staff assignments of its scope: the web's selectors (`person_get(user=...)`) and queryset
  twins (`dossiers_visible_to(user)`) apply unchanged. `scopes` ("dossiers:read",
  "meldingen:write") restrict it further (`permissions.ScopePermission`). A signed-in user
  calls the API with their session (CSRF on writes); their roles decide.
- Errors are RFC 9457 problem details (`problems.py`): a service's ValidationError becomes
  400 with `errors` per field, in Dutch; a refused object answers 404 like a missing one and
  is audited.
- `resource.Resource` gives every resource: an audited list (one "list" event), detail with
  an ETag, PATCH with a required If-Match (stale: 412, none: 428), POST with an optional
  Idempotency-Key (same key and body: the same answer, no second record; another body:
  422), rate limits per client (`throttling.py`), and one "api" audit event per request
  naming the client.

Adding a resource (see `resources/registry.py` and `resources/dossier_records.py`):

1. In `resources/<area>.py`, a serializer (the representation; for writes also the input
   shape, as plain fields: the service validates and gives the Dutch messages) and a
   `Resource` subclass with `resource = "<scope name>"` (add it to `models.RESOURCES`),
   `serializer_class`, `queryset = Model.objects.none()` (for the schema), and:
   - `visible(request)`: the web's queryset twin of the access rule, for the list;
   - `fetch(request, pk, intent, lock=False)`: the web's selector for one object;
   - to write, the mixins `Creatable` / `Updatable` before `Resource`, with
     `create_object(request, data)` / `update_object(request, obj, data)`: the web's
     service functions (`actor=request.user`); `create_serializer_class` /
     `update_serializer_class` when the input differs from the representation;
     `answer_object(obj)` for what the answer reads beyond the new row (its related rows),
     after the commit, so that the audit trail's lock is not held for it. A state
     change or a cancellation is an `@action` that calls the service through
     `self.change(request, apply, field_names)`, which checks If-Match as a PATCH does
     (see `TrajectoryResource.transition`).
   - `filter_fields = {"office": ("office_id", int), "from": ("opened_on__gte", date)}`
     and `ordering_fields` for filtering and ordering (both appear in the schema).
2. Register it in `urls.py` on the router.
3. Tests in `tests/api/`: access per role (`tests/api/test_access.py`), the same answer as the
   web; the schemathesis test covers it without changes.
"""
