"""Every text the Rechtencheck shows has a French, English and Arabic translation: the
rules' texts (questions, help, choices, rights, what to do) as well as the pages'."""

import gettext
from pathlib import Path

import pytest
from django.utils import translation

from welzijn.rechtencheck.management.commands.rechtencheck_messages import (
    APP_DIR,
    LANGUAGES,
    rule_messages_source,
)
from welzijn.rechtencheck.rule_texts import rule_texts
from welzijn.rights.engine.explanation import reason_values
from welzijn.rights.engine.ruleset import REASON_OUTCOMES
from welzijn.rights.selfcheck import load_interview_rules

LOCALE = APP_DIR / "locale"


def test_the_rule_messages_are_up_to_date_with_the_rules():
    written = (APP_DIR / "rule_messages.py").read_text(encoding="utf-8")
    assert written == rule_messages_source(), "run: welzijn rechtencheck_messages"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_rule_text_is_translated_in_the_committed_catalogue(language):
    mo = LOCALE / language / "LC_MESSAGES" / "django.mo"
    catalogue = gettext.GNUTranslations(mo.open("rb"))
    missing = [text for text in rule_texts() if not catalogue._catalog.get(text)]
    assert missing == [], f"{language}: {len(missing)} untranslated, e.g. {missing[:3]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_matches_its_po_file(language):
    po = (LOCALE / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    mo = LOCALE / language / "LC_MESSAGES" / "django.mo"
    catalogue = gettext.GNUTranslations(mo.open("rb"))
    entries = po.split("\n\n")[1:]  # after the header
    assert all('msgstr ""\n' not in e or 'msgstr ""\n"' in e for e in entries), "untranslated"
    assert "#, fuzzy" not in po
    compiled = [msgid for msgid in catalogue._catalog if msgid]  # without the header
    assert len(compiled) == sum(e.count("\nmsgid ") + e.startswith("msgid ") for e in entries), (
        "the .mo is older than the .po: run welzijn compilemessages"
    )


def test_django_finds_the_catalogues():
    with translation.override("ar"):
        assert translation.gettext("Uw resultaat") == "نتيجتك"
    with translation.override("fr"):
        assert translation.gettext("Leefloon") == "Revenu d'intégration (leefloon)"
    assert Path(LOCALE / "en" / "LC_MESSAGES" / "django.mo").stat().st_size > 10000


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_right_has_its_reasons_translated_with_the_same_values(language):
    """Each right says why it is open and why not (``reasons:`` in the rules), and each of
    those sentences is translated, naming the same values (a placeholder lost or misspelt in
    a translation would show no amount, or fail)."""
    mo = LOCALE / language / "LC_MESSAGES" / "django.mo"
    catalogue = gettext.GNUTranslations(mo.open("rb"))
    problems = []
    for code, right in load_interview_rules().rights.items():
        for outcome in REASON_OUTCOMES:
            if not right.reasons.get(outcome):
                problems.append(f"{code}: no reason for {outcome}")
            for template in right.reasons.get(outcome, ()):
                translated = catalogue._catalog.get(template)
                if not translated:
                    problems.append(f"{code}: untranslated {template!r}")
                elif sorted(reason_values(translated)) != sorted(reason_values(template)):
                    problems.append(f"{code}: other values in {translated!r}")
    assert problems == [], f"{language}: {problems[:3]}"
