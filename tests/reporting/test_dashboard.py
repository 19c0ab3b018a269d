"""The analist's dashboard: the year so far per month and an indicator's breakdowns, audited,
with the privacy rules on every cell and only years with data in the menu."""

import datetime as dt
import re

from django.urls import reverse
from factories import user

from welzijn.core.models import AuditEvent
from welzijn.core.roles import Role
from welzijn.registry.models import Wijk

D = dt.date


def _leefloon(world, n, wijk, month):
    for _ in range(n):
        p = world.person()
        d = world.dossier(world.household(p, wijk=wijk))
        world.intervention(d, "leefloon", D(2023, month, 5), person=p)


def test_dashboard_shows_the_months_and_the_breakdowns(world, client):
    big, small = Wijk.objects.order_by("name")[:2]
    _leefloon(world, 7, big, 1)
    _leefloon(world, 2, small, 3)
    client.force_login(user(Role.ANALIST, office_code=None))
    page = client.get(reverse("reporting:index") + "?jaar=2023")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Personen met (equivalent) leefloon" in html and "<svg" in html
    assert '<option value="2023" selected>' in html and '<option value="2019"' not in html
    detail = client.get(
        reverse("reporting:indicator", args=["leefloon_personen"]) + "?jaar=2023"
    ).content.decode()
    assert "per wijk" in detail and "per welzijnsbureau of team" in detail
    # 7 and 2 in two wijken: the 2 is '< 5' and the 7 goes with it, else 9 - 7 gives it away
    assert f'<td>{big.name}</td><td class="n">&lt; 5</td>' in detail
    assert f'<td>{small.name}</td><td class="n">&lt; 5</td>' in detail
    # the months likewise: January (7) is hidden with March (2); February is a plain 0
    assert '<td>januari</td><td class="n">&lt; 5</td>' in detail
    assert '<td>februari</td><td class="n">0</td>' in detail
    assert '<td class="n">9</td>' in detail  # the office's total is published
    assert "Achternaam" not in detail and "Achternaam" not in html
    reasons = set(
        AuditEvent.objects.filter(object_type="reporting.jaaroverzicht").values_list(
            "reason", flat=True
        )
    )
    assert reasons == {"dashboard bekeken", "indicator bekeken"}


def test_an_unknown_indicator_is_404(world, client):
    client.force_login(user(Role.ANALIST, office_code=None))
    assert client.get(reverse("reporting:indicator", args=["bestaat_niet"])).status_code == 404


def test_dashboard_of_a_year_without_data_says_so(db, client):
    client.force_login(user(Role.ANALIST, office_code=None))
    page = client.get(reverse("reporting:index") + "?jaar=2019").content.decode()
    assert "Voor 2019 is nog niets geregistreerd" in page


def test_the_year_menu_offers_years_with_a_record_dated_in_them(world, client):
    """A trajectory that opened in 2021 and still runs registers nothing in the years after:
    only 2021 (its start) and 2023 (an intervention) are offered, not this year."""
    p = world.person()
    d = world.dossier(world.household(p))
    world.trajectory(d, "budget-en-schuldhulpverlening", D(2021, 6, 1), person=p)
    world.intervention(d, "leefloon", D(2023, 3, 5), person=p)
    client.force_login(user(Role.ANALIST, office_code=None))
    html = client.get(reverse("reporting:index")).content.decode()
    offered = {int(y) for y in re.findall(r'<option value="(\d{4})"', html)}
    assert offered == {2021, 2023}
    assert '<option value="2023" selected>' in html  # the newest year with data


def test_a_month_without_data_is_a_short_sign_so_the_months_fit(world, client):
    _leefloon(world, 7, Wijk.objects.order_by("name").first(), 1)
    client.force_login(user(Role.ANALIST, office_code=None))
    html = client.get(reverse("reporting:index") + "?jaar=2023").content.decode()
    assert '<td class="n months"><abbr title="geen gegevens">–</abbr></td>' in html
    assert '<td class="n months">geen gegevens</td>' not in html
