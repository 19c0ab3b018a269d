"""Persons whose name looks like what was typed ('jansens' for Janssens, 'peters' for
Peeters), without a scan of the whole table.

Candidates come from indexes only: the spelling-tolerant `search_key` (a prefix of it is an
index range on both databases) and, on PostgreSQL, trigram word similarity on `search_name`
(the GIN index of migration 0004). `name_similarity` then ranks the few candidates, the same
way on both databases.
"""

from django.db import connection
from django.db.models import F, QuerySet, Value

from welzijn.registry.models import Person
from welzijn.registry.search import SIMILAR, name_similarity, phonetic

#: At most this many candidates per index lookup; they are ranked in Python.
CANDIDATES = 200
#: A typo after the first letters: candidates share the key's first three letters.
_STEM = 3


def _key_starts_with(queryset: QuerySet[Person], prefix: str) -> QuerySet[Person]:
    if connection.vendor == "postgresql":
        # LIKE 'prefix%' uses the varchar_pattern_ops index Django adds to an indexed field.
        return queryset.filter(search_key__startswith=prefix)
    # SQLite's LIKE ignores case and so its index; keys are a-z and spaces, and '{' sorts
    # right after 'z': a range on the index.
    return queryset.filter(search_key__gte=prefix, search_key__lt=prefix + "{")


def _by_key(queryset: QuerySet[Person], words: list[str]) -> set[int]:
    """Each word taken as the start of the last name, the other words anywhere in the key."""
    keys = [phonetic(word) for word in words]
    found: set[int] = set()
    for index, key in enumerate(keys):
        if len(key) < 2:
            continue
        others = [k for i, k in enumerate(keys) if i != index and k]
        for prefix in {key, key[:_STEM]}:
            candidates = _key_starts_with(queryset, prefix)
            for other in others:
                candidates = candidates.filter(search_key__contains=other)
            found.update(
                candidates.order_by("search_key").values_list("pk", flat=True)[:CANDIDATES]
            )
    return found


def _by_trigram(queryset: QuerySet[Person], words: list[str]) -> set[int]:
    from django.contrib.postgres.lookups import TrigramWordSimilar
    from django.contrib.postgres.search import TrigramWordSimilarity

    phrase = " ".join(words)
    return set(
        queryset.filter(TrigramWordSimilar(F("search_name"), Value(phrase)))
        .annotate(similarity=TrigramWordSimilarity(Value(phrase), "search_name"))
        .order_by("-similarity")
        .values_list("pk", flat=True)[:CANDIDATES]
    )


def ranked(people, words: list[str], *, prefixes: bool = True) -> list[tuple[float, Person]]:
    """The people whose name is alike the folded words, best first (then by name)."""
    scored = [(name_similarity(words, p.search_name, prefixes=prefixes), p) for p in people]
    alike = [(score, p) for score, p in scored if score >= SIMILAR]
    return sorted(alike, key=lambda pair: (-pair[0], pair[1].last_name, pair[1].first_name))


def similar_names(words: list[str], *, limit: int, besides: set[int]) -> list[int]:
    """Ids of the persons (merged ones too: the caller drops them) with a name alike the
    folded words, best first, leaving out those `besides`."""
    everyone = Person.objects.all()
    found = _by_key(everyone, words)
    if connection.vendor == "postgresql":
        found |= _by_trigram(everyone, words)
    people = Person.objects.filter(pk__in=found - besides).only(
        "search_name", "last_name", "first_name"
    )
    best = [p.pk for _, p in ranked(people, words)]
    return best[:limit]
