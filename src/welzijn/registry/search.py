"""Search keys for names: lower-case, without accents, so 'Çelik Zoë' finds 'celik zoe';
spelling-tolerant keys and scores; the parts of a search term."""

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

from welzijn.core.dates import NotADate, looks_like_date, parse_belgian_date
from welzijn.core.insz import normalise_insz


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().replace("-", " ").split())


def search_name(first_name: str, last_name: str) -> str:
    return fold(f"{first_name} {last_name}")


def street_key(name: str) -> str:
    """'Sint-Jacobsnieuwstraat', 'St.-Jacobsnieuwstraat' and 'SINT JACOBSNIEUWSTRAAT' give the
    same key; 'Opgeëistenlaan' matches 'Opgeeistenlaan'."""
    text = fold(name).replace("'", "").replace("’", "").replace(".", " ")
    return " ".join("sint" if word == "st" else word for word in text.split())


# -- tolerant keys: spelling variants of one Dutch name fold to the same key ---------------

# Applied in this order, on a folded word without spaces; double letters collapse afterwards.
_SPELLING_VARIANTS = (
    ("ij", "y"),
    ("ei", "y"),
    ("ey", "y"),
    ("ph", "f"),
    ("th", "t"),
    ("dt", "t"),
    ("ck", "k"),
    ("qu", "kw"),
    ("q", "k"),
    ("c", "k"),
    ("x", "ks"),
    ("z", "s"),
    ("ae", "a"),
    ("ie", "i"),
    ("ou", "au"),
)
_NOT_A_LETTER = re.compile(r"[^a-z]")
_DOUBLE = re.compile(r"(.)\1+")


def phonetic(text: str) -> str:
    """A simplified Dutch phonetic fold of a name (all its words run together):
    'Janssens' and 'Jansens' -> 'jansens', 'Peeters' -> 'peters', 'Smidt' and 'Smith' ->
    'smit', 'Meijer' and 'Meyer' -> 'myer', 'Van de Velde' and 'Vandevelde' -> 'vandevelde'.
    A key for finding candidates, not a proof that two names are the same."""
    word = _NOT_A_LETTER.sub("", fold(text))
    for written, said in _SPELLING_VARIANTS:
        word = word.replace(written, said)
    if word.endswith("d"):
        word = word[:-1] + "t"
    return _DOUBLE.sub(r"\1", word)


def search_key(first_name: str, last_name: str) -> str:
    """The indexed key of tolerant search: the last name's key first, so that a prefix of
    it (what most people type) is an index range, then the first name's."""
    return f"{phonetic(last_name)} {phonetic(first_name)}"


#: Two names whose score (`name_similarity`) reaches this are taken to be alike.
SIMILAR = 0.8


def name_similarity(words: list[str], name: str, *, prefixes: bool = True) -> float:
    """How well folded query words match a folded name, 0 to 1: for each word the best
    score against one of the name's words (spelled alike, or alike by key, or with
    `prefixes` the start of it: 'janssen' for 'janssens'), averaged over the query's words."""
    name_words = name.split()
    if not words or not name_words:
        return 0.0
    return sum(max(_word_score(w, n, prefixes) for n in name_words) for w in words) / len(words)


#: A word that is only the start of a name word is a good match, not a perfect one.
_PREFIX_SCORE = 0.85


def _word_score(word: str, candidate: str, prefixes: bool) -> float:
    key, candidate_key = phonetic(word), phonetic(candidate)
    spelled = SequenceMatcher(None, word, candidate).ratio()
    said = SequenceMatcher(None, key, candidate_key).ratio() if key and candidate_key else 0.0
    start = _PREFIX_SCORE if prefixes and len(key) >= 3 and candidate_key.startswith(key) else 0
    return max(spelled, said, start)


@dataclass(frozen=True)
class SearchTerms:
    """What a search box term asks for: name or street words, numbers (a house number),
    INSZ digits, a birth date."""

    words: list[str]
    numbers: list[str]
    insz_digits: str
    born: dt.date | None
    impossible_date: bool  # a date that does not exist (31/02/1990): nobody is born then


def search_terms(term: str) -> SearchTerms:
    """Split a search term: '14/03/1990', '14-03-1990' and '4.3.1990' are birth dates
    (dd/mm/jjjj as people type them; eight bare digits stay the start of an INSZ), the
    rest are words and numbers."""
    born, impossible, rest = None, False, []
    for token in term.split():
        if looks_like_date(token):
            try:
                born = parse_belgian_date(token)
            except NotADate:
                impossible = True
        else:
            rest.append(token)
    text = " ".join(rest)
    tokens = fold(text).split()
    digits = normalise_insz(text)
    return SearchTerms(
        words=[t for t in tokens if not (t.isascii() and t.isdigit())],
        numbers=[t for t in tokens if t.isascii() and t.isdigit()],
        insz_digits=digits if digits.isascii() and digits.isdigit() and len(digits) >= 6 else "",
        born=born,
        impossible_date=impossible,
    )
