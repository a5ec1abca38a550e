"""A pupil's own results: every attempt with its date and score, kind feedback, per question "goed" or "nog niet
goed" with the question's text, nobody else's data, and a query count that does not grow."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import formats

from h5p.models import H5PAttempt
from h5p.results import feedback_for
from tests.h5p.attempts import QUESTIONS, answer, attempt, record
from tests.h5p.statements import statement

FOTO, WACHTWOORD, BERICHT = QUESTIONS
MY_RESULTS = reverse("h5p:my_results")


def my_page(client, pupil):
    client.force_login(pupil)
    response = client.get(MY_RESULTS)
    assert response.status_code == 200
    return response


def test_a_pupil_sees_each_attempt_with_date_score_and_kind_feedback(client, pupil, school_class, quiz):
    first = attempt(quiz, pupil, True, False, False)
    attempt(quiz, pupil, True, True, True)
    response = my_page(client, pupil)
    [activity] = response.context["activities"]
    assert activity.content == quiz
    assert [own.attempt.number for own in activity.attempts] == [1, 2]
    html = response.content.decode()
    assert "Poging 1" in html and "Poging 2" in html
    assert "Score: 1 / 3" in html and "Score: 3 / 3" in html
    assert "Nog even oefenen? Je mag het nog een keer proberen." in html
    assert "Alles goed! Knap gedaan." in html
    assert formats.date_format(first.created_at.astimezone(), "j F Y") in html
    assert f'href="{reverse("h5p:play", args=[quiz.pk])}"' in html


def test_per_question_the_pupil_reads_goed_or_nog_niet_goed_with_the_question(client, pupil, school_class, quiz):
    attempt(quiz, pupil, True, False, True)
    response = my_page(client, pupil)
    [own] = response.context["activities"][0].attempts
    assert [(a.text, a.right) for a in own.answers] == [
        ("Mag je een foto van een klasgenoot zomaar online zetten?", True),
        ("Vertel je je wachtwoord aan je beste vriend?", False),
        ("Iemand stuurt je een gemeen bericht. Wat doe je?", True),
    ]
    html = response.content.decode()
    answers = html.split('class="h5p-my-answers"')[1].split("</ul>")[0]
    items = answers.split("<li")[1:]
    assert "goed" in items[0] and "nog niet goed" not in items[0] and "Mag je een foto" in items[0]
    assert "nog niet goed" in items[1] and "Vertel je je wachtwoord" in items[1]
    assert "<strong>" not in answers
    assert "Een flink stuk goed!" in html


def test_a_question_without_text_is_numbered(client, pupil, school_class, quiz):
    answer(quiz, pupil, "zonder-tekst", True, description="")
    record(quiz, pupil, statement(quiz, verb="completed"))
    [own] = my_page(client, pupil).context["activities"][0].attempts
    assert [(a.text, a.right) for a in own.answers] == [("Vraag 1", True)]


@pytest.mark.parametrize(
    ("raw", "maximum", "words"),
    [
        ("4", "4", "Alles goed! Knap gedaan."),
        ("3", "4", "Bijna alles goed."),
        ("2", "4", "Een flink stuk goed!"),
        ("1", "4", "Nog even oefenen? Je mag het nog een keer proberen."),
        ("0", "4", "Nog even oefenen? Je mag het nog een keer proberen."),
        (None, None, "Nog niet af."),
    ],
)
def test_feedback_is_short_and_kind_for_every_score(raw, maximum, words):
    finished = H5PAttempt(
        raw_score=None if raw is None else Decimal(raw), max_score=None if maximum is None else Decimal(maximum)
    )
    feedback = str(feedback_for(finished))
    assert words in feedback
    assert len(feedback) <= 80


def test_an_unfinished_attempt_says_so_without_a_score(client, pupil, school_class, quiz):
    answer(quiz, pupil, FOTO, True)
    html = my_page(client, pupil).content.decode()
    assert "Nog niet af. Je mag het afmaken of opnieuw proberen." in html
    assert "Score:" not in html


def test_a_round_score_is_written_as_a_number(client, pupil, school_class, content):
    record(content, pupil, statement(content, raw=10, maximum=10))
    html = my_page(client, pupil).content.decode()
    assert "Score: 10 / 10" in html and "E+" not in html


def test_a_pupil_never_sees_other_pupils_attempts_or_answers(client, pupils, school_class, other_class, quiz):
    me, classmate = pupils[0], pupils[1]
    outsider = other_class.pupils.first()
    attempt(quiz, me, True)
    answer(quiz, classmate, FOTO, False, description="<p>Vraag die alleen de klasgenoot zag</p>")
    record(quiz, classmate, statement(quiz, verb="completed", raw=0))
    answer(quiz, outsider, FOTO, True, description="<p>Vraag van een andere klas</p>")
    record(quiz, outsider, statement(quiz, verb="completed"))
    response = my_page(client, me)
    attempts = response.context["attempts"]
    assert [a.user for a in attempts] == [me]
    html = response.content.decode()
    assert "alleen de klasgenoot" not in html and "andere klas" not in html
    assert classmate.display_name not in html and outsider.display_name not in html
    assert html.count("Poging 1") == 1


def test_an_archived_activity_keeps_its_results_without_a_play_link(client, pupil, school_class, quiz):
    attempt(quiz, pupil, True)
    quiz.archive()
    html = my_page(client, pupil).content.decode()
    assert quiz.title in html and "Alles goed! Knap gedaan." in html
    assert reverse("h5p:play", args=[quiz.pk]) not in html


def test_a_pupil_without_attempts_is_told_so(client, pupil, school_class):
    assert "Je hebt nog geen activiteiten gemaakt." in my_page(client, pupil).content.decode()


def test_the_page_needs_a_login(client):
    response = client.get(MY_RESULTS)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_page_shows_lists_not_tables(client, pupil, school_class, quiz):
    attempt(quiz, pupil, True, False)
    html = my_page(client, pupil).content.decode()
    main = html.split("<main")[1].split("</main>")[0]
    assert "<table" not in main
    assert 'class="h5p-my-attempts"' in main


def test_queries_do_not_grow_with_attempts_activities_or_questions(
    client, pupil, school_class, quiz, content, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    attempt(quiz, pupil, True)
    client.force_login(pupil)
    client.get(MY_RESULTS)
    with CaptureQueriesContext(connection) as queries:
        client.get(MY_RESULTS)
    small = len(queries)

    questions = [*QUESTIONS, "vraag-extra-1", "vraag-extra-2"]
    for _ in range(4):
        attempt(quiz, pupil, True, False, True, False, True, questions=questions)
        record(content, pupil, statement(content, raw=3, maximum=4))
    client.get(MY_RESULTS)
    with django_assert_num_queries(small):
        response = client.get(MY_RESULTS)
    assert len(response.context["attempts"]) == 9
