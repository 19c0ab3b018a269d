"""Generated input at the subsidy forms, by the role each is for: never a server error, and a
refused form writes nothing."""

import datetime as dt
import itertools

import pytest
from django.urls import reverse
from factories import SUBSIDY_OFFICE, applicant, association, subsidy_application, user
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from welzijn.core.roles import Role
from welzijn.subsidies import services as subsidies
from welzijn.subsidies.models import Application, BudgetLine, Call, JuryScore, Payment

pytestmark = pytest.mark.django_db
values = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", "0", "-1", "1,5", "1.214,13", "NaN", "31/02/2023", "1b", "on", "ja"]),
    st.integers(min_value=-(2**40), max_value=2**40).map(str),
)
FIELDS = {
    "web:subsidy_application_new": [
        "title", "description", "category", "legal_form", "active_in_ghent", "target_group",
        "start_date", "end_date", "exclusions", "wijk",
    ],
    "web:subsidy_line_new": ["kind", "description", "amount"],
    "web:subsidy_application_decide": ["outcome", "amount", "motivation", "decided_on"],
    "web:subsidy_payment_new": ["amount", "on", "reason"],
}  # fmt: skip


_examples = itertools.count()


def _counts():
    return [m.objects.count() for m in (Application, BudgetLine, JuryScore, Payment)]


@pytest.mark.parametrize("name", sorted(FIELDS))
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_generated_input(name, client, data):
    n = next(_examples)  # examples share the test's transaction: a new association each time
    vera = applicant(association(f"vzw-fuzz-{n}", f"Fuzz vzw {n}"))
    official = user(Role.SUBSIDIES, SUBSIDY_OFFICE)
    app = subsidy_application(vera, lines=[("huur", "Zaal", "300")])
    if name in ("web:subsidy_application_decide", "web:subsidy_payment_new"):
        subsidies.application_submit(actor=vera, application_id=app.pk, on=dt.date(2023, 3, 1))
        subsidies.application_check(
            actor=official, application_id=app.pk, note="", on=dt.date(2023, 3, 2)
        )
        client.force_login(official)
    else:
        client.force_login(vera)
    arg = (
        Call.objects.get(code="samen-aan-zet-2023").pk
        if "new" in name and "line" not in name
        else app.pk
    )
    posted = data.draw(st.fixed_dictionaries({}, optional=dict.fromkeys(FIELDS[name], values)))
    before = _counts()
    response = client.post(reverse(name, args=[arg]), posted)
    assert response.status_code < 500
    if response.status_code >= 400:
        assert _counts() == before
