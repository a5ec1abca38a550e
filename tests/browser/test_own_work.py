"""The pupil's own work in a real browser: a pupil told "Nog niet goed" about a citation fixes the source, and
the teacher sees the new source to judge; a comment is deleted only after the pupil confirms."""

import pytest
from playwright.sync_api import expect

from sandbox_feed.choices import CitationVerdict, PostStatus
from sandbox_feed.models import Comment, FeedSettings, Post
from tests.factories import PupilFactory, SchoolClassFactory, TeacherFactory
from tests.sandbox_feed.factories import CommentFactory, PostFactory


@pytest.fixture(autouse=True)
def _feed_media(settings, tmp_path):
    settings.FEED_MEDIA_ROOT = tmp_path / "feed-media"


@pytest.fixture
def feed_class(transactional_db):
    teacher = TeacherFactory(username="juf.anouk", first_name="Anouk")
    pupils = [PupilFactory(first_name="Sanne", initial="B"), PupilFactory(first_name="Daan", initial="K")]
    school_class = SchoolClassFactory(name="Groep 6", groep=6, teachers=[teacher], pupils=pupils)
    FeedSettings.objects.create(school_class=school_class, preview_before_post=False)
    return school_class, teacher, pupils


def test_a_pupil_fixes_a_citation_and_the_teacher_judges_the_new_source(context, login_as, feed_class):
    from django.utils import timezone

    school_class, teacher, (sanne, _daan) = feed_class
    post = PostFactory(
        school_class=school_class,
        author=sanne,
        text='Mooi gezegd: "Een boek is een droom die je vasthoudt"',
        source_kind="quote",
        source_maker="Neil Gaiman",
        source_published=True,
        published_at=timezone.now(),
        citation_verdict=CitationVerdict.INCORRECT,
        citation_comment="Noem ook waar het stond.",
    )

    page = login_as(sanne)
    page.goto(f"/feed/{school_class.pk}/")
    card = page.locator(f"#bericht-{post.pk}")
    expect(card.get_by_text("Nog niet goed")).to_be_visible()
    card.get_by_role("link", name="Aanpassen").click()
    expect(page.get_by_text("Noem ook waar het stond.")).to_be_visible()
    expect(page.get_by_label("Wie heeft het gemaakt?")).to_have_value("Neil Gaiman")
    page.get_by_label("Titel van de bron").fill("Interview in de krant")
    page.get_by_label("Datum van de bron").fill("2016")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Je leerkracht kijkt je bronvermelding opnieuw na.")).to_be_visible()
    card = page.locator(f"#bericht-{post.pk}")
    expect(card.get_by_text("Citaat uit: Neil Gaiman, Interview in de krant, 2016")).to_be_visible()
    expect(card.get_by_text("Nog niet goed")).to_have_count(0)
    expect(card.get_by_role("link", name="Bekijk de versies")).to_be_visible()

    context.clear_cookies()
    page = login_as(teacher)
    page.goto(f"/feed/{school_class.pk}/")
    card = page.locator(f"#bericht-{post.pk}")
    expect(card.get_by_text("Citaat uit: Neil Gaiman, Interview in de krant, 2016")).to_be_visible()
    review = card.locator("form.review-form")
    expect(review.get_by_label("Nog niet goed")).not_to_be_checked()
    expect(review.get_by_label("Goed gedaan")).not_to_be_checked()
    review.get_by_label("Goed gedaan").check()
    review.get_by_role("button", name="Opslaan").click()
    expect(page.locator(f"#bericht-{post.pk} .verdict")).to_contain_text("Goed gedaan")
    assert Post.objects.get(pk=post.pk).citation_verdict == CitationVerdict.CORRECT


def test_a_comment_is_deleted_only_after_the_pupil_confirms(context, login_as, feed_class):
    school_class, _teacher, (sanne, daan) = feed_class
    post = PostFactory(school_class=school_class, author=daan, text="Wie komt er voetballen?")
    comment = CommentFactory(post=post, author=sanne, text="Ik kom ook!")

    page = login_as(sanne)
    page.goto(f"/feed/{school_class.pk}/")
    item = page.locator(f"#reactie-{comment.pk}-item")
    expect(item.locator("time")).to_be_visible()
    item.get_by_role("link", name="Verwijderen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wil je je reactie verwijderen?")
    assert Comment.objects.get(pk=comment.pk).status == PostStatus.VISIBLE
    page.get_by_role("link", name="Nee, laten staan").click()
    expect(page.locator(f"#reactie-{comment.pk}-item")).to_be_visible()
    page.locator(f"#reactie-{comment.pk}-item").get_by_role("link", name="Verwijderen").click()
    page.get_by_role("button", name="Ja, verwijderen").click()
    expect(page.get_by_text("Je reactie is weg uit de feed.")).to_be_visible()
    expect(page.get_by_text("Ik kom ook!")).to_have_count(0)
    assert Comment.objects.get(pk=comment.pk).status == PostStatus.DELETED
