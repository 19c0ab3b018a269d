"""The Rechtencheck's public pages (no login): one question per page, back, change an
answer, the result at any time, the PDF, and sending it to a welzijnsbureau.

Every page is a POST that carries the answers in a signed hidden field
(`rechtencheck.carry`): nothing the citizen enters reaches the database, the session, a
URL or a log unless they send it to a welzijnsbureau with their consent. The language
(Dutch, French, English, Arabic) is carried the same way and activated for this request
only; the workplace stays Dutch."""

import json
import re

from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import render
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from welzijn.rechtencheck.answers import InvalidAnswer, raw_answer
from welzijn.rechtencheck.carry import LANGUAGES, Carried, language_of
from welzijn.rechtencheck.forms import SendForm
from welzijn.rechtencheck.presentation import (
    grouped,
    outcome_record,
    relation_choices,
    show_question,
    shown_answers,
)
from welzijn.rechtencheck.selectors import offices_for_postcode
from welzijn.rechtencheck.services import selfcheck_request_send
from welzijn.rights.selfcheck import UNKNOWN, Interview, load_interview_rules
from welzijn.web.pdf import pdf_response

POSTCODE = re.compile(r"^9\d{3}$")


def _interview(carried: Carried) -> Interview:
    return Interview(load_interview_rules(), timezone.localdate(), carried.answers)


class Page:
    """One request of the check: the carried state, the interview and the rendering."""

    def __init__(self, request):
        self.request = request
        self.carried = Carried.loads(request.POST.get("state"))
        if request.POST.get("lang"):
            self.carried.language = language_of(request.POST["lang"])
        self.postcode = (request.POST.get("postcode") or "").strip()[:4]
        self._interview: Interview | None = None

    @property
    def interview(self) -> Interview:
        if self._interview is None:
            self._interview = _interview(self.carried)
        return self._interview

    def given(self) -> list[dict]:
        """Every answer as a line (a checklist or form: a line per field), with the key
        of the step that changes it."""
        return [
            {"key": q.key, "text": text, "answer": answer}
            for q, raw in self.interview.answered()
            for text, answer in shown_answers(q, raw)
        ]

    def render(self, template: str, step: str, status: int = 200, **context):
        language = self.carried.language
        context.update(
            state=self.carried.dumps(),
            step=step,
            postcode=self.postcode if POSTCODE.match(self.postcode) else "",
            lang=language,
            direction=LANGUAGES[language][1],
            languages=[(code, label) for code, (label, _dir) in LANGUAGES.items()],
        )
        return render(self.request, template, context, status=status)

    # -- the steps
    def question(self, question, error: str = "", status: int = 200):
        current = self._typed(question) if error else self.carried.answers.get(question.key)
        answered = self.interview.answered()
        keys = [q.key for q, _raw in answered]
        number = keys.index(question.key) + 1 if question.key in keys else len(keys) + 1
        return self.render(
            "rechtencheck/question.html",
            f"q:{question.key}",
            status,
            question=show_question(question, current),
            error=error,
            number=number,
            given=self.given(),
            roles=relation_choices(),
        )

    def _typed(self, question) -> str:
        """What the citizen typed, shown again with the error."""
        post = self.request.POST
        if question.kind == "form":
            return json.dumps({f.key: post.get(f.key, "") for f in question.fields})
        if question.kind != "members":
            return post.get("value", "")
        rows = [
            {
                "name": post.get(f"name_{i}", ""),
                "age": post.get(f"age_{i}", ""),
                "relation": post.get(f"relation_{i}", ""),
            }
            for i in range(12)
            if post.get(f"name_{i}") or post.get(f"age_{i}")
        ]
        return json.dumps(rows)

    def next_or_result(self):
        question = self.interview.next_question()
        return self.question(question) if question is not None else self.result()

    def result(self, postcode_error: str = ""):
        outcomes = self.interview.results()
        return self.render(
            "rechtencheck/result.html",
            "result",
            400 if postcode_error else 200,
            groups=grouped(outcomes),
            open_questions=sum(o.status == UNKNOWN for o in outcomes),
            offices=offices_for_postcode(self.postcode) if POSTCODE.match(self.postcode) else [],
            postcode_error=postcode_error,
            given=self.given(),
        )

    def asked(self, key: str):
        """The question with this key: one answered already, or the next one."""
        for question, _raw in self.interview.answered():
            if question.key == key:
                return question
        question = self.interview.next_question()
        return question if question is not None and question.key == key else None

    def step_again(self):
        """The page the citizen was on (after a change of language)."""
        step = self.request.POST.get("step", "")
        if step.startswith("q:") and (question := self.asked(step[2:])) is not None:
            return self.question(question)
        if step == "result":
            return self.result()
        if step == "send":
            return send_page(self, SendForm(offices=_offices(self)))
        if step == "intro" or not self.carried.answers:
            return self.render("rechtencheck/intro.html", "intro")
        return self.next_or_result()

    def back(self):
        step = self.request.POST.get("step", "")
        keys = [q.key for q, _raw in self.interview.answered()]
        current = step[2:] if step.startswith("q:") else None
        at = keys.index(current) if current in keys else len(keys)
        if at == 0:
            return self.render("rechtencheck/intro.html", "intro")
        return self.question(self.interview.answered()[at - 1][0])

    def answer(self):
        question = self.asked(self.request.POST.get("key", ""))
        if question is None:  # an old page: carry on where the interview is
            return self.next_or_result()
        with_language = translation.override(self.carried.language)
        try:
            with with_language:
                raw = raw_answer(question, self.request.POST, timezone.localdate())
        except InvalidAnswer as error:
            return self.question(question, str(error), status=400)
        answers = dict(self.carried.answers)
        answers[question.key] = raw
        self.carried = Carried(self.carried.language, answers)
        self._interview = None
        return self.next_or_result()


def _offices(page: Page):
    """The welzijnsbureaus to send to: those of the citizen's postcode, else all."""
    return offices_for_postcode(page.postcode if POSTCODE.match(page.postcode) else "")


@never_cache
@require_http_methods(["GET", "POST"])
def check(request):
    """The start page (GET) and every step after it (POST)."""
    page = Page(request)
    with translation.override(page.carried.language):
        if request.method == "GET":
            return page.render("rechtencheck/intro.html", "intro")
        action = request.POST.get("action", "")
        if request.POST.get("change"):
            question = page.asked(request.POST["change"])
            return page.question(question) if question else page.next_or_result()
        if request.POST.get("lang"):
            return page.step_again()
        if action == "answer":
            return page.answer()
        if action == "back":
            return page.back()
        if action == "result":
            if page.postcode and not POSTCODE.match(page.postcode):
                page.postcode = ""
                return page.result(
                    translation.gettext("Vul een Gentse postcode in, bijvoorbeeld 9000.")
                )
            return page.result()
        return page.next_or_result()  # start, continue


@never_cache
def summary_pdf(request):
    """The result as a PDF to take along, built from the answers in the request."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    page = Page(request)
    with translation.override(page.carried.language):
        outcomes = page.interview.results()
        html_context = {
            "groups": grouped(outcomes),
            "given": page.given(),
            "offices": _offices(page) if POSTCODE.match(page.postcode) else [],
            "lang": page.carried.language,
            "direction": LANGUAGES[page.carried.language][1],
            "today": timezone.localdate(),
        }
        return pdf_response("rechtencheck/pdf.html", html_context, "rechtencheck.pdf")


def send_page(page: Page, form: SendForm, status: int = 200):
    return page.render("rechtencheck/send.html", "send", status, form=form)


@never_cache
def send(request):
    """The consent form, and sending the check to the chosen welzijnsbureau."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    page = Page(request)
    with translation.override(page.carried.language):
        offices = _offices(page)
        if request.POST.get("action") != "send":
            initial = {"office": offices[0].office.code} if offices else {}
            return send_page(page, SendForm(offices=offices, initial=initial))
        form = SendForm(request.POST, offices=offices)
        if not form.is_valid():
            return send_page(page, form, status=400)
        data = form.cleaned_data
        with translation.override("nl"):  # the office reads the results in Dutch
            results = [outcome_record(o) for o in page.interview.results()]
            answers = [
                {"key": item["key"], "question": item["text"], "answer": item["answer"]}
                for item in page.given()
            ]
        try:
            sent = selfcheck_request_send(
                office_code=data["office"],
                consent=data["consent"],
                name=data["name"],
                phone=data["phone"],
                email=data["email"],
                language=page.carried.language,
                answers={"raw": page.carried.answers, "shown": answers},
                results=results,
            )
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                form.add_error(field if field in form.fields else None, messages)
            return send_page(page, form, status=400)
        visit = getattr(sent.office, "visit", None)
        return page.render(
            "rechtencheck/sent.html", "result", office=sent.office, offices=[visit] if visit else []
        )
