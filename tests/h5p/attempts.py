"""Pupils' attempts at a quiz, recorded through xapi.record() as the player's statements would be."""

from h5p import xapi
from tests.h5p.statements import IRI_BASE, statement

# The quiz's questions as H5P describes them: HTML, in the order the player asks them.
QUESTIONS = {
    "vraag-foto": "<p>Mag je een <strong>foto</strong> van een klasgenoot zomaar online zetten?</p>",
    "vraag-wachtwoord": "<p>Vertel je je wachtwoord aan je beste vriend?</p>",
    "vraag-bericht": "<p>Iemand stuurt je een gemeen bericht. Wat doe je?</p>",
}


def record(content, pupil, data):
    return xapi.record(content, pupil, data, object_iri=IRI_BASE.format(pk=content.pk), home_page="http://testserver")


def answer(content, pupil, sub_content_id, right, *, description=None, raw=None, maximum=1, **result):
    """One question's "answered" statement; `description` None: the question's text from QUESTIONS."""
    raw = (maximum if right else 0) if raw is None else raw
    data = statement(content, raw=raw, maximum=maximum, sub_content_id=sub_content_id, **result)
    data["object"]["definition"]["description"] = {
        "nl-NL": QUESTIONS.get(sub_content_id, "") if description is None else description
    }
    if data["result"]["success"] is None:
        del data["result"]["success"]  # success=None: a statement that does not say
    return record(content, pupil, data)


def attempt(content, pupil, *rights, questions=None):
    """One finished attempt: each question right or wrong (None: skipped), then the quiz's "completed"."""
    for sub_content_id, right in zip(questions or QUESTIONS, rights, strict=False):
        if right is not None:
            answer(content, pupil, sub_content_id, right)
    score = sum(1 for right in rights if right)
    return record(content, pupil, statement(content, verb="completed", raw=score, maximum=len(rights)))
