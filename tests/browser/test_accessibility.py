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


def test_feed_lesson_and_activity_pages_are_accessible(login_as, assert_accessible, settings, tmp_path):
    import io

    from h5p import builder
    from h5p.storage import import_package
    from lessons.models import LessonRun
    from tests.lessons.factories import make_lesson
    from tests.sandbox_feed.factories import CommentFactory, PostFactory

    settings.H5P_ROOT = tmp_path / "h5p"
    teacher = TeacherFactory(school=SchoolFactory())
    pupil = PupilFactory(first_name="Noor")
    school_class = SchoolClassFactory(school=teacher.school, teachers=[teacher], pupils=[pupil])
    post = PostFactory(school_class=school_class, author=pupil, text="Kijk eens naar https://example.org")
    CommentFactory(post=post, author=teacher)
    lesson = make_lesson()
    run = LessonRun.objects.create(teacher=teacher, school_class=school_class, lesson=lesson, lesson_title=lesson.title)
    question = {
        "question": "<p>Mag dit?</p>",
        "answers": [{"text": "Ja", "correct": False}, {"text": "Nee", "correct": True}],
    }
    activity = import_package(
        io.BytesIO(builder.build_package("Vraag", "OEF.MultiChoice-1.0", question)), allow_libraries=True
    )

    page = login_as(pupil)
    for url in [
        f"/feed/{school_class.pk}/",
        f"/feed/{school_class.pk}/voetafdruk/",
        f"/lesronde/{run.pk}/",
        f"/h5p/{activity.pk}/",
    ]:
        page.goto(url)
        assert_accessible(page)

    page = login_as(teacher)
    for url in [
        f"/feed/{school_class.pk}/",
        f"/feed/{school_class.pk}/toestemming/",
        lesson.get_parent().url,
        lesson.url,
        f"/les/{lesson.pk}/smartbord/",
        f"/les/{lesson.pk}/presentator/",
        "/h5p/resultaten/",
    ]:
        page.goto(url)
        assert_accessible(page)


def test_moderation_pages_are_accessible(login_as, assert_accessible, settings, tmp_path):
    """The queue with every kind of item, the feed with teacher actions, settings, word list, log, and the
    pupil's view of a rejection and of the revision form."""
    from django.core.files.base import ContentFile

    from sandbox_feed.choices import PostStatus
    from sandbox_feed.models import PhotoTag, Report, WordList
    from tests.factories import CoordinatorFactory
    from tests.sandbox_feed.factories import CommentFactory, PostFactory

    settings.FEED_MEDIA_ROOT = tmp_path / "feed"
    school = SchoolFactory()
    teacher = TeacherFactory(school=school)
    pupils = [PupilFactory(first_name=name) for name in ("Noor", "Daan", "Sem")]
    school_class = SchoolClassFactory(school=school, teachers=[teacher], pupils=pupils)
    waiting = PostFactory(
        school_class=school_class,
        author=pupils[0],
        status=PostStatus.PENDING,
        needs_review=True,
        people_on_photo="classmates",
    )
    waiting.photo.save("p.jpg", ContentFile(b"x"), save=True)
    waiting.thumbnail.save("t.jpg", ContentFile(b"x"), save=True)
    PhotoTag.objects.create(post=waiting, pupil=pupils[1])
    visible = PostFactory(school_class=school_class, author=pupils[1], text="Wie gaat er mee zwemmen?")
    CommentFactory(post=visible, author=pupils[2], text="Saai", status=PostStatus.PENDING, needs_review=True)
    # Rows, not moderation calls: those broadcast with async_to_sync, which Playwright's loop forbids here.
    Report.objects.create(school_class=school_class, reporter=pupils[0], post=visible, reason="mean")
    refused = PostFactory(
        school_class=school_class,
        author=pupils[2],
        status=PostStatus.REJECTED,
        reject_reason="unkind",
        feedback="Probeer het aardiger",
    )
    WordList.objects.create(school_class=school_class)

    page = login_as(teacher)
    for url in [
        "/feed/wachtrij/",
        f"/feed/{school_class.pk}/",
        f"/feed/{school_class.pk}/moderatie/",
        f"/feed/{school_class.pk}/logboek/",
    ]:
        page.goto(url)
        assert_accessible(page)
    page = login_as(CoordinatorFactory(school=school))
    page.goto("/feed/woordenlijst/")
    assert_accessible(page)
    page = login_as(pupils[2])
    for url in [f"/feed/{school_class.pk}/", f"/feed/bericht/{refused.pk}/verbeteren/"]:
        page.goto(url)
        assert_accessible(page)
