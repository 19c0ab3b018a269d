"""A restriction reaches the teams beside casework too: the Dienst Werk's questions and the
Vrijwilligerspunt's volunteers of a restricted person are refused and left out of their lists,
for everyone but the DPO and the dossier's responsible caseworker."""

import datetime as dt

import pytest
from factories import person, user

from welzijn.activation import selectors as werk_selectors
from welzijn.activation import services as activation
from welzijn.core.access import AccessDenied
from welzijn.core.roles import Role
from welzijn.registry.models import Wijk
from welzijn.subjectrights.services import restriction_lift, restriction_start
from welzijn.volunteering import selectors as loket_selectors
from welzijn.volunteering import services as volunteering
from welzijn.volunteering.access import access_volunteer, volunteers_visible_to
from welzijn.volunteering.models import Cause, Skill

pytestmark = pytest.mark.django_db
D = dt.date


def test_work_questions_of_a_restricted_person_are_refused_and_not_listed():
    werk = user(Role.WERK, "team-werk-activering")
    dpo = user(Role.DPO, None, name="dana")
    anna = person(werk, first_name="Anna", last_name="Beperkt")
    question = activation.question_register(
        actor=werk, person_id=anna.pk, desk="werkpunt", asked_on=D(2023, 3, 1),
        channel="balie", theme="werk", question="Zoekt werk als kok.",
    )  # fmt: skip
    assert question in werk_selectors.open_questions(user=werk)

    restriction_start(actor=dpo, person_id=anna.pk, ground="bezwaar", reason="Bezwaar")
    assert question not in werk_selectors.open_questions(user=werk)
    with pytest.raises(AccessDenied):
        werk_selectors.question_get(user=werk, question_id=question.pk)

    restriction_lift(actor=dpo, person_id=anna.pk, reason="Bezwaar ingetrokken")
    assert question in werk_selectors.open_questions(user=werk)


def test_a_restricted_volunteer_is_refused_and_not_listed():
    loket = user(Role.VRIJWILLIGERSPUNT, "team-vrijwilligerspunt")
    dpo = user(Role.DPO, None, name="dana")
    volunteer = volunteering.volunteer_register(
        actor=loket, first_name="Ines", last_name="Beperkt", birth_date=D(1998, 4, 2),
        sex="V", nationality="BE", residence_status="belg",
        wijk=Wijk.objects.get(code="rabot-blaisantvest"), max_distance_km=5,
        hours_per_week=4, registered_on=D(2023, 5, 1), availability=["weekend"],
        languages=["nl"], skills=[Skill.objects.get(code="koken")],
        causes=[Cause.objects.get(code="armoede")],
    )  # fmt: skip
    restriction_start(actor=dpo, person_id=volunteer.person_id, ground="beperking", reason="x")
    assert volunteer not in volunteers_visible_to(loket)
    with pytest.raises(AccessDenied):
        access_volunteer(loket, volunteer)
    with pytest.raises(AccessDenied):
        loket_selectors.volunteer_get(user=loket, volunteer_id=volunteer.pk)
