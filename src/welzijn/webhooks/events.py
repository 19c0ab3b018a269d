"""The events a client can subscribe to: which API resource they belong to (the client needs
read scope on it), and the access helper that decides, with the client's own user, whether
the client may see the object (the web's rule). The helpers live in the domain apps, above
this one, so they are looked up by name when an event is fanned out."""

from dataclasses import dataclass

from django.utils.module_loading import import_string


@dataclass(frozen=True)
class EventType:
    name: str
    label: str
    resource: str
    model: str
    access: str

    def access_helper(self):
        return import_string(self.access)


EVENT_TYPES = {
    t.name: t
    for t in (
        EventType(
            "melding.state_changed",
            "Een melding veranderde van status",
            "meldingen",
            "meldingen.melding",
            "welzijn.meldingen.access.access_melding",
        ),
        EventType(
            "finding.created",
            "Een bevinding van de rechtenscreening werd aangemaakt",
            "findings",
            "rights.finding",
            "welzijn.rights.access.access_finding",
        ),
        EventType(
            "stay.ended",
            "Een verblijf in de opvang werd afgesloten",
            "stays",
            "shelter.stay",
            "welzijn.shelter.access.access_stay",
        ),
    )
}

EVENT_CHOICES = [(t.name, t.label) for t in EVENT_TYPES.values()]
