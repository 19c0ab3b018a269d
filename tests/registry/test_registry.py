import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from factories import household, person, user

from welzijn.core.models import AuditEvent
from welzijn.core.roles import Role
from welzijn.registry import services as registry
from welzijn.registry.models import Household, HouseholdMembership, Person

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def worker():
    return user(Role.MAATSCHAPPELIJK_WERKER)


def _person_fields(**overrides):
    fields = {
        "first_name": "Zoë",
        "last_name": "Çelik",
        "birth_date": D(1985, 7, 30),
        "sex": "M",
        "nationality": "be",
        "residence_status": "belg",
        "insz": "85.07.30-033.28",
    }
    fields.update(overrides)
    return fields


def test_person_create_normalises_and_audits(worker):
    created = registry.person_create(actor=worker, **_person_fields())
    assert created.insz == "85073003328"
    assert created.nationality == "BE"
    assert created.search_name == "zoe celik"
    assert AuditEvent.objects.filter(object_id=str(created.pk), action="create").exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"insz": "85073003329"}, "insz"),
        ({"insz": "1234"}, "insz"),
        ({"birth_date": D(1985, 7, 31)}, "birth_date"),
        ({"sex": "V"}, "sex"),
        ({"birth_date": D(2999, 1, 1), "insz": None}, "birth_date"),
        ({"first_name": ""}, "first_name"),
        ({"nationality": "ZZ"}, "nationality"),
        ({"nationality": "B1"}, "nationality"),
    ],
)
def test_invalid_person_names_the_field_and_writes_nothing(worker, overrides, field):
    events_before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as exc:
        registry.person_create(actor=worker, **_person_fields(**overrides))
    assert field in exc.value.message_dict
    assert not Person.objects.exists()
    assert AuditEvent.objects.count() == events_before


def test_a_nationality_is_corrected_to_a_country_code_only(worker):
    created = registry.person_create(actor=worker, **_person_fields(nationality="ps"))
    assert created.nationality == "PS"  # the State of Palestine, as ISO 3166-1 has it
    with pytest.raises(ValidationError) as exc:
        registry.person_update(actor=worker, person_id=created.pk, nationality="zz")
    assert "geen landcode" in exc.value.message_dict["nationality"][0]
    assert Person.objects.get(pk=created.pk).nationality == "PS"


def test_insz_is_unique_when_present_and_optional(worker):
    registry.person_create(actor=worker, **_person_fields())
    with pytest.raises(ValidationError) as exc:
        registry.person_create(actor=worker, **_person_fields(first_name="Ander"))
    assert "insz" in exc.value.message_dict
    registry.person_create(actor=worker, **_person_fields(insz=None, residence_status="zonder"))
    registry.person_create(actor=worker, **_person_fields(insz="", residence_status="zonder"))
    assert Person.objects.filter(insz__isnull=True).count() == 2


def test_the_database_refuses_a_malformed_insz():
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.create(
            first_name="A",
            last_name="B",
            birth_date=D(1980, 1, 1),
            sex="M",
            nationality="BE",
            residence_status="belg",
            insz="123",
        )


def test_person_cannot_be_in_two_households_on_the_same_day(worker):
    member = person(worker)
    first = household(worker, member, start=D(2020, 1, 1))
    registry.household_member_end(
        actor=worker, membership_id=first.memberships.get().pk, end_date=D(2023, 3, 31)
    )
    second = registry.household_create(actor=worker, name="Nieuw gezin")
    with pytest.raises(ValidationError) as exc:
        registry.household_member_add(
            actor=worker,
            household=second,
            person=member,
            role="partner",
            start_date=D(2023, 3, 31),
        )
    assert "start_date" in exc.value.message_dict
    assert "al lid van huishouden" in exc.value.message_dict["start_date"][0]
    # The day after the end date is fine.
    registry.household_member_add(
        actor=worker, household=second, person=member, role="partner", start_date=D(2023, 4, 1)
    )
    assert HouseholdMembership.objects.filter(person=member).count() == 2


def test_the_database_refuses_overlapping_memberships_too(worker):
    member = person(worker)
    household(worker, member, start=D(2020, 1, 1))
    other = Household.objects.create(name="Omzeilt de service")
    with pytest.raises(IntegrityError), transaction.atomic():
        HouseholdMembership.objects.create(
            household=other,
            person=member,
            role="ander",
            start_date=D(2022, 1, 1),
            end_date=D(2022, 2, 1),
        )


def test_membership_end_before_start_is_refused(worker):
    member = person(worker)
    hh = registry.household_create(actor=worker, name="Gezin")
    with pytest.raises(ValidationError) as exc:
        registry.household_member_add(
            actor=worker,
            household=hh,
            person=member,
            role="kind",
            start_date=D(2023, 5, 1),
            end_date=D(2023, 4, 1),
        )
    assert "De einddatum mag niet voor de begindatum liggen." in str(exc.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        HouseholdMembership.objects.create(
            household=hh,
            person=member,
            role="kind",
            start_date=D(2023, 5, 1),
            end_date=D(2023, 4, 1),
        )


@pytest.mark.parametrize(
    ("postcode", "wijk", "field"),
    [("1000", "binnenstad", "postcode"), ("9000", "Atlantis", "wijk")],
)
def test_unknown_postcode_or_wijk_is_refused(worker, postcode, wijk, field):
    with pytest.raises(ValidationError) as exc:
        registry.address_create(
            actor=worker, street="Veldstraat", number="1", postcode=postcode, wijk=wijk
        )
    assert field in exc.value.message_dict


def test_address_by_wijk_name_or_code(worker):
    by_code = registry.address_create(
        actor=worker, street="Veldstraat", number="1", postcode="9000", wijk="binnenstad"
    )
    by_name = registry.address_create(
        actor=worker, street="Veldstraat", number="2", postcode="9000", wijk="Binnenstad"
    )
    assert by_code.wijk == by_name.wijk


def test_the_25_wijken_and_ghent_postcodes_are_shipped():
    from welzijn.registry.models import Postcode, Wijk

    assert Wijk.objects.count() == 25
    assert Wijk.objects.filter(name="Elisabethbegijnhof-Prinsenhof-Papegaai-Sint-Michiels").exists()
    assert set(Postcode.objects.values_list("code", flat=True)) >= {"9000", "9050", "9052"}


def test_analist_cannot_register_people():
    from welzijn.core.access import AccessDenied

    with pytest.raises(AccessDenied):
        registry.person_create(actor=user(Role.ANALIST, None), **_person_fields())


def test_a_status_belongs_to_a_person_or_a_household_not_both(worker):
    from welzijn.registry.models import SocialStatus, StatusKind

    member = person(worker)
    hh = household(worker, member)
    kind = StatusKind.objects.get(code="verhoogde-tegemoetkoming")
    with pytest.raises(IntegrityError), transaction.atomic():
        SocialStatus.objects.create(
            kind=kind, person=member, household=hh, start_date=D(2023, 1, 1)
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        SocialStatus.objects.create(kind=kind, start_date=D(2023, 1, 1))
    SocialStatus.objects.create(kind=kind, person=member, start_date=D(2023, 1, 1))


def test_income_cannot_be_negative(worker):
    from welzijn.registry.models import Income

    with pytest.raises(IntegrityError), transaction.atomic():
        Income.objects.create(
            person=person(worker),
            category="pensioen",
            amount_gross_taxable=Decimal("-1"),
            amount_net=Decimal("0"),
            per="jaar",
            start_date=D(2022, 1, 1),
            source="attest",
        )
