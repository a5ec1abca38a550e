"""In a real browser: a mention in a post is a link; following it lands on the classmate's page in the class,
which shows their name and posts and is axe-core clean; the wall shows the same mention as plain text."""

import pytest
from playwright.sync_api import expect

from sandbox_feed.models import FeedSettings
from sandbox_feed.text import clean_text, mark_mentions, member_href
from tests.factories import PupilFactory, SchoolClassFactory, TeacherFactory
from tests.sandbox_feed.factories import PostFactory


@pytest.fixture
def classroom(transactional_db):
    teacher = TeacherFactory(username="juf.marit", first_name="Marit")
    sanne = PupilFactory(first_name="Sanne", initial="B")
    daan = PupilFactory(first_name="Daan", initial="K")
    school_class = SchoolClassFactory(name="Groep 7", groep=7, teachers=[teacher], pupils=[sanne, daan])
    FeedSettings.objects.create(school_class=school_class, preview_before_post=False)
    PostFactory(school_class=school_class, author=sanne, text="Ik heb een konijn")
    # As services writes it (no services call here: its broadcast cannot run beside Playwright's event loop).
    text = mark_mentions(
        clean_text("Goed gedaan @Sanne!"), {"sanne"}, {"sanne": member_href(school_class.pk, sanne.pk)}
    )
    post = PostFactory(school_class=school_class, author=daan, text=text)
    return school_class, teacher, sanne, daan, post


def test_a_mention_leads_to_the_classmates_page(context, login_as, classroom, assert_accessible):
    school_class, teacher, sanne, daan, post = classroom
    page = login_as(daan)
    page.goto(f"/feed/{school_class.pk}/")
    mention = page.locator(f"#bericht-{post.pk} .post-text").get_by_role("link", name="@Sanne")
    expect(mention).to_have_class("mention")
    mention.focus()
    outline = mention.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none"  # a visible focus ring
    mention.click()
    expect(page).to_have_url(f"/feed/{school_class.pk}/leerling/{sanne.pk}/")
    expect(page).to_have_title("Sanne B. in Groep 7 · Oefenfeed")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sanne B.")
    posts = page.get_by_role("list", name="Berichten van Sanne")
    expect(posts.get_by_role("listitem")).to_have_count(1)
    expect(posts).to_contain_text("Ik heb een konijn")
    assert_accessible(page, "klasgenoot")
    page.get_by_role("link", name="Terug naar de feed").click()
    expect(page).to_have_url(f"/feed/{school_class.pk}/")

    context.clear_cookies()
    page = login_as(teacher)
    page.goto(f"/feed/{school_class.pk}/muur/")
    wall_post = page.locator(".wall-text", has_text="Goed gedaan")
    expect(wall_post.locator("span.mention")).to_have_text("@Sanne")
    expect(wall_post.locator("a.mention")).to_have_count(0)
