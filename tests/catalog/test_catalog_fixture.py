"""The service catalogue fixture: every service, team and programme of the 2023 annual report."""

import pytest
from django.core.management import call_command

from welzijn.catalog.models import Domain, Outcome, Service, ServiceKind

DOMAINS_IN_ORDER = [
    "Missie en aanpak",
    "Hulp op maat van de Gentenaar",
    "Gent, stad in verbinding",
    "Gelijke kansen voor elke Gentenaar",
    "Meer Gentenaars aan het werk",
    "Samen voor de Gentenaar",
]

# Key services of the seed (jaaroverzicht 2023), by code, with the kind of record they produce.
KEY_SERVICES = {
    "welzijnsonthaal": "intervention",
    "leefloon": "intervention",
    "equivalent-leefloon": "intervention",
    "leefloon-studenten": "intervention",
    "psychologische-hulp": "intervention",
    "dringende-medische-hulp": "intervention",
    "tussenkomst-gezondheidszorg": "intervention",
    "budget-en-schuldhulpverlening": "trajectory",
    "juridisch-advies": "intervention",
    "hoorzitting": "activity",
    "controlecel-sociaal-onderzoek": "report",
    "respijtlek-de-moester": "stay",
    "kinderen-eerst": "trajectory",
    "sport-en-vrije-tijd": "intervention",
    "sociale-kruideniers": "intervention",
    "sociale-restaurants": "intervention",
    "lekkers-op-school": "intervention",
    "cel-oekraine": "trajectory",
    "gastgezinnen-oekraine": "stay",
    "collectieve-opvang-oekraine": "stay",
    "infosessies-oekraine": "activity",
    "nooddorp": "stay",
    "dak-en-thuislozentelling": "report",
    "straathoekwerk": "trajectory",
    "jeugdstraathoekwerk": "trajectory",
    "schoolspotters": "trajectory",
    "buurtstewards": "trajectory",
    "opstap": "trajectory",
    "nacht-en-vorstpatrouilles": "activity",
    "nachtopvang": "stay",
    "housing-first": "trajectory",
    "soi": "stay",
    "reno": "stay",
    "doortrekkersterrein": "stay",
    "herstelbedden-leeuwenhof": "stay",
    "opvang-en-orientatie": "stay",
    "jongerentrajecten": "trajectory",
    "leegstand": "stay",
    "instapwonen": "stay",
    "postmobiel-wonen": "stay",
    "tussenkomst-energie": "intervention",
    "energiepremie-toestellen": "intervention",
    "lac-dossiers-energie": "trajectory",
    "winterpremie": "intervention",
    "energieschulden-ten-laste": "intervention",
    "wooncoaches": "trajectory",
    "huurachterstal-meldingen": "report",
    "huurwaarborg": "intervention",
    "gent-knapt-op": "trajectory",
    "leefstraten": "trajectory",
    "repair-cafes": "activity",
    "samen-aan-zet": "intervention",
    "dag-van-de-buren": "activity",
    "conflicten-en-spanningen": "report",
    "conflictbemiddeling": "trajectory",
    "bestuurlijke-verslagen": "report",
    "meldingen-vervuiling-defect": "report",
    "noodplanning-crisisbeheer": "report",
    "be-alert": "activity",
    "vormingen-polarisering": "activity",
    "regenboognetwerk": "activity",
    "casa-rosa": "intervention",
    "participatietraject-inburgeraars": "trajectory",
    "taalkampen": "activity",
    "omstaandertrainingen": "activity",
    "praktijktesten": "report",
    "online-haatspraak-trainingen": "activity",
    "haatmisdrijven-meldingen": "report",
    "universal-design-opleidingen": "activity",
    "taxicheques": "intervention",
    "aangepast-rolstoelvervoer": "intervention",
    "vrijwilligersvervoer": "intervention",
    "genderinclusieve-registratie": "intervention",
    "dienst-werk-en-activering": "intervention",
    "jobteam": "trajectory",
    "sociale-activering": "trajectory",
    "taalcoaches": "trajectory",
    "groepswerkingen": "activity",
    "arbeidszorg": "trajectory",
    "wijkwerken": "trajectory",
    "artikel-60": "trajectory",
    "digitale-toestellen": "intervention",
    "tussenkomst-internetkosten": "intervention",
    "digicoaches-u-connect": "trajectory",
    "digihulp-welzijnsbureaus": "intervention",
    "dbse": "trajectory",
    "foodsavers": "intervention",
    "getuigen-armoede-ervaring": "activity",
    "sociale-gidsen": "trajectory",
    "verenigingswijzer": "intervention",
    "sociaal-innovatiefonds": "intervention",
    "traject-middenveld": "trajectory",
    "amal-sociaal-tolken": "intervention",
    "vrijwilligerspunt": "trajectory",
    "vrijwilligersloket": "trajectory",
    "vormingen-vrijwilligers": "activity",
    "dag-van-de-vrijwilliger": "activity",
}

CONTACT_OUTCOMES = {
    "dossier-geopend",
    "doorverwezen",
    "geen-vervolgtraject",
    "informatie-en-advies",
}
TRAJECTORY_OUTCOMES = {
    "doel-bereikt",
    "gedeeltelijk-bereikt",
    "stopgezet-door-client",
    "stopgezet-door-dienst",
    "doorverwezen",
    "woonoplossing-gevonden",
    "werk-gevonden",
    "uitgestroomd-naar-wettig-verblijf",
}


@pytest.fixture
def catalog(db):
    call_command("loaddata", "catalog", verbosity=0)


@pytest.mark.django_db
def test_fixture_loads(catalog):
    assert Domain.objects.count() == 6
    assert Service.objects.count() >= 120
    assert Outcome.objects.exists()


@pytest.mark.django_db
def test_loading_twice_updates_instead_of_duplicating(catalog):
    before = (Domain.objects.count(), Service.objects.count(), Outcome.objects.count())
    call_command("loaddata", "catalog", verbosity=0)
    assert (Domain.objects.count(), Service.objects.count(), Outcome.objects.count()) == before


@pytest.mark.django_db
def test_domains_are_the_six_chapters_in_order(catalog):
    domains = Domain.objects.order_by("order")
    assert [d.name for d in domains] == DOMAINS_IN_ORDER
    assert [d.order for d in domains] == [1, 2, 3, 4, 5, 6]


@pytest.mark.django_db
def test_every_domain_has_services(catalog):
    empty = [d.code for d in Domain.objects.all() if not d.services.exists()]
    assert empty == []


@pytest.mark.django_db
def test_codes_are_unique(catalog):
    codes = list(Service.objects.values_list("code", flat=True))
    assert len(codes) == len(set(codes))
    domain_codes = list(Domain.objects.values_list("code", flat=True))
    assert len(domain_codes) == len(set(domain_codes))


@pytest.mark.django_db
def test_every_kind_is_used(catalog):
    used = set(Service.objects.values_list("kind", flat=True))
    assert used == set(ServiceKind.values)


@pytest.mark.django_db
def test_key_services_of_the_seed_are_present_with_their_kind(catalog):
    assert len(KEY_SERVICES) >= 40
    found = dict(Service.objects.filter(code__in=KEY_SERVICES).values_list("code", "kind"))
    missing = sorted(set(KEY_SERVICES) - set(found))
    assert missing == []
    wrong_kind = {c: k for c, k in found.items() if KEY_SERVICES[c] != k}
    assert wrong_kind == {}


@pytest.mark.django_db
def test_every_service_has_seed_reference_unit_and_dutch_texts(catalog):
    for service in Service.objects.all():
        assert service.seed_reference.strip(), service.code
        assert service.unit.strip(), service.code
        assert service.name.strip(), service.code
        assert service.provider.strip(), service.code
        assert service.description.strip(), service.code
        service.full_clean()


@pytest.mark.django_db
def test_money_services_count_euros(catalog):
    for code in ["leefloon", "huurwaarborg", "tussenkomst-energie", "sport-en-vrije-tijd"]:
        assert Service.objects.get(code=code).unit == "EUR"


@pytest.mark.django_db
def test_finished_projects_are_inactive(catalog):
    assert Service.objects.get(code="postmobiel-wonen").active is False


@pytest.mark.django_db
def test_outcomes_for_contact_and_trajectory(catalog):
    contact = set(
        Outcome.objects.filter(applies_to=Outcome.AppliesTo.CONTACT).values_list("code", flat=True)
    )
    trajectory = set(
        Outcome.objects.filter(applies_to=Outcome.AppliesTo.TRAJECTORY).values_list(
            "code", flat=True
        )
    )
    assert contact >= CONTACT_OUTCOMES
    assert trajectory >= TRAJECTORY_OUTCOMES
    assert Outcome.objects.filter(active=False).count() == 0
