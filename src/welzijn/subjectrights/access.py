"""Only the data protection officer exports a person's data and restricts a file."""

from welzijn.core.access import AccessDenied
from welzijn.core.roles import Role, roles_of


def access_subject_rights(user, person=None) -> None:
    if Role.DPO not in roles_of(user):
        raise AccessDenied("Alleen de functionaris voor gegevensbescherming.", person)
