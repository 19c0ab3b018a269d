"""The citizen's answers travel in the page, never in the database, the session or a URL:
each form carries them in one hidden field, signed so that a page cannot be fed answers it
did not ask for in a shape the interview does not expect."""

from dataclasses import dataclass, field
from typing import Any

from django.core import signing

SALT = "welzijn.rechtencheck.answers"
#: A check left open longer than this starts again (the signature ages with the page).
MAX_AGE_SECONDS = 8 * 3600
LANGUAGES = {
    "nl": ("Nederlands", "ltr"),
    "fr": ("Français", "ltr"),
    "en": ("English", "ltr"),
    "ar": ("العربية", "rtl"),
}
DEFAULT_LANGUAGE = "nl"


@dataclass
class Carried:
    """What one page hands to the next: the language and the answers in the order given."""

    language: str = DEFAULT_LANGUAGE
    answers: dict[str, Any] = field(default_factory=dict)

    def dumps(self) -> str:
        return signing.dumps({"l": self.language, "a": self.answers}, salt=SALT, compress=True)

    @classmethod
    def loads(cls, value: str | None) -> "Carried":
        """The carried state, or a fresh start when there is none or it was tampered with
        or is too old."""
        if not value:
            return cls()
        try:
            data = signing.loads(value, salt=SALT, max_age=MAX_AGE_SECONDS)
        except signing.BadSignature:
            return cls()
        language = data.get("l") if data.get("l") in LANGUAGES else DEFAULT_LANGUAGE
        answers = data.get("a") if isinstance(data.get("a"), dict) else {}
        return cls(language, answers)

    def without_last(self) -> "Carried":
        keys = list(self.answers)
        return Carried(self.language, {k: self.answers[k] for k in keys[:-1]})


def language_of(code: str | None) -> str:
    return code if code in LANGUAGES else DEFAULT_LANGUAGE
