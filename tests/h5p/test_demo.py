"""The H5P demo builds packages from our own content types and imports them through the validator, once."""

from io import StringIO

from h5p import demo
from h5p.models import H5PContent, H5PLibrary


def test_demo_imports_own_content_types_and_is_idempotent(db):
    demo.seed(StringIO())
    titles = set(H5PContent.objects.values_list("title", flat=True))
    assert titles == {title for title, _folder, _content in demo.ACTIVITIES}
    assert set(H5PLibrary.objects.values_list("machine_name", flat=True)) == {
        "OEF.Common",
        "OEF.MultiChoice",
        "OEF.PostOrNot",
        "OEF.Quiz",
    }
    demo.seed(StringIO())
    assert H5PContent.objects.count() == len(demo.ACTIVITIES)


def test_demo_quiz_has_results_per_question_and_its_rights(school_class, teacher):
    from h5p.results import class_report

    demo.seed(StringIO())
    quiz = H5PContent.objects.get(title=demo.QUIZ_TITLE)
    assert quiz.rights_of_use.licence == "Naamsvermelding-GelijkDelen (CC BY-SA) 4.0"
    report = class_report(quiz, school_class, quiz.grade_method)
    played = [row for row in report.rows if row.attempts]
    assert 0 < len(played) < len(report.rows)
    assert [q.text for q in report.questions][1] == "Je hebt per ongeluk iets gemeens gepost. Wat is waar?"
    assert [q.number for q in report.hardest] == [2]
    attempts = quiz.attempts.count()
    demo.seed(StringIO())
    assert quiz.attempts.count() == attempts
