"""The teacher's results per question: each pupil's answer, the class's share right, the hardest question, which
attempt counts by the grade method (the activity's own by default), the CSV of it, and a constant query count."""

import csv
import io

import pytest
from django.urls import reverse

from h5p.choices import GradeMethod
from tests.factories import PupilFactory
from tests.h5p.attempts import QUESTIONS, answer, attempt, record
from tests.h5p.statements import statement

FOTO, WACHTWOORD, BERICHT = QUESTIONS


def results_url(content, school_class):
    return reverse("h5p:results", args=[content.pk, school_class.pk])


def csv_url(content, school_class):
    return reverse("h5p:results_csv", args=[content.pk, school_class.pk])


def get_results(client, teacher, content, school_class, **params):
    client.force_login(teacher)
    response = client.get(results_url(content, school_class), params)
    assert response.status_code == 200
    return response


def csv_table(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))


def grades(response):
    return {row.pupil: grade for row, grade in response.context["rows"]}


def answers_by_pupil(response):
    return {row.pupil: [answer.right for answer in row.answers] for row in response.context["report"].rows}


@pytest.fixture
def played(quiz, pupils):
    """Daan, Noor and Sanne (pupils ordered by name) each finished the quiz once."""
    first, second, third = pupils
    attempt(quiz, first, True, True, False)
    attempt(quiz, second, True, False, False)
    attempt(quiz, third, True, True, True)
    return quiz


def test_each_pupils_answer_per_question_is_shown_with_the_question_text(client, teacher, school_class, pupils, played):
    response = get_results(client, teacher, played, school_class)
    report = response.context["report"]
    assert [q.sub_content_id for q in report.questions] == [FOTO, WACHTWOORD, BERICHT]
    assert report.questions[0].text == "Mag je een foto van een klasgenoot zomaar online zetten?"
    assert answers_by_pupil(response) == {
        pupils[0]: [True, True, False],
        pupils[1]: [True, False, False],
        pupils[2]: [True, True, True],
    }
    html = response.content.decode()
    assert "Vraag 1" in html and "Vertel je je wachtwoord aan je beste vriend?" in html
    assert "<strong>foto</strong>" not in html
    assert html.count("niet goed") >= 3
    assert "1 / 1" in html and "0 / 1" in html


def test_per_question_the_share_of_the_class_that_got_it_right(client, teacher, school_class, played):
    response = get_results(client, teacher, played, school_class)
    shares = [(q.right, q.judged, q.percentage) for q in response.context["report"].questions]
    assert shares == [(3, 3, 100), (2, 3, 67), (1, 3, 33)]
    html = response.content.decode()
    assert "3 van 3 leerlingen goed" in html
    assert "2 van 3 leerlingen goed" in html
    assert "1 van 3 leerlingen goed" in html and "33%" in html


def test_pupils_who_did_not_answer_a_question_do_not_count_for_its_share(client, teacher, school_class, pupils, quiz):
    attempt(quiz, pupils[0], True, None, True)
    attempt(quiz, pupils[1], False, True, True)
    response = get_results(client, teacher, quiz, school_class)
    questions = {q.sub_content_id: q for q in response.context["report"].questions}
    assert (questions[WACHTWOORD].right, questions[WACHTWOORD].judged) == (1, 1)
    assert (questions[FOTO].right, questions[FOTO].judged) == (1, 2)
    assert "1 van 1 leerling goed" in response.content.decode()
    assert "niet gemaakt" in response.content.decode()


def test_right_means_full_marks_when_the_statement_has_no_success(client, teacher, school_class, pupils, quiz):
    answer(quiz, pupils[0], FOTO, True, raw=2, maximum=2, success=None)
    answer(quiz, pupils[0], WACHTWOORD, False, raw=1, maximum=2, success=None)
    record(quiz, pupils[0], statement(quiz, verb="completed", raw=3, maximum=4))
    response = get_results(client, teacher, quiz, school_class)
    assert answers_by_pupil(response)[pupils[0]] == [True, False]
    assert "2 / 2" in response.content.decode()


def test_success_decides_over_the_score(client, teacher, school_class, pupils, quiz):
    answer(quiz, pupils[0], FOTO, True, raw=1, maximum=2, success=True)
    record(quiz, pupils[0], statement(quiz, verb="completed", raw=1, maximum=2))
    assert answers_by_pupil(get_results(client, teacher, quiz, school_class))[pupils[0]] == [True]


def test_the_hardest_question_is_named_in_words(client, teacher, school_class, played):
    response = get_results(client, teacher, played, school_class)
    report = response.context["report"]
    assert [q.sub_content_id for q in report.hardest] == [BERICHT]
    html = response.content.decode()
    assert "Deze vraag vond de klas het moeilijkst:" in html
    table = html.split('class="h5p-results h5p-questions"')[1].split("</table>")[0]
    marked = [row for row in table.split("<tr")[2:] if "Moeilijkste vraag" in row]
    assert len(marked) == 1 and "Iemand stuurt je een gemeen bericht. Wat doe je?" in marked[0]
    assert html.count("Moeilijkste vraag") == 2  # in the questions table and above its column


def test_no_hardest_question_when_every_question_went_equally_well(client, teacher, school_class, pupils, quiz):
    attempt(quiz, pupils[0], True, True, True)
    attempt(quiz, pupils[1], False, False, False)
    response = get_results(client, teacher, quiz, school_class)
    assert response.context["report"].hardest == []
    assert "Moeilijkste vraag" not in response.content.decode()


def test_two_questions_can_share_the_hardest_place(client, teacher, school_class, pupils, quiz):
    attempt(quiz, pupils[0], True, False, False)
    attempt(quiz, pupils[1], True, True, True)
    report = get_results(client, teacher, quiz, school_class).context["report"]
    assert [q.sub_content_id for q in report.hardest] == [WACHTWOORD, BERICHT]


@pytest.fixture
def three_tries(quiz, pupils):
    """Daan's first try 1/3, his best 3/3, his last 2/3, each with other answers right."""
    attempt(quiz, pupils[0], True, False, False)
    attempt(quiz, pupils[0], True, True, True)
    attempt(quiz, pupils[0], False, True, True)
    return quiz


@pytest.mark.parametrize(
    ("method", "number", "rights", "grade"),
    [
        (GradeMethod.HIGHEST, 2, [True, True, True], 100),
        (GradeMethod.FIRST, 1, [True, False, False], 33),
        (GradeMethod.LAST, 3, [False, True, True], 67),
        (GradeMethod.AVERAGE, 3, [False, True, True], 67),
    ],
)
def test_the_grade_method_chooses_the_attempt_whose_answers_count(
    client, teacher, school_class, pupils, three_tries, method, number, rights, grade
):
    response = get_results(client, teacher, three_tries, school_class, methode=method)
    row = next(row for row in response.context["report"].rows if row.pupil == pupils[0])
    assert row.counted.number == number
    assert [a.right for a in row.answers] == rights
    assert grades(response)[pupils[0]] == grade


def test_for_the_average_the_page_says_the_answers_are_from_the_last_attempt(
    client, teacher, school_class, three_tries
):
    html = get_results(client, teacher, three_tries, school_class, methode="gemiddelde").content.decode()
    assert "per vraag zie je de antwoorden uit de laatste poging" in html


def test_the_page_follows_the_activitys_own_grade_method(client, teacher, school_class, pupils, three_tries):
    three_tries.grade_method = GradeMethod.LAST
    three_tries.save()
    response = get_results(client, teacher, three_tries, school_class)
    assert response.context["method"] == GradeMethod.LAST
    assert grades(response)[pupils[0]] == 67
    html = response.content.decode()
    assert "Deze activiteit telt volgens: Laatste poging." in html
    assert "Je bekijkt nu" not in html
    assert '<option value="laatste" selected>Laatste poging (deze activiteit)</option>' in html


def test_the_teacher_may_look_at_another_grade_method(client, teacher, school_class, pupils, three_tries):
    three_tries.grade_method = GradeMethod.LAST
    three_tries.save()
    response = get_results(client, teacher, three_tries, school_class, methode="eerste")
    assert grades(response)[pupils[0]] == 33
    html = response.content.decode()
    assert "Je bekijkt nu de scores volgens: Eerste poging." in html
    assert "Deze activiteit telt volgens: Laatste poging." in html
    assert f"{csv_url(three_tries, school_class)}?methode=eerste" in html


def test_question_text_is_plain_escaped_and_the_latest_given(client, teacher, school_class, pupils, quiz):
    answer(quiz, pupils[0], FOTO, True, description="<p>Oude tekst</p>")
    record(quiz, pupils[0], statement(quiz, verb="completed"))
    answer(quiz, pupils[1], FOTO, True, description="<p>Is &lt;b&gt; een tag?</p><p>Kies <em>goed</em>.</p>")
    record(quiz, pupils[1], statement(quiz, verb="completed"))
    answer(quiz, pupils[2], FOTO, True, description="")
    record(quiz, pupils[2], statement(quiz, verb="completed"))
    response = get_results(client, teacher, quiz, school_class)
    assert response.context["report"].questions[0].text == "Is <b> een tag? Kies goed."
    html = response.content.decode()
    assert "Is &lt;b&gt; een tag? Kies goed." in html
    assert "<b>" not in html and "Oude tekst" not in html


def test_a_long_question_is_shortened_with_the_full_text_at_hand(client, teacher, school_class, pupils, quiz):
    long_text = "Je ziet een filmpje van een klasgenoot die valt tijdens de gymles en iedereen lacht erom. " * 2
    answer(quiz, pupils[0], FOTO, False, description=f"<p>{long_text}</p>")
    record(quiz, pupils[0], statement(quiz, verb="completed", raw=0))
    question = get_results(client, teacher, quiz, school_class).context["report"].questions[0]
    assert question.is_shortened and question.short_text.endswith("…") and len(question.short_text) <= 60
    html = get_results(client, teacher, quiz, school_class).content.decode()
    assert f"<summary>{question.short_text}</summary><p>{long_text.strip()}</p>" in html
    assert f'title="{long_text.strip()}"' in html


def test_questions_are_in_the_order_the_class_first_met_them(client, teacher, school_class, pupils, quiz):
    attempt(quiz, pupils[0], True, True, questions=[BERICHT, FOTO])
    attempt(quiz, pupils[1], True, True, True, questions=[FOTO, WACHTWOORD, BERICHT])
    report = get_results(client, teacher, quiz, school_class).context["report"]
    assert [(q.number, q.sub_content_id) for q in report.questions] == [(1, BERICHT), (2, FOTO), (3, WACHTWOORD)]


def test_an_activity_without_questions_shows_just_the_overall_score(client, teacher, school_class, pupils, content):
    record(content, pupils[0], statement(content, raw=3, maximum=4))
    response = get_results(client, teacher, content, school_class)
    assert response.context["report"].questions == []
    html = response.content.decode()
    assert "3 / 4" in html and "75%" in html
    assert "Per vraag" not in html and "Vraag 1" not in html


def test_csv_has_the_score_per_question_and_last_the_class_share(client, teacher, school_class, pupils, played):
    client.force_login(teacher)
    response = client.get(csv_url(played, school_class))
    assert response["Content-Type"].startswith("text/csv")
    header, *pupil_rows, share_row = csv_table(response)
    assert header == [
        "Leerling",
        "Pogingen",
        "Beste score",
        "Laatste score",
        "Score (%) volgens: Hoogste score",
        "Afgerond",
        "Vraag 1: Mag je een foto van een klasgenoot zomaar online zetten?",
        "Vraag 2: Vertel je je wachtwoord aan je beste vriend?",
        "Vraag 3: Iemand stuurt je een gemeen bericht. Wat doe je?",
    ]
    by_name = {row[0]: row for row in pupil_rows}
    assert len(by_name) == 3
    first, second, _third = pupils
    assert by_name[first.display_name] == [first.display_name, "1", "2/3", "2/3", "67", "ja", "1/1", "1/1", "0/1"]
    assert by_name[second.display_name][6:] == ["1/1", "0/1", "0/1"]
    assert share_row == ["Goed in de klas", "", "", "", "", "", "3 van 3 (100%)", "2 van 3 (67%)", "1 van 3 (33%)"]


def test_csv_follows_the_activitys_grade_method_unless_another_is_asked(client, teacher, school_class, three_tries):
    three_tries.grade_method = GradeMethod.FIRST
    three_tries.save()
    client.force_login(teacher)
    rows = csv_table(client.get(csv_url(three_tries, school_class)))
    assert rows[0][4] == "Score (%) volgens: Eerste poging"
    daan = next(row for row in rows if row[1] == "3")
    assert daan[4:] == ["33", "ja", "1/1", "0/1", "0/1"]
    rows = csv_table(client.get(csv_url(three_tries, school_class), {"methode": "hoogste"}))
    assert next(row for row in rows if row[1] == "3")[4:] == ["100", "ja", "1/1", "1/1", "1/1"]


def test_csv_writes_a_question_text_that_starts_a_formula_as_text(client, teacher, school_class, pupils, quiz):
    answer(quiz, pupils[0], FOTO, True, description="=1+1")
    record(quiz, pupils[0], statement(quiz, verb="completed"))
    client.force_login(teacher)
    header = csv_table(client.get(csv_url(quiz, school_class)))[0]
    assert header[6] == "Vraag 1: =1+1"  # the label comes first, so the cell never starts with "="


def test_pupils_cannot_see_the_class_results_per_question(client, pupil, school_class, played):
    client.force_login(pupil)
    assert client.get(results_url(played, school_class)).status_code == 403
    assert client.get(csv_url(played, school_class)).status_code == 403


def _count(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm up the session
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_results_page_and_csv_queries_do_not_grow_with_pupils_attempts_or_questions(
    client, teacher, school_class, pupils, quiz, django_assert_num_queries
):
    attempt(quiz, pupils[0], True)
    client.force_login(teacher)
    urls = [results_url(quiz, school_class), csv_url(quiz, school_class)]
    small = [_count(client, url) for url in urls]

    extra = PupilFactory.create_batch(6)
    school_class.pupils.add(*extra)
    questions = [*QUESTIONS, "vraag-extra-1", "vraag-extra-2"]
    for pupil in [*pupils, *extra]:
        attempt(quiz, pupil, True, False, True, False, True, questions=questions)
        attempt(quiz, pupil, False, True, True, True, True, questions=questions)
    client.get(urls[0])
    for url, expected in zip(urls, small, strict=True):
        with django_assert_num_queries(expected):
            assert client.get(url).status_code == 200
