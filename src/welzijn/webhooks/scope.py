"""Whether a client may receive an event: the client is usable (not revoked, not expired),
has read scope on the event's resource, one of its offices is one the event belongs to, and
the web's access rule, applied to the client's own user, lets it see the object."""

from django.apps import apps

from welzijn.casework.access import office_ids_of
from welzijn.core.access import AccessDenied, Intent

from .events import EVENT_TYPES
from .models import Event


def client_may_receive(client, event: Event) -> bool:
    """`client` is an api.ApiClient (its own user carries its roles and offices)."""
    event_type = EVENT_TYPES[event.type]
    if not client.is_usable():
        return False
    if not client.allows(event_type.resource, write=False):
        return False
    if not set(event.office_ids) & office_ids_of(client.user):
        return False
    model = apps.get_model(event.object_type)
    obj = model.objects.filter(pk=event.object_id).first()
    if obj is None:
        return False
    try:
        event_type.access_helper()(client.user, obj, Intent.VIEW)
    except AccessDenied:
        return False
    return True
