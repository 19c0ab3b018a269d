"""The Dutch texts the Rechtencheck shows that come from the rules (YAML), not from its
templates: question texts, help lines, checklist lines, the steps that group questions and
choice labels (`rights/rules/questions.yaml`),
the relations of the members question, the rights' names, what to do and their sentences
why (``reasons:``, with their placeholders), the periods of amounts, and the interview's own
to-do sentences. They are the msgids of the
translations; `welzijn rechtencheck_messages` writes them to `rule_messages.py` so that
makemessages finds them, and a test checks every one has a translation."""

from welzijn.rights.selfcheck import RELATION_LABELS, load_interview_rules
from welzijn.rights.selfcheck.interview import catalogue
from welzijn.rights.selfcheck.outcomes import NOT_ENTITLED, UNKNOWN, _todo


def rule_texts() -> list[str]:
    """Every such text once, in a stable order."""
    texts: list[str] = []
    questions = catalogue()
    texts += [questions.members_text, questions.members_help]
    for spec in questions.questions.values():
        texts += [spec.text, spec.help, spec.label, *(label for _value, label in spec.choices)]
    for gate in questions.gates.values():
        texts += [gate.text, gate.help, gate.label]
    for group in questions.groups.values():
        texts += [group.text, group.help]
    texts += [label for _value, label in RELATION_LABELS]
    texts += list(questions.amount_periods.values())
    for right in load_interview_rules().rights.values():
        texts += [right.label]
        texts += [text for templates in right.reasons.values() for text in templates]
        for status in ("entitled", UNKNOWN, NOT_ENTITLED):
            texts += [_todo(right.how_to_apply, status, right.auto_grantable)]
    texts += [_todo("", "entitled", True), _todo("", "entitled", False)]
    return list(dict.fromkeys(t for t in texts if t))
