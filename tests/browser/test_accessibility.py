"""axe-core finds no WCAG 2.1 A/AA violations on the pages of the site shell, for each role."""

from tests.factories import PupilFactory, SchoolClassFactory, SchoolFactory, TeacherFactory


def test_public_and_pupil_login_pages_are_accessible(page, assert_accessible):
    school_class = SchoolClassFactory(join_code="A11YKL")
    pupil = PupilFactory(first_name="Aya")
    school_class.pupils.add(pupil)
    for url in [
        "/",
        "/inloggen/",
        "/leerling/inloggen/",
        "/leerling/inloggen/A11YKL/",
        f"/leerling/inloggen/A11YKL/{pupil.pk}/",
    ]:
        page.goto(url)
        assert_accessible(page)
    page.goto("/leerling/inloggen/")
    page.get_by_role("button", name="Verder").click()  # an error state must be accessible too
    assert_accessible(page, "class code form with an error")


def test_teacher_pages_are_accessible(login_as, assert_accessible):
    teacher = TeacherFactory(school=SchoolFactory())
    school_class = SchoolClassFactory(school=teacher.school, teachers=[teacher], pupils=PupilFactory.create_batch(3))
    page = login_as(teacher)
    for url in [
        "/leerkracht/",
        "/klassen/",
        "/klassen/nieuw/",
        f"/klassen/{school_class.pk}/",
        f"/klassen/{school_class.pk}/inlogkaarten/",
    ]:
        page.goto(url)
        assert_accessible(page)


def test_pupil_start_page_is_accessible(login_as, assert_accessible):
    pupil = PupilFactory()
    SchoolClassFactory(pupils=[pupil])
    page = login_as(pupil)
    page.goto("/leerling/")
    assert_accessible(page)
