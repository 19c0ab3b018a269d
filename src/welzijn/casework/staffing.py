"""Who works where: changes to office assignments, checked and audited like other rights.

An assignment gives its user the office's dossiers, so it is a right: nobody assigns
themselves (another beheerder must), and each change is an audit event on the user it
concerns, with their offices before and after.
"""

from welzijn.casework.models import StaffAssignment
from welzijn.core.audit import audit_record
from welzijn.core.user_admin import REASON, user_rights_check


def offices_of(user) -> list[str]:
    return sorted(StaffAssignment.objects.filter(user=user).values_list("office__code", flat=True))


def staff_assignment_check(*, actor, assignment: StaffAssignment | None, user, office) -> dict:
    """Refuse (audited) a new or changed assignment (`assignment` as stored, None when
    new; `user` None when it is deleted) that touches the actor's own offices or a
    superuser's (for someone who is not one); return each affected user's offices before."""
    if assignment is not None and (assignment.user, assignment.office) == (user, office):
        return {}
    affected = [assignment.user] if assignment is not None else []
    if user is not None and user not in affected:
        affected.append(user)
    before = {}
    for account in affected:
        before[account] = offices_of(account)
        detail = {
            "username": account.username,
            "fields": ["offices"],
            "office": getattr(office, "code", None),
        }
        user_rights_check(actor=actor, user=account, rights=["offices"], detail=detail)
    return before


def staff_assignment_record(*, actor, before: dict) -> None:
    """One event per affected user, with their offices before and after."""
    for account, offices in before.items():
        audit_record(
            actor=actor,
            action="update",
            obj=account,
            reason=REASON,
            detail={
                "username": account.username,
                "fields": ["offices"],
                "changes": {"offices": {"before": offices, "after": offices_of(account)}},
            },
        )
