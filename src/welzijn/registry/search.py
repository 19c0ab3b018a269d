"""Search keys for names: lower-case, without accents, so 'Çelik Zoë' finds 'celik zoe'."""

import unicodedata


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().replace("-", " ").split())


def search_name(first_name: str, last_name: str) -> str:
    return fold(f"{first_name} {last_name}")
