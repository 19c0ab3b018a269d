"""The totals of a point-in-time count: forms deduplicated on the count's key, persons per
ETHOS Light category, adults and children (children who share a counted person's situation
count with them), compared with the count before."""

from collections import Counter
from dataclasses import dataclass, field

from .models import Ethos, PitCount, PitCountRecord


def dedup_key_of(key_fields: list[str], values: dict) -> str:
    """A count's key of one form ('JD|1980|M'); empty when a field of the key is missing, so
    that a form without identifying data is never merged with another."""
    parts = []
    for name in key_fields:
        value = values.get(name)
        if value in (None, "", "?", "onbekend"):
            return ""
        parts.append(str(value).upper())
    return "|".join(parts)


@dataclass
class CountTotals:
    count: PitCount
    forms: int = 0
    duplicates: int = 0
    adults: int = 0
    children: int = 0
    #: ethos code -> (adults, children)
    per_category: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: published totals only: a count held before welzijn, without forms here
    published: bool = False

    @property
    def total(self) -> int:
        return self.adults + self.children

    def rows(self) -> list[tuple[str, int, int, int]]:
        """(category label, adults, children, total) in the order of the typology."""
        out = []
        for code, label in Ethos.choices:
            a, c = self.per_category.get(code, (0, 0))
            if a or c:
                out.append((label, a, c, a + c))
        return out


def unique_forms(count: PitCount) -> list[tuple[str, str, int]]:
    """(ethos, age group, children) of the forms left after removing duplicates: of forms
    with the same key, the first registered counts."""
    seen: set[str] = set()
    kept = []
    rows = (
        PitCountRecord.objects.filter(count=count)
        .order_by("pk")
        .values_list("dedup_key", "ethos", "age_group", "children")
    )
    for key, ethos, age, children in rows:
        if key:
            if key in seen:
                continue
            seen.add(key)
        kept.append((ethos, age, children))
    return kept


def count_totals(count: PitCount) -> CountTotals:
    forms = PitCountRecord.objects.filter(count=count).count()
    totals = CountTotals(count=count, forms=forms)
    if not forms:
        if count.published_adults is not None:
            totals.adults = count.published_adults
            totals.children = count.published_children or 0
            totals.published = True
        return totals
    kept = unique_forms(count)
    totals.duplicates = forms - len(kept)
    adults: Counter[str] = Counter()
    children: Counter[str] = Counter()
    for ethos, age, with_children in kept:
        if age == PitCountRecord.AgeGroup.MINOR:
            children[ethos] += 1
        else:
            adults[ethos] += 1
        children[ethos] += with_children
    totals.adults, totals.children = sum(adults.values()), sum(children.values())
    totals.per_category = {e: (adults[e], children[e]) for e in set(adults) | set(children)}
    return totals


def previous_count(count: PitCount) -> PitCount | None:
    return PitCount.objects.filter(date__lt=count.date).order_by("-date").first()
