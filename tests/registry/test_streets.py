"""The street list (reference data) gives an address its wijk; partner organisations."""

import pytest
from django.core.exceptions import ValidationError
from factories import user

from welzijn.core.roles import Role
from welzijn.registry import services as registry
from welzijn.registry.models import Organisation, Street
from welzijn.registry.search import street_key
from welzijn.registry.selectors import wijk_for_street

pytestmark = pytest.mark.django_db


def test_the_shipped_street_list_has_its_search_keys_right():
    streets = list(Street.objects.all())
    assert len(streets) >= 150
    assert all(street.search_key == street_key(street.name) for street in streets)
    assert {s.wijk.code for s in Street.objects.select_related("wijk")} >= {
        "brugse-poort-rooigem",
        "rabot-blaisantvest",
        "ledeberg",
        "zwijnaarde",
    }


@pytest.mark.parametrize(
    ("street", "postcode", "wijk"),
    [
        ("Bevrijdingslaan", "9000", "brugse-poort-rooigem"),
        ("BEVRIJDINGSLAAN ", " 9000", "brugse-poort-rooigem"),
        ("opgeeistenlaan", "9000", "rabot-blaisantvest"),
        ("St.-Jacobsnieuwstraat", "9000", "binnenstad"),
        ("Kortrijksesteenweg", "9051", "sint-denijs-westrem-afsnee"),
        ("Kortrijksesteenweg", "9000", "stationsbuurt-zuid"),
    ],
)
def test_wijk_for_street_is_case_and_accent_tolerant(street, postcode, wijk):
    assert wijk_for_street(street, postcode).code == wijk


def test_an_unknown_street_or_postcode_gives_no_wijk():
    assert wijk_for_street("Onbestaandestraat", "9000") is None
    assert wijk_for_street("Bevrijdingslaan", "9050") is None


def test_address_create_derives_the_wijk_or_asks_for_it():
    worker = user(Role.MAATSCHAPPELIJK_WERKER)
    address = registry.address_create(
        actor=worker, street="Sleepstraat", number="3", postcode="9000"
    )
    assert address.wijk.code == "sluizeken-tolhuis-ham"
    chosen = registry.address_create(
        actor=worker, street="Sleepstraat", number="4", postcode="9000", wijk="binnenstad"
    )
    assert chosen.wijk.code == "binnenstad"  # the caseworker's choice wins
    with pytest.raises(ValidationError) as exc:
        registry.address_create(actor=worker, street="Nergensstraat", number="1", postcode="9000")
    assert exc.value.message_dict == {
        "wijk": ["Straat niet gekend in de stratenlijst: kies de wijk."]
    }


def test_a_street_appears_once_per_postcode_whatever_its_spelling():
    known = Street.objects.get(name="Sint-Jacobsnieuwstraat")
    street = Street(name="sint jacobsnieuwstraat", postcode=known.postcode, wijk=known.wijk)
    with pytest.raises(ValidationError, match="al in de stratenlijst"):
        street.full_clean()


def test_the_partners_of_the_annual_report_are_shipped():
    codes = set(Organisation.objects.values_list("code", flat=True))
    assert {"caw-oost-vlaanderen", "huize-triest", "amal", "fluvius", "farys", "vdab"} <= codes
    assert Organisation.objects.filter(kind="ziekenfonds").count() >= 5
    assert Organisation.objects.get_by_natural_key("kind-en-gezin").name.startswith("Kind en Gezin")
