"""Search keys for names: lower-case, without accents, so 'Çelik Zoë' finds 'celik zoe'."""

import unicodedata


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
