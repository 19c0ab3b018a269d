"""Referrals to partner organisations: open on the partner's list until it answers."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from factories import household, office, person, user

from welzijn.casework import services as casework
from welzijn.casework.models import Referral
from welzijn.core.access import AccessDenied
from welzijn.core.models import AuditEvent
from welzijn.core.roles import Role
from welzijn.registry.models import Organisation, OrganisationAccount

pytestmark = pytest.mark.django_db


@pytest.fixture
def referral():
    worker = user(Role.ONTHAAL)
    somebody = person(worker, last_name="Doorverwezen")
    hh = household(worker, somebody)
    caw = Organisation.objects.create(name="CAW Test", code="caw-test", kind="partner")
    contact = casework.contact_register(
        actor=worker,
        office=office(),
        occurred_on=dt.date(2023, 4, 3),
        channel="balie",
        reason="Zoekt opvang",
        outcome="doorverwezen",
        person=somebody,
        household=hh,
        referred_to=caw,
    )
    return contact.referral


def _partner(organisation):
    account = user(Role.PARTNER, None)
    OrganisationAccount.objects.create(user=account, organisation=organisation)
    return account


def test_a_referred_contact_is_open_on_the_partners_list(client, referral):
    partner = _partner(referral.organisation)
    client.force_login(partner)
    page = client.get(reverse("web:referrals")).content.decode()
    assert "Doorverwezen" in page and "Zoekt opvang" in page and "1</strong> open" in page
    assert AuditEvent.objects.filter(actor_id=partner.pk, action="list").exists()


def test_the_partner_accepts_and_the_office_sees_it(client, referral):
    partner = _partner(referral.organisation)
    client.force_login(partner)
    response = client.post(reverse("web:referral_answer", args=[referral.pk, "aanvaard"]), {})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == Referral.Status.ACCEPTED and referral.answered_by == partner
    client.force_login(user(Role.MAATSCHAPPELIJK_WERKER))
    page = client.get(reverse("web:referrals")).content.decode()
    assert "aanvaard" in page and "CAW Test" in page


def test_declining_needs_a_reason_and_another_partner_cannot_answer(referral):
    partner = _partner(referral.organisation)
    with pytest.raises(ValidationError, match="reden"):
        casework.referral_answer(actor=partner, referral_id=referral.pk, to="geweigerd")
    other = _partner(Organisation.objects.create(name="Ander", code="ander", kind="partner"))
    with pytest.raises(AccessDenied):
        casework.referral_answer(actor=other, referral_id=referral.pk, to="aanvaard")
    casework.referral_answer(actor=partner, referral_id=referral.pk, to="geweigerd", note="Vol")
    with pytest.raises(ValidationError, match="geen toegelaten overgang"):
        casework.referral_answer(actor=partner, referral_id=referral.pk, to="aanvaard")
