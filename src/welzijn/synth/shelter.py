"""Synthetic Ghent's shelters: stays in the 24-hour facilities, the nights of the night shelter
(with emergency overbookings and refusals on full nights), and the forms of the 20 October
count, written as the staff and partners would have registered them. Volumes come from the
calibration targets; what the seed does not give is an assumption named here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from welzijn.registry.search import search_key, search_name
from welzijn.shelter.counting import dedup_key_of
from welzijn.shelter.models import CapacityPeriod, ExitDestination, Facility, PitCount

from . import reference as ref
from .rows import dates as _iso
from .rows import day as _day

if TYPE_CHECKING:
    from .generator import Generator

STAY_COLS = [
    "id", "facility_id", "person_id", "household_id", "place_kind", "place_label",
    "entry_date", "exit_date", "exit_destination_id", "overbooking", "registered_by_id",
    "registered_at",
]  # fmt: skip
REFUSAL_COLS = ["id", "facility_id", "night", "person_id", "registered_by_id", "registered_at"]
COUNT_COLS = [
    "id", "count_id", "organisation_id", "office_id", "ethos", "age_group", "sex",
    "with_partner", "children", "slept", "initials", "birth_year", "dedup_key",
    "registered_by_id", "registered_at",
]  # fmt: skip
PERSON_COLS = [
    "id", "first_name", "last_name", "birth_date", "sex", "nationality", "residence_status",
    "language", "insz", "search_name", "search_key",
]  # fmt: skip

#: Assumptions (not in the seed).
#: Housing First tenants who got their home before the year (the seed gives the 47 new ones).
HOUSING_FIRST_EARLIER = 110
DURABLE_SHARE_DEFAULT = 0.3  # leavers to durable housing where the seed gives no share
REFUSALS_PER_FULL_NIGHT = 1.5  # Poisson mean of people turned away on a full night
#: Persons of the year per place in the reception of applicants (turnover), and per facility
#: the 24-hour stays still open on 31 December (the rest left in the year).
TURNOVER = {"soi": 1.6, "reno": 1.6}
APPLICANT_COUNTRIES = (
    "AF", "SY", "ER", "PS", "TR", "BI", "CD", "GN", "SO", "IQ", "CM", "VE", "CO", "SV", "MA",
    "DZ", "GE", "AL", "PK", "IR", "SN", "ML", "NG", "YE", "SD", "ET", "BD", "RU", "MR", "LY",
    "TN", "EG", "AO",
)  # fmt: skip
#: ETHOS Light category of the adults counted (about the shares of the 2020 Ghent count).
COUNT_ETHOS = {
    "1-openbare-ruimte": 0.08,
    "2-nachtopvang": 0.10,
    "3-opvang-daklozen": 0.14,
    "4-instelling": 0.04,
    "5-niet-conventioneel": 0.18,
    "6-familie-vrienden": 0.38,
    "dreigende-uithuiszetting": 0.05,
    "onbekend": 0.03,
}
SLEPT = {
    "1-openbare-ruimte": "straat",
    "2-nachtopvang": "nachtopvang",
    "3-opvang-daklozen": "opvang",
    "4-instelling": "instelling",
    "5-niet-conventioneel": "kraakpand",
    "6-familie-vrienden": "familie",
    "dreigende-uithuiszetting": "woning",
    "onbekend": "onbekend",
}
COUNT_PARTNERS = ("caw-oost-vlaanderen", "huize-triest", "een-hart-voor-vluchtelingen")
COUNT_DUPLICATES = 0.06  # share of keyed forms a second service filled in too
COUNT_KEYED = 0.7  # share of forms with initials and birth year
#: When a count's results were published (the 2023 count: Stad Gent, March 2024).
COUNT_PUBLISHED = {2023: dt.date(2024, 3, 1)}


@dataclass(frozen=True)
class Place:
    id: int
    kind: str
    places: int  # on the year's last open day
    start: int  # first day of the year it is open (days since 1970)
    end: int  # last day of the year it is open
    before: bool  # open before the year (residents from earlier)


class ShelterBuilder:
    def __init__(self, gen: Generator):
        self.gen, self.rng = gen, gen.rng
        year = gen.year
        self.y0, self.y1 = _day(dt.date(year, 1, 1)), _day(dt.date(year, 12, 31))
        self.places = self._places()
        groups = ExitDestination.objects.values_list("group", "id")
        self.durable = np.array([pk for g, pk in groups if g == "permanent"])
        self.other = np.array([pk for g, pk in groups if g != "permanent"])
        self.used = np.zeros(gen.n_p, bool)  # persons in a 24-hour stay already
        self.rows: list[tuple] = []

    def _places(self) -> dict[str, Place]:
        out = {}
        year = self.gen.year
        for f in Facility.objects.all():
            periods = [
                p
                for p in CapacityPeriod.objects.filter(facility=f).order_by("start_date")
                if p.start_date.year <= year and (p.end_date is None or p.end_date.year >= year)
            ]
            if not periods:
                continue
            start = max(_day(periods[0].start_date), self.y0)
            end = min(_day(periods[-1].end_date) if periods[-1].end_date else self.y1, self.y1)
            out[f.code] = Place(
                f.pk,
                periods[-1].place_kind,
                periods[-1].places,
                start,
                end,
                periods[0].start_date.year < year,
            )
        return out

    def target(self, name: str) -> int:
        return self.gen.n(self.gen.target(name).value)

    def free(self, pool: np.ndarray, count: int) -> np.ndarray:
        """count persons of the pool not yet in a 24-hour stay; marked used."""
        chosen = self.gen.pick(pool[~self.used[pool]], count)
        self.used[chosen] = True
        return chosen

    # -- 24-hour stays ----------------------------------------------------------------------
    def stays(
        self,
        code: str,
        persons: np.ndarray,
        *,
        households: np.ndarray | None = None,
        leavers: int | None = None,
        durable: float = DURABLE_SHARE_DEFAULT,
        entries: tuple[int, int] | None = None,
        before: bool | None = None,
    ) -> None:
        """One stay per subject, in chains on the facility's places (never more stays on a
        night than places); ``leavers`` of them end in the year, exactly round(durable x
        leavers) of those to durable housing."""
        place = self.places[code]
        rng, n = self.rng, len(persons)
        if not n:
            return
        closes = place.end < self.y1
        leavers = n if closes else min(n, n - 1 if leavers is None else leavers)
        open_n = n - leavers
        used_places = max(1, min(place.places, open_n or min(n, place.places)))
        slot = np.arange(n) % used_places
        before = place.before if before is None else before
        entry = np.empty(n, np.int64)
        exit_ = np.full(n, -1, np.int64)
        is_open = np.zeros(n, bool)
        last_open = 0
        for p in range(used_places):
            idx = np.flatnonzero(slot == p)
            k = len(idx)
            cuts = np.sort(rng.uniform(place.start, place.end + 1, k - 1).astype(np.int64))
            bounds = np.concatenate([[place.start], cuts, [place.end + 1]])
            entry[idx] = bounds[:-1] + np.minimum(rng.integers(0, 5, k), np.diff(bounds) // 2)
            exit_[idx] = np.maximum(bounds[1:], entry[idx] + 1)
            if before:
                entry[idx[0]] = place.start - int(rng.integers(20, 500))
            if not closes and last_open < open_n:
                is_open[idx[-1]] = True
                last_open += 1
        if entries is not None:  # everyone moved in within these days (the nooddorp, May)
            entry = np.sort(rng.integers(entries[0], entries[1] + 1, n))
        # Leavers beyond the places' last stays: close them a few weeks before the end.
        is_open[np.flatnonzero(is_open)[open_n:]] = False
        still = np.flatnonzero(~is_open & (exit_ > place.end))
        exit_[still] = np.maximum(entry[still] + 1, place.end + 1 - rng.integers(1, 40, len(still)))
        exit_[is_open] = -1
        left = np.flatnonzero(~is_open)
        dest = np.full(n, -1, np.int64)
        k_durable = round(durable * len(left))
        order = rng.permutation(left)
        dest[order[:k_durable]] = rng.choice(self.durable, k_durable)
        dest[order[k_durable:]] = rng.choice(self.other, len(left) - k_durable)
        hh = households if households is not None else None
        self._emit(place, persons, hh, entry, exit_, dest, np.zeros(n, bool))

    def _emit(self, place, persons, households, entry, exit_, dest, overbooked) -> None:
        gen = self.gen
        n = len(persons)
        ids = gen.ids("shelter_stay", n)
        entries = _iso(entry)
        exits = _iso(np.maximum(exit_, 0))
        for i in range(n):
            self.rows.append(
                (
                    int(ids[i]),
                    place.id,
                    int(self.person_id(persons[i])),
                    int(gen.hh_id_of[households[i]]) if households is not None else None,
                    place.kind,
                    "",
                    entries[i],
                    exits[i] if exit_[i] >= 0 else None,
                    int(dest[i]) if dest[i] >= 0 else None,
                    bool(overbooked[i]),
                    None,
                    f"{entries[i]} 20:00:00",
                )
            )

    def person_id(self, index) -> int:
        index = int(index)
        return int(self.gen.p_id_of[index]) if index >= 0 else self.new_ids[-index - 1]

    # -- new persons: applicants for international protection (SOI, Reno) -----------------
    def applicants(self, n: int) -> np.ndarray:
        """n new persons with one of n(31) nationalities; returned as negative indices."""
        gen, rng = self.gen, self.rng
        k = min(self.target("reno_landen"), len(APPLICANT_COUNTRIES), n)
        countries = np.array(APPLICANT_COUNTRIES[:k])
        nat = np.concatenate([countries, rng.choice(countries, n - k)])
        ids = gen.ids("registry_person", n)
        _, _, men, women, lasts = ref.ORIGINS["vluchteling"]
        sex = np.where(rng.random(n) < 0.7, "M", "V")
        born = _iso(self.y0 - rng.integers(18 * 365, 55 * 365, n))
        rows = []
        for i in range(n):
            first = (men if sex[i] == "M" else women)[int(rng.integers(len(men)))]
            last = lasts[int(rng.integers(len(lasts)))]
            rows.append(
                (int(ids[i]), first, last, born[i], str(sex[i]), str(nat[i]), "verzoeker",
                 "en", None, search_name(first, last), search_key(first, last))
            )  # fmt: skip
        gen.tables.add("registry_person", PERSON_COLS, rows)
        self.new_ids = getattr(self, "new_ids", []) + [int(i) for i in ids]
        start = len(self.new_ids) - n
        return -(np.arange(start, start + n) + 1)

    # -- the night shelter ------------------------------------------------------------------
    def night_shelter(self) -> None:
        gen, rng = self.gen, self.rng
        place = self.places["nachtopvang"]
        persons = gen.pick(gen.pool("client_single"), self.target("nachtopvang"))
        n = len(persons)
        total = max(n, self.target("nachtopvang_nachten"))
        weight = rng.lognormal(0, 1.2, n)
        nights = 1 + rng.multinomial(total - n, weight / weight.sum())
        cap = place.end - place.start + 1  # nobody sleeps more nights than the year has
        while (over := nights > cap).any():  # the heavy tail's excess goes to the others
            spare = int((nights[over] - cap).sum())
            nights[over] = cap
            room = np.flatnonzero(nights < cap)
            nights[room] += rng.multinomial(spare, weight[room] / weight[room].sum())
        starts = place.start + (rng.random(n) * (place.end - place.start + 2 - nights)).astype(
            np.int64
        )
        who = np.repeat(np.arange(n), nights)
        night = np.repeat(starts, nights) + (
            np.arange(len(who)) - np.repeat(np.cumsum(nights) - nights, nights)
        )
        order = np.lexsort((rng.random(len(who)), night))
        who, night = who[order], night[order]
        first = np.r_[True, night[1:] != night[:-1]]
        rank = np.arange(len(night)) - np.maximum.accumulate(
            np.where(first, np.arange(len(night)), 0)
        )
        overbooked = rank >= place.places
        self._emit(place, persons[who], None, night, night + 1, np.full(len(who), -1), overbooked)
        full = np.unique(night[overbooked | (rank == place.places - 1)])
        refused = rng.poisson(REFUSALS_PER_FULL_NIGHT, len(full))
        nights_refused = np.repeat(full, refused)
        ids = gen.ids("shelter_refusal", len(nights_refused))
        days = _iso(nights_refused)
        gen.tables.add(
            "shelter_refusal",
            REFUSAL_COLS,
            [
                (int(ids[i]), place.id, days[i], None, None, f"{days[i]} 21:00:00")
                for i in range(len(ids))
            ],
        )

    # -- Housing First ----------------------------------------------------------------------
    def housing_first(self) -> None:
        """The new tenants of the year and the earlier ones, each a stay in a housing-first
        home; of all of them exactly round(retained x n) still live there on 31 December,
        the others left in the year for a destination that is not durable housing."""
        gen, rng = self.gen, self.rng
        place = self.places["housing-first"]
        new, earlier = self.target("housing_first_nieuw"), gen.n(HOUSING_FIRST_EARLIER)
        persons = self.free(gen.pool("client_single"), new + earlier)
        n = len(persons)
        entry = np.concatenate(
            [
                rng.integers(self.y0, self.y1 - 30, new),
                self.y0 - rng.integers(30, 1500, n - new),
            ]
        )
        lost = n - round(gen.target("housing_first_behouden").value * n)
        leave = rng.choice(n, lost, replace=False)
        exit_ = np.full(n, -1, np.int64)
        dest = np.full(n, -1, np.int64)
        first = np.maximum(entry[leave] + 1, self.y0 + 1)
        exit_[leave] = first + (rng.random(lost) * (self.y1 + 1 - first)).astype(np.int64)
        dest[leave] = rng.choice(self.other, lost)
        self._emit(place, persons, None, entry, exit_, dest, np.zeros(n, bool))

    # -- the point-in-time count ------------------------------------------------------------
    def count(self) -> None:
        from welzijn.casework.models import Office
        from welzijn.registry.models import Organisation

        gen, rng = self.gen, self.rng
        held = PitCount.objects.filter(date__year=gen.year).first()
        if held is None:
            return
        total = self.target("dak_thuislozentelling")
        adults = max(1, round(total * 1857 / 2490))  # the published split of 2023
        children = total - adults
        ethos = rng.choice(list(COUNT_ETHOS), adults, p=list(COUNT_ETHOS.values()))
        with_kids = np.flatnonzero(ethos != "1-openbare-ruimte")
        kids = np.zeros(adults, np.int64)
        if children and len(with_kids):
            families = rng.choice(
                with_kids, min(len(with_kids), max(1, children // 2)), replace=False
            )
            kids[families] = 1
            extra = children - len(families)
            if extra > 0:
                kids += np.bincount(rng.choice(families, extra), minlength=adults)
            elif extra < 0:
                kids[families[:-extra]] = 0
        age = rng.choice(["18-25", "26-49", "50-64", "65+"], adults, p=[0.2, 0.5, 0.25, 0.05])
        low = {"18-25": 18, "26-49": 26, "50-64": 50, "65+": 65}
        high = {"18-25": 25, "26-49": 49, "50-64": 64, "65+": 80}
        birth = np.array([gen.year - int(rng.integers(low[a], high[a] + 1)) for a in age.tolist()])
        sex = np.where(rng.random(adults) < 0.7, "M", "V")
        keyed = rng.random(adults) < COUNT_KEYED
        letters = np.array(list("ABCDEFGHIJKLMNOPRSTVWY"))
        # distinct initials within each (birth year, sex): no two persons share a key
        space = len(letters) ** 2
        group = birth * 2 + (sex == "M")
        order = np.argsort(group, kind="stable")
        g = group[order]
        starts = np.r_[0, np.flatnonzero(g[1:] != g[:-1]) + 1]
        rank = np.empty(adults, np.int64)
        rank[order] = np.arange(adults) - np.repeat(starts, np.diff(np.r_[starts, adults]))
        offset = rng.integers(0, space, int(group.max()) + 1)
        combos = rng.permutation(space)[(rank + offset[group]) % space]
        initials = np.char.add(letters[combos // len(letters)], letters[combos % len(letters)])
        services = [
            ("organisation", o)
            for o in Organisation.objects.filter(code__in=COUNT_PARTNERS).values_list(
                "id", flat=True
            )
        ]
        services += [("office", Office.objects.get(code="team-opvang").pk)]
        who = rng.integers(0, len(services), adults)
        dup = np.flatnonzero(keyed & (rng.random(adults) < COUNT_DUPLICATES))
        forms = np.concatenate([np.arange(adults), dup])
        ids = gen.ids("shelter_pitcountrecord", len(forms))
        rows = []
        for j, i in enumerate(forms.tolist()):
            service = services[(who[i] + (1 if j >= adults else 0)) % len(services)]
            key_values = {
                "initials": initials[i] if keyed[i] else "",
                "birth_year": int(birth[i]) if keyed[i] else None,
                "sex": str(sex[i]),
                "age_group": str(age[i]),
            }
            rows.append(
                (
                    int(ids[j]),
                    held.pk,
                    service[1] if service[0] == "organisation" else None,
                    service[1] if service[0] == "office" else None,
                    str(ethos[i]),
                    str(age[i]),
                    str(sex[i]),
                    bool(rng.random() < 0.15),
                    int(kids[i]),
                    SLEPT[str(ethos[i])],
                    key_values["initials"],
                    key_values["birth_year"],
                    dedup_key_of(held.key_fields, key_values),
                    None,
                    f"{held.date.isoformat()} 12:00:00",
                )
            )
        gen.tables.add("shelter_pitcountrecord", COUNT_COLS, rows)
        # The team closed the count and published its results (as on the count's page).
        PitCount.objects.filter(pk=held.pk).update(
            open_for_entry=False,
            closed_at=dt.datetime(
                held.date.year, held.date.month, held.date.day, 23, 0, tzinfo=dt.UTC
            ),
            published_on=COUNT_PUBLISHED.get(held.date.year, held.date + dt.timedelta(days=120)),
        )

    # -- all of it ----------------------------------------------------------------------------
    def build(self) -> None:
        gen = self.gen
        self.night_shelter()
        self.stays(
            "herstelbedden",
            self.free(gen.pool("client_single"), self.target("herstelbedden_personen")),
        )
        self.housing_first()
        oo = gen.zonder[-self.target("oo_verblijf") :]
        self.used[oo] = True
        self.stays("opvang-orientatie", oo, leavers=len(oo) // 2)
        n = self.target("leeuwenhof_bewoners")
        self.stays(
            "leeuwenhof",
            self.free(gen.pool("client_single"), n),
            leavers=max(1, round(n * 0.6)),
            durable=gen.target("leeuwenhof_duurzaam").value,
            before=False,
        )
        n = self.target("postmobiel_wonen")
        self.stays(
            "postmobiel-wonen",
            self.free(gen.pool("client_person"), n),
            durable=gen.target("postmobiel_duurzaam").value,
        )
        self._household_stays()
        self._ukrainians()
        for code in ("soi", "reno"):
            n = gen.n(self.places[code].places * TURNOVER[code])
            self.stays(
                code, self.applicants(n), leavers=n - min(n, self.places[code].places * 9 // 10)
            )
        gen.tables.add("shelter_stay", STAY_COLS, self.rows)
        self.count()

    def _household_stays(self) -> None:
        gen = self.gen
        clients = gen.pool("client_household")
        free_hh = clients[~self.used[gen.ref_of[clients]]]
        n = self.target("leegstand")
        hh = gen.pick(free_hh, n)
        self.used[gen.ref_of[hh]] = True
        self.stays(
            "leegstand",
            gen.ref_of[hh],
            households=hh,
            leavers=self.target("leegstand_vertrokken"),
            durable=gen.target("leegstand_woonoplossing").value,
        )
        housed = self.target("instapwonen")
        hh = gen.pick(clients[~self.used[gen.ref_of[clients]]], housed + 2)
        self.used[gen.ref_of[hh]] = True
        self.stays("instapwonen", gen.ref_of[hh], households=hh, leavers=housed, durable=1.0)
        travellers = np.unique(gen.p_hh[gen.pool("population_adult")])
        hh = gen.pick(
            travellers[~self.used[gen.ref_of[travellers]]], self.target("doortrekkersterrein")
        )
        self.used[gen.ref_of[hh]] = True
        self.stays("doortrekkersterrein", gen.ref_of[hh], households=hh, before=False, durable=0.0)

    def _ukrainians(self) -> None:
        gen = self.gen
        ukr = gen.pool("ukraine_person")
        total = self.target("nooddorp_bewoners")
        kids = min(self.target("nooddorp_kinderen"), total)
        free = ukr[~self.used[ukr]]
        persons = np.concatenate(
            [
                gen.pick(free[gen.p_age[free] < 18], kids),
                gen.pick(free[gen.p_age[free] >= 18], total - kids),
            ]
        )
        self.used[persons] = True
        may = (_day(dt.date(gen.year, 5, 1)), _day(dt.date(gen.year, 5, 31)))
        self.stays("nooddorp", persons, leavers=0, entries=may, before=False)
        for code, name in (
            ("gastgezinnen-oekraine", "oekraine_gastgezin"),
            ("collectieve-opvang-oekraine", "oekraine_collectief"),
        ):
            n = self.target(name)
            self.stays(code, self.free(ukr, n), leavers=n // 3)


def build(gen: Generator) -> None:
    """Add the shelters' rows to the generator's tables (after the registry's rows)."""
    ShelterBuilder(gen).build()
