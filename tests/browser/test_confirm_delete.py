"""No action deletes with a single tap: a teacher's "Verwijderen" under a post asks first (confirm.js), and a "no"
stops the form before feed.js sends it with fetch; a "yes" deletes it in place. Without JavaScript the server asks
on a page of its own."""

from playwright.sync_api import expect

from sandbox_feed.choices import PostStatus
from tests.factories import PupilFactory, SchoolClassFactory, TeacherFactory
from tests.sandbox_feed.factories import PostFactory


def test_the_teacher_is_asked_before_a_post_is_deleted(login_as):
    teacher = TeacherFactory()
    pupil = PupilFactory(first_name="Sanne")
    school_class = SchoolClassFactory(teachers=[teacher], pupils=[pupil])
    post = PostFactory(school_class=school_class, author=pupil, text="Een bericht om over te praten")
    page = login_as(teacher)
    page.goto(f"/feed/{school_class.pk}/")
    card = page.locator(f"#bericht-{post.pk}")
    questions = []

    def answer(dialog, accept):
        questions.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", lambda dialog: answer(dialog, False))
    card.get_by_role("button", name="Verwijderen").click()
    page.wait_for_timeout(500)  # time for a fetch that must not be sent
    post.refresh_from_db()
    assert post.status == PostStatus.VISIBLE
    assert questions == ["Dit bericht verwijderen? De klas ziet het dan niet meer."]

    page.once("dialog", lambda dialog: answer(dialog, True))
    card.get_by_role("button", name="Verwijderen").click()
    expect(card.get_by_role("button", name="Verwijderen")).to_have_count(0)
    post.refresh_from_db()
    assert post.status == PostStatus.DELETED


def test_without_javascript_the_teacher_is_asked_on_a_page(browser, live_server, session_for, context):
    # `context` makes sure Wagtail's base data is there; this page opens in a context without JavaScript.
    teacher = TeacherFactory()
    pupil = PupilFactory(first_name="Sanne")
    school_class = SchoolClassFactory(teachers=[teacher], pupils=[pupil])
    post = PostFactory(school_class=school_class, author=pupil, text="Een bericht om over te praten")
    plain = browser.new_context(base_url=live_server.url, locale="nl-NL", java_script_enabled=False)
    try:
        name, value = session_for(teacher)
        plain.add_cookies([{"name": name, "value": value, "url": live_server.url}])
        page = plain.new_page()
        page.goto(f"/feed/{school_class.pk}/")
        page.locator(f"#bericht-{post.pk}").get_by_role("button", name="Verwijderen").click()
        expect(page.get_by_role("heading", name="Dit bericht verwijderen?")).to_be_visible()
        expect(page.locator("blockquote")).to_have_text("Een bericht om over te praten")
        post.refresh_from_db()
        assert post.status == PostStatus.VISIBLE  # one tap asked, it did not delete

        page.get_by_role("link", name="Nee, terug").click()
        expect(page.locator(f"#bericht-{post.pk}")).to_be_visible()
        post.refresh_from_db()
        assert post.status == PostStatus.VISIBLE

        page.locator(f"#bericht-{post.pk}").get_by_role("button", name="Verwijderen").click()
        page.get_by_role("button", name="Ja, verwijderen").click()
        expect(page.get_by_text("Verwijderd uit de feed.")).to_be_visible()
        post.refresh_from_db()
        assert post.status == PostStatus.DELETED
    finally:
        plain.close()
