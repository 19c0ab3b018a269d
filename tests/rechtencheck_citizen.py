"""A citizen going through the Rechtencheck with Django's test client: a single parent on
low income (Sara, 34, and her daughter Lina, 6), answering truthfully."""

import re

from django.test import Client

SINGLE_PARENT_MEMBERS = {
    "name_0": "Sara",
    "age_0": "34",
    "name_1": "Lina",
    "age_1": "6",
    "relation_1": "kind",
}
#: Sara's true answers by input; anything else is "nee", 0 or "weet ik niet".
SINGLE_PARENT = {
    "woont_in_gent": "ja",
    "verblijfsstatus": "belg",
    "woont_in_belgie": "ja",
    "netto_bestaansmiddelen": "987,65",
    "netto_arbeidsinkomen": "0",
    "werkbereid": "ja",
    "huurt_op_private_markt": "ja",
    "huurprijs_per_maand": "650",
    "onderwijs": "lager",
    "aangesloten_bij_ziekenfonds": "ja",
    "bruto_belastbaar_gezinsinkomen": "11000",
}
FOUR_RIGHTS = (
    "Leefloon",
    "Verhoogde tegemoetkoming (ziekenfonds)",
    "Sociale toeslag (Groeipakket)",
    "UiTPAS kansentarief Gent",
)


def field(response, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', response.content.decode())
    assert match, f"no field {name} in the page"
    return match.group(1)


def step(response) -> str:
    return field(response, "step")


def truthful(html: str, truth: dict) -> str:
    """The answer to the question on the page, from the truth by input."""
    name = re.search(r'name="key" value="[^".]*\.([^"]+)"', html).group(1)
    if name in truth:
        return truth[name]
    if 'value="ja"' in html:
        return "nee"
    return "weet_niet" if 'type="radio"' in html else "0"


def answer_fields(html: str, truth: dict) -> dict:
    """The POSTed fields that answer the step on the page (its HTML): a checklist ticks
    what is true, a form fills every field, a single question gives its value."""
    if 'name="tick"' in html or 'name="unsure"' in html:
        ticks = re.findall(r'name="tick" value="([^"]+)"', html)
        return {"tick": [key for key in ticks if truth.get(key.split(".", 1)[1]) == "ja"]}
    fields = dict.fromkeys(re.findall(r'name="((?:hh|p\d+)\.[a-z_]+)"', html))
    if fields:
        return {key: truth.get(key.split(".", 1)[1]) or _fallback(html, key) for key in fields}
    return {"value": truthful(html, truth)}


def _fallback(html: str, key: str) -> str:
    if f'name="{key}" value="ja"' in html:
        return "nee"
    return "weet_niet" if f'<select id="f-{key.replace(".", "-")}"' in html else "0"


def complete(client: Client, truth: dict = SINGLE_PARENT, lang: str = "nl", limit: int = 80):
    """Start, give the members, answer every question; the result page's response."""
    response = client.get("/rechtencheck/")
    response = client.post("/rechtencheck/", {"state": field(response, "state"), "lang": lang})
    response = client.post("/rechtencheck/", {"state": field(response, "state"), "action": "start"})
    post = {"state": field(response, "state"), "key": "members", "action": "answer"}
    response = client.post("/rechtencheck/", post | SINGLE_PARENT_MEMBERS)
    for _ in range(limit):
        if not step(response).startswith("q:"):
            return response
        answer = {
            "state": field(response, "state"),
            "step": step(response),
            "key": step(response)[2:],
            "action": "answer",
            **answer_fields(response.content.decode(), truth),
        }
        response = client.post("/rechtencheck/", answer)
        assert response.status_code == 200, response.content.decode()[:2000]
    raise AssertionError(f"no result after {limit} questions")


def right_statuses(response) -> dict[str, str]:
    """Right name -> its status class on the result page."""
    html = response.content.decode()
    found = re.findall(r'<li class="right (\w+)">\s*<h3>(.*?)</h3>', html)
    return {name: status for status, name in found}
