"""Matching one volunteer against 5,000 open vacancies (target: under 200 ms).

Times what the loket's volunteer page asks: the ranked vacancies with the reasons of each
(`volunteering.selectors.vacancies_for_volunteer`: the profiles from the database, the
scores, the 20 best with their reasons and objects), median and worst of repeated runs.

Usage: .venv/bin/python benchmarks/volunteering.py [--vacancies 5000] [--runs 20]
"""

import argparse
import datetime as dt
import random
import statistics
import time

from _django import setup_django


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--vacancies", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    vendor = setup_django()

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    from welzijn.casework.reference import REFERENCE_FIXTURES
    from welzijn.core.roles import Role
    from welzijn.core.roles_setup import roles_setup
    from welzijn.registry.models import Organisation, Wijk
    from welzijn.volunteering import selectors
    from welzijn.volunteering import services as volunteering
    from welzijn.volunteering.models import Cause, DayPart, Skill, Vacancy

    call_command("loaddata", *REFERENCE_FIXTURES, verbosity=0)
    roles_setup()
    loket = get_user_model().objects.create_user(username="loket")
    loket.groups.add(Group.objects.get(name=Role.VRIJWILLIGERSPUNT.value))
    rng = random.Random(42)
    wijken = list(Wijk.objects.all())
    causes, skills = list(Cause.objects.all()), list(Skill.objects.all())
    organisations = Organisation.objects.bulk_create(
        Organisation(code=f"bench-{i}", name=f"Organisatie {i}", kind="vereniging")
        for i in range(600)
    )
    today = dt.date(2023, 6, 1)
    vacancies = Vacancy.objects.bulk_create(
        Vacancy(
            organisation=rng.choice(organisations),
            title=f"Vacature {i}",
            task="Helpen",
            wijk=rng.choice([*wijken, None]),
            hours_per_week=rng.randint(1, 10),
            availability=rng.sample(DayPart.values, rng.randint(1, 2)),
            minimum_age=rng.choice([16, 18, 21]),
            languages=rng.choice([["nl"], [], ["nl", "fr"]]),
            accessible=rng.random() < 0.5,
            insurer="Ethias",
            policy_number="1",
            status="open",
            published_on=today,
        )
        for i in range(args.vacancies)
    )
    for through, field, pool in (
        (Vacancy.causes.through, "cause", causes),
        (Vacancy.skills.through, "skill", skills),
    ):
        through.objects.bulk_create(
            through(vacancy=v, **{field: item})
            for v in vacancies
            for item in rng.sample(pool, rng.randint(1, 3))
        )
    volunteer = volunteering.volunteer_register(
        actor=loket,
        first_name="Ines",
        last_name="Bench",
        birth_date=dt.date(1990, 1, 1),
        sex="V",
        nationality="BE",
        residence_status="belg",
        wijk=Wijk.objects.get(code="rabot-blaisantvest"),
        max_distance_km=6,
        hours_per_week=4,
        registered_on=today,
        availability=["weekend", "avond"],
        languages=["nl"],
        skills=skills[:3],
        causes=causes[:2],
    )
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        found = selectors.vacancies_for_volunteer(user=loket, volunteer=volunteer, today=today)
        times.append((time.perf_counter() - start) * 1000)
    print(f"database: {vendor}; {args.vacancies:,} open vacancies, {args.runs} runs")
    print(
        f"one volunteer ranked against them: median {statistics.median(times):.1f} ms, "
        f"worst {max(times):.1f} ms (target < 200 ms); {len(found.ranked)} shown, "
        f"{found.excluded:,} ruled out"
    )


if __name__ == "__main__":
    main()
