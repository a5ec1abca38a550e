"""In a real browser: a pupil names a classmate in a comment with the '@' suggestions; the classmate sees the
badge, opens the list of mentions and follows the link to the comment, which scrolls into view."""

import re

import pytest
from playwright.sync_api import expect

from sandbox_feed.models import Comment, FeedSettings
from tests.factories import PupilFactory, SchoolClassFactory, TeacherFactory
from tests.sandbox_feed.factories import PostFactory


@pytest.fixture
def classroom(transactional_db):
    teacher = TeacherFactory(username="juf.marit", first_name="Marit")
    sanne = PupilFactory(first_name="Sanne", initial="B")
    dewi = PupilFactory(first_name="Dewi", initial="V")
    daan = PupilFactory(first_name="Daan", initial="K")
    school_class = SchoolClassFactory(name="Groep 7", groep=7, teachers=[teacher], pupils=[sanne, dewi, daan])
    FeedSettings.objects.create(school_class=school_class, preview_before_post=False)
    post = PostFactory(school_class=school_class, author=daan, text="Mijn spreekbeurt gaat over uilen")
    # Newer posts above it, so following the link has to scroll to the comment.
    for i in range(6):
        PostFactory(school_class=school_class, author=daan, text=f"Nog een bericht {i}")
    return school_class, post, sanne, dewi


def test_a_comment_mention_reaches_the_classmate(context, login_as, classroom, assert_accessible):
    school_class, post, sanne, dewi = classroom

    page = login_as(sanne)
    page.goto(f"/feed/{school_class.pk}/")
    box = page.locator(f"#reactie-{post.pk}")
    box.click()
    box.press_sequentially("Wat goed @De")
    listbox = page.get_by_role("listbox", name="Klasgenoten om te noemen")
    expect(listbox).to_be_visible()
    expect(listbox.get_by_role("option")).to_have_text(["Dewi V."])
    expect(box).to_have_attribute("aria-expanded", "true")
    box.press("Enter")  # picks the name, does not send the comment
    expect(box).to_have_value("Wat goed @Dewi ")
    box.press_sequentially("!")
    page.locator(f"#bericht-{post.pk}").get_by_role("button", name="Stuur").click()
    comment = page.locator(f"#bericht-{post.pk} .comment", has_text="Wat goed")
    expect(comment.locator(".mention")).to_have_text("@Dewi")
    made = Comment.objects.get(post=post, author=sanne)

    context.clear_cookies()
    page = login_as(dewi)
    page.goto("/start/")
    badge = page.locator("a.mention-link")
    expect(badge).to_contain_text("Je bent genoemd")
    expect(badge.locator(".count-badge")).to_have_text("1")
    badge.click()

    expect(page.get_by_role("heading", level=1, name="Je bent genoemd")).to_be_visible()
    said = re.compile(r"^Sanne B\. noemde je in een reactie op het bericht van Daan K\. \(")
    entry = page.get_by_role("link", name=said)
    expect(entry).to_be_visible()
    expect(page.locator(".mention-new")).to_have_count(1)
    assert_accessible(page, "mentions list")
    expect(page.locator("a.mention-link")).to_have_count(0)  # opening the list read it

    page.goto("/feed/genoemd/")
    entry = page.get_by_role("link", name=re.compile(r"^Sanne B\. noemde je"))
    expect(page.locator(".mention-new")).to_have_count(0)
    entry.click()
    expect(page).to_have_url(re.compile(rf"/feed/{school_class.pk}/\?voor={post.pk + 1}#reactie-{made.pk}-item$"))
    target = page.locator(f"#reactie-{made.pk}-item")
    expect(target).to_contain_text("Wat goed @Dewi !")
    expect(target).to_be_in_viewport()
