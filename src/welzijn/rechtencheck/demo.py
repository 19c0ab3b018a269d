"""A Rechtencheck request for the demo: a single parent's check, sent with consent to the
demo onthaal's welzijnsbureau (Brugse Poort)."""

import json

from django.utils import timezone
from django.utils.translation import override

from welzijn.rights.selfcheck import Interview, load_interview_rules

from .presentation import outcome_record, shown_answers
from .services import selfcheck_request_send

DEMO_ANSWERS = {
    "members": json.dumps(
        [
            {"name": "Sara", "age": 34, "relation": "ik"},
            {"name": "Lina", "age": 6, "relation": "kind"},
        ]
    ),
    "hh.woont_in_gent": "ja",
    "hh.bruto_belastbaar_gezinsinkomen": "11000",
}


def demo_selfcheck_request_create():
    interview = Interview(load_interview_rules(), timezone.localdate(), DEMO_ANSWERS)
    with override("nl"):
        shown = [
            {"key": q.key, "question": text, "answer": answer}
            for q, raw in interview.answered()
            for text, answer in shown_answers(q, raw)
        ]
        results = [outcome_record(o) for o in interview.results()]
    return selfcheck_request_send(
        office_code="wb-brugse-poort",
        consent=True,
        name="Sara (demo)",
        phone="0470 12 34 56",
        email="",
        language="nl",
        answers={"raw": DEMO_ANSWERS, "shown": shown},
        results=results,
    )
