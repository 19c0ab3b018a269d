"""The warden's form and the handling team's forms under generated input: never a server
error, and a refused form writes nothing (no melding, no event, no conflict)."""

import pytest
from django.urls import reverse
from factories import user
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from welzijn.core.roles import Role
from welzijn.meldingen import services
from welzijn.meldingen.models import Conflict, ConflictParty, Melding, MeldingEvent

pytestmark = pytest.mark.django_db
values = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", "0", "1", "-1", "NaN", "Infinity", "51.05", "3,72", "9000", "on"]),
    st.integers(min_value=-(2**40), max_value=2**40).map(str),
)
FIELDS = {
    "melding_new": [
        "category", "street", "house_number", "postcode", "latitude", "longitude", "wijk",
        "description", "reporter_kind", "reporter_email", "office", "administrative_report",
    ],
    "melding_transition": ["to", "note", "team"],
    "conflict_start": ["approach", "started_on", "reporter_party", "other_party"],
}  # fmt: skip


def _counts():
    return [m.objects.count() for m in (Melding, MeldingEvent, Conflict, ConflictParty)]


@pytest.mark.parametrize("name", sorted(FIELDS))
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_generated_input(name, client, data):
    actor = user(Role.PREVENTIE, "team-preventie")
    melding = services.melding_create(
        actor=actor,
        category="geluidsoverlast",
        description="Lawaai",
        reporter_kind="burger",
        street="Bevrijdingslaan",
        postcode="9000",
    )
    client.force_login(actor)
    url = reverse(f"web:{name}", kwargs={} if name == "melding_new" else {"melding_id": melding.pk})
    posted = data.draw(st.fixed_dictionaries({}, optional=dict.fromkeys(FIELDS[name], values)))
    before = _counts()
    response = client.post(url, posted)
    assert response.status_code < 500
    if response.status_code >= 400:
        assert _counts() == before, f"{name}: a refused form wrote something"
