"""The coverage matrix: full, partial and gap cells, lesson links and given lessons in it, the filter, the
printable page, the CSV export, and a constant number of queries."""

import csv
import io

import pytest

from accounts.choices import GradeBand
from curriculum.choices import CellStatus, Coverage
from curriculum.coverage import build_matrix
from curriculum.models import Framework
from tests.curriculum.factories import link_lesson, make_curriculum, make_goal
from tests.lessons.factories import make_lesson

pytestmark = pytest.mark.django_db

FULL, PARTIAL = Coverage.FULL, Coverage.PARTIAL


def statuses(matrix):
    """{(frame goal code, band): status} of the only framework in the matrix."""
    (framework_matrix,) = matrix.frameworks
    return {(row.frame_goal.code, cell.band.value): cell.status for row in framework_matrix.rows for cell in row.cells}


@pytest.fixture
def covered(frame_goals):
    """In groep 5-6: 21A fully covered, 21B partly (a full lesson on a partial goal), 21C a goal without lesson."""
    full_goal = make_goal("5-6", "Ik kan een app openen en sluiten.", [(frame_goals["21A"], FULL)])
    partial_goal = make_goal("5-6", "Ik kan een bron noemen.", [(frame_goals["21B"], PARTIAL)])
    lonely_goal = make_goal("5-6", "Ik kan uitleggen wat data zijn.", [(frame_goals["21C"], FULL)])
    lesson = make_lesson("Apps en bronnen", slug="apps-en-bronnen")
    link_lesson(lesson, full_goal, FULL)
    link_lesson(lesson, partial_goal, FULL)
    return {"full": full_goal, "partial": partial_goal, "lonely": lonely_goal, "lesson": lesson}


def test_cells_are_full_partial_or_a_gap(framework, frame_goals, covered):
    cells = statuses(build_matrix(framework.code))
    assert cells[("21A", "5-6")] == CellStatus.FULL
    assert cells[("21B", "5-6")] == CellStatus.PARTIAL
    assert cells[("21C", "5-6")] == CellStatus.NO_LESSON
    assert cells[("21A", "7-8")] == CellStatus.GAP
    assert ("21", "5-6") not in cells  # the domain is a heading, covered through its sub-goals


def test_counts_per_band_and_in_total(framework, frame_goals, covered):
    (framework_matrix,) = build_matrix(framework.code).frameworks
    counts = {band: (full, partial, gaps) for band, full, partial, gaps in framework_matrix.band_counts}
    assert counts[GradeBand.G5_6] == (1, 1, 1)
    assert counts[GradeBand.G1_2] == (0, 0, 3)
    assert framework_matrix.totals == {
        "full": 1,
        "partial": 1,
        "no_lesson": 1,
        "gap": 9,
        "gaps": 10,
        "cells": 12,
    }


def test_a_partial_lesson_on_a_full_goal_covers_partly(framework, frame_goals):
    goal = make_goal("3-4", "Ik kan een tablet aanzetten.", [(frame_goals["21A"], FULL)])
    link_lesson(make_lesson("Tablet", slug="tablet"), goal, PARTIAL)
    assert statuses(build_matrix(framework.code))[("21A", "3-4")] == CellStatus.PARTIAL


def test_a_new_lesson_link_closes_the_gap(framework, frame_goals, covered):
    assert statuses(build_matrix(framework.code))[("21C", "5-6")] == CellStatus.NO_LESSON
    link_lesson(make_lesson("Data", slug="data"), covered["lonely"], FULL)
    matrix = build_matrix(framework.code)
    assert statuses(matrix)[("21C", "5-6")] == CellStatus.FULL
    assert covered["lonely"] not in matrix.goals_without_lessons


def test_a_link_waiting_for_review_does_not_count_yet(framework, frame_goals, covered):
    from lessons.models import LessonGoalLink

    lesson = make_lesson("Nog in beoordeling", slug="in-beoordeling")
    lesson.goal_links = [LessonGoalLink(goal=covered["lonely"], coverage=FULL)]
    lesson.save_revision()  # a draft, not published
    assert statuses(build_matrix(framework.code))[("21C", "5-6")] == CellStatus.NO_LESSON


def test_unpublished_lessons_and_grade_bands_do_not_count(framework, frame_goals, covered):
    covered["lesson"].unpublish()
    cells = statuses(build_matrix(framework.code))
    assert cells[("21A", "5-6")] == CellStatus.NO_LESSON
    covered["full"].page.unpublish()
    assert statuses(build_matrix(framework.code))[("21A", "5-6")] == CellStatus.GAP


def test_goals_without_any_lesson_are_flagged(framework, frame_goals, covered):
    matrix = build_matrix(framework.code)
    assert covered["lonely"] in matrix.goals_without_lessons
    assert covered["full"] not in matrix.goals_without_lessons


def test_replaced_frameworks_show_only_when_chosen(framework, replaced_framework):
    assert replaced_framework not in [m.framework for m in build_matrix().frameworks]
    assert [m.framework for m in build_matrix(replaced_framework.code).frameworks] == [replaced_framework]


def test_the_seeded_frameworks_are_all_there(db):
    frameworks = {framework.code: framework for framework in Framework.objects.prefetch_related("goals")}
    assert set(frameworks) >= {"kerndoelen-2025", "slo", "mediawijzer-2021", "protocol-ooe"}
    kerndoelen = frameworks["kerndoelen-2025"]
    assert kerndoelen.get_status_display() == "definitief concept"
    assert str(kerndoelen.applies_from) == "2027-08-01"
    codes = {goal.code for goal in kerndoelen.goals.all()}
    assert codes == {"21", "21A", "21B", "21C", "21D", "22", "22A", "22B", "23", "23A", "23B", "23C"}
    assert kerndoelen.goals.get(code="21A").replaces.code == "ICT"
    assert {goal.code for goal in frameworks["slo"].goals.all()} == {"ICT", "INFO", "MEDIA", "CT"}
    assert frameworks["mediawijzer-2021"].goals.count() == 8
    protocol = {goal.code for goal in frameworks["protocol-ooe"].goals.all() if goal.parent_id}
    assert protocol == {"L1", "L2", "L3", "L4", "C1", "C2", "C3", "C4", "C5", "P1", "P2", "P3", "P4"}


def test_the_matrix_page_marks_gaps_in_words_with_accessible_tables(client, teacher, framework, frame_goals, covered):
    index = make_curriculum()
    client.force_login(teacher)
    response = client.get(f"{index.url}dekking/", {"kader": framework.code})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Gat: geen leerdoel" in body
    assert "Gat: leerdoel zonder les" in body
    assert "Volledig gedekt" in body and "Gedeeltelijk gedekt" in body
    assert "<caption" in body and 'scope="col"' in body and 'scope="row"' in body
    assert "Apps en bronnen" in body
    assert "Ik kan uitleggen wat data zijn." in body  # also under "Leerdoelen zonder les"
    assert " style=" not in body


def test_the_printable_page_has_the_tables_and_a_print_button(client, teacher, framework, frame_goals, covered):
    client.force_login(teacher)
    body = client.get(f"{make_curriculum().url}dekking/afdrukken/", {"kader": framework.code}).content.decode()
    assert "data-print" in body and "Digitale systemen" in body
    assert 'class="site-header"' not in body


def test_csv_export_has_one_row_per_frame_goal_and_band(client, teacher, framework, frame_goals, covered):
    client.force_login(teacher)
    response = client.get(f"{make_curriculum().url}dekking/csv/", {"kader": framework.code})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == ["Kader", "Code", "Kaderdoel", "Groepen", "Dekking", "Leerdoelen", "Lessen"]
    assert len(rows) == 1 + 3 * 4
    full = "Ik kan een app openen en sluiten. (volledig)"
    assert [
        "KD",
        "21A",
        "Digitale systemen",
        "Groep 5-6",
        "volledig gedekt",
        full,
        "Apps en bronnen (volledig)",
    ] in rows
    lonely = "Ik kan uitleggen wat data zijn. (volledig)"
    assert ["KD", "21C", "Data", "Groep 5-6", "gat: leerdoel zonder les", lonely, ""] in rows
    assert ["KD", "21A", "Digitale systemen", "Groep 7-8", "gat: geen leerdoel", "", ""] in rows


def test_csv_cells_never_start_a_formula(client, teacher, framework, frame_goals, covered):
    link_lesson(make_lesson("=HYPERLINK(1)", slug="formule"), covered["lonely"], FULL)
    client.force_login(teacher)
    text = client.get(f"{make_curriculum().url}dekking/csv/", {"kader": framework.code}).content.decode()
    assert ";=HYPERLINK" not in text and "'=HYPERLINK(1) (volledig)" in text


def add_lessons(frame_goals, count):
    for number in range(count):
        goal = make_goal(["3-4", "5-6", "7-8"][number % 3], f"Ik kan oefening {number}.", [(frame_goals["21B"], FULL)])
        link_lesson(make_lesson(f"Les {number}", slug=f"les-{number}"), goal, [FULL, PARTIAL][number % 2])


@pytest.mark.parametrize("count", [5, 50])
def test_the_matrix_keeps_a_constant_number_of_queries(
    client, teacher, framework, frame_goals, count, django_assert_num_queries
):
    add_lessons(frame_goals, count)
    index = make_curriculum()
    client.force_login(teacher)
    client.get(f"{index.url}dekking/")
    # Wagtail's serving (site, three pages, aliases, view restrictions), session, user, the filter's choices,
    # the matrix (frameworks, frame goals, their successors, lesson links, mappings, learning goals) and the
    # header's count of items waiting in the teacher's review queue.
    with django_assert_num_queries(16):
        response = client.get(f"{index.url}dekking/")
    assert response.content.decode().count("Les ") >= count
    with django_assert_num_queries(15):
        client.get(f"{index.url}dekking/csv/")
