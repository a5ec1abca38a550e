"""A coordinator closes a gap in the curriculum: she links a lesson to a learning goal without lessons in /cms/,
a second coordinator of her school approves it, and the gap disappears from the coverage matrix. A teacher then
sees the class's progress and the next lesson. Every curriculum page on the way is checked with axe-core."""

from django.apps import apps
from playwright.sync_api import expect

from curriculum.choices import Coverage
from curriculum.models import GoalMapping
from curriculum.review import set_up_review
from tests.curriculum.factories import FrameGoalFactory, FrameworkFactory, make_band, make_curriculum, make_goal
from tests.factories import CoordinatorFactory, SchoolClassFactory, SchoolFactory, TeacherFactory
from tests.lessons.factories import make_lesson


def test_two_coordinators_close_a_gap_and_a_teacher_sees_the_next_lesson(login_as, assert_accessible):
    # Browser tests flush the database, the review workflow and the coordinators' permissions included.
    set_up_review(apps)
    school = SchoolFactory(name="OBS De Esch")
    author = CoordinatorFactory(username="marieke", first_name="Marieke", school=school)
    reviewer = CoordinatorFactory(username="sanne", first_name="Sanne", school=school)
    teacher = TeacherFactory(username="joris", first_name="Joris", school=school)
    SchoolClassFactory(school=school, name="Groep 8", groep=8, teachers=[teacher])

    curriculum = make_curriculum()
    make_band("7-8")
    framework = FrameworkFactory(code="kerndoelen-test", name="Kerndoelen digitale geletterdheid", short_name="KD")
    sources = FrameGoalFactory(framework=framework, code="21B", title="Digitale media en informatie")
    goal = make_goal("7-8", "Ik kan een bron noemen bij een citaat.")
    GoalMapping.objects.create(goal=goal, frame_goal=sources, coverage=Coverage.FULL)
    lesson = make_lesson("Netjes citeren", grade_band="7-8", slug="netjes-citeren")
    matrix_url = f"{curriculum.url}dekking/?kader={framework.code}"

    # The coordinator sees the gap: a learning goal without a lesson.
    page = login_as(author)
    page.goto(matrix_url)
    gap = page.locator("td.cell-no-lesson")
    expect(gap).to_contain_text("Gat: leerdoel zonder les")
    expect(gap).to_contain_text("Ik kan een bron noemen bij een citaat.")
    assert_accessible(page, "coverage matrix with a gap")

    # She links the lesson to the learning goal in /cms/ and submits it for review.
    page.goto(f"/cms/pages/{lesson.pk}/edit/")
    page.get_by_role("button", name="Voeg Leerdoel toe").click()
    page.locator("select[name='goal_links-0-goal']").select_option(label="Ik kan een bron noemen bij een citaat.")
    page.locator("select[name='goal_links-0-coverage']").select_option("full")
    page.get_by_role("button", name="Meer acties").click()
    page.get_by_role("button", name="Stuur door naar Beoordeling door coördinator").click()
    expect(page.locator(".messages")).to_contain_text("Netjes citeren")
    lesson.refresh_from_db()
    state = lesson.current_workflow_state
    assert state is not None and state.requested_by == author

    # Her own change: she cannot approve it, and the matrix still shows the gap.
    page.goto(f"/cms/pages/{lesson.pk}/edit/")
    page.get_by_role("button", name="Meer acties").click()
    expect(page.get_by_role("button", name="Wijzigingsverzoek")).to_be_visible()
    expect(page.get_by_role("button", name="Goedkeuren en publiceren")).to_have_count(0)
    page.goto(matrix_url)
    expect(page.locator("td.cell-no-lesson")).to_have_count(1)

    # A second coordinator of the school approves it.
    page = login_as(reviewer)
    page.goto(f"/cms/pages/{lesson.pk}/edit/")
    page.get_by_role("button", name="Meer acties").click()
    page.get_by_role("button", name="Goedkeuren en publiceren").click()
    expect(page.locator(".messages")).to_contain_text("Netjes citeren")
    state.refresh_from_db()
    assert state.status == state.STATUS_APPROVED

    # The gap is gone: the cell is fully covered by the lesson.
    page.goto(matrix_url)
    expect(page.locator("td.cell-no-lesson")).to_have_count(0)
    covered = page.locator("td.cell-full")
    expect(covered).to_contain_text("Volledig gedekt")
    expect(covered).to_contain_text("Netjes citeren")
    page.goto(f"{curriculum.url}dashboard/")
    expect(page.get_by_role("heading", name="Dekking per kader")).to_be_visible()
    assert_accessible(page, "dashboard")
    page.goto(f"{curriculum.url}dekking/afdrukken/?kader={framework.code}")
    assert_accessible(page, "printable coverage")

    # A teacher follows the link from the start page to the class's progress and its next lesson.
    make_goal("7-8", "Ik kan reclame herkennen.")
    page = login_as(teacher)
    page.goto("/leerkracht/")
    page.get_by_role("link", name="Voortgang en volgende les: Groep 8").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Voortgang van Groep 8")
    expect(page.locator(".next-lesson")).to_contain_text("Netjes citeren")
    expect(page.get_by_role("row").filter(has_text="Ik kan reclame herkennen.")).to_contain_text("nog niet aan gewerkt")
    assert_accessible(page, "class progress")
