"""Rechtencheck: the citizen's anonymous, adaptive self-check of their social rights.

Pure Python on the rights engine (no Django): `Interview` chooses the next question
from the answers so far and classifies every right; the questions are data in
``rights/rules/questions.yaml``. See `interview` for how a question is chosen and
`outcomes` for what "probably" means; `answers.parse_members` documents the format
of the members answer.
"""

from .answers import DONT_KNOW, RELATION_LABELS, AnswerError, Member, parse_members
from .interview import Interview, load_interview_rules
from .outcomes import ENTITLED, NOT_ENTITLED, PROBABLY, UNKNOWN, RightOutcome
from .questions import MEMBERS_KEY, Question, checklist_answer

__all__ = [
    "DONT_KNOW",
    "ENTITLED",
    "MEMBERS_KEY",
    "NOT_ENTITLED",
    "PROBABLY",
    "RELATION_LABELS",
    "UNKNOWN",
    "AnswerError",
    "Interview",
    "Member",
    "Question",
    "RightOutcome",
    "checklist_answer",
    "load_interview_rules",
    "parse_members",
]
