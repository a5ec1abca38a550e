"""A mention of a classmate shows in the text (a link to their page, <a class="mention">, or <span class="mention">
when two classmates share the name), in posts and comments, new and edited; a name that is no classmate, an
e-mail address or an @ inside a link stays as typed."""

import pytest

from sandbox_feed import services
from sandbox_feed.text import clean_text, mark_mentions
from tests.factories import PupilFactory

pytestmark = pytest.mark.django_db

MARK = '<span class="mention">{}</span>'


def link(school_class, pupil, shown):
    return f'<a class="mention" href="/feed/{school_class.pk}/leerling/{pupil.pk}/">{shown}</a>'


def test_only_named_classmates_are_marked():
    cleaned = clean_text("Hoi @Sanne en @Onbekend, mail juf@school.nl of kijk op https://x.nl/@sanne")
    marked = mark_mentions(cleaned, {"sanne"})
    assert MARK.format("@Sanne") in marked
    assert "@Onbekend" in marked and MARK.format("@Onbekend") not in marked
    assert "juf@school.nl" in marked and MARK.format("@school") not in marked
    assert marked.count('class="mention"') == 1  # not inside the link


def test_without_names_nothing_changes():
    cleaned = clean_text("Hoi @Sanne <b>")
    assert mark_mentions(cleaned, set()) == cleaned


def test_a_post_marks_the_classmate_it_mentions_and_not_an_outsider(school_class, pupils, outsider_pupil):
    sanne = pupils[1]
    text = f"Goed gedaan @{sanne.first_name}! En @{outsider_pupil.first_name}?"
    post = services.create_post(school_class=school_class, author=pupils[0], raw_text=text, fields={})
    assert link(school_class, sanne, f"@{sanne.first_name}") in post.text
    if outsider_pupil.first_name.casefold() != sanne.first_name.casefold():
        assert f">@{outsider_pupil.first_name}<" not in post.text


def test_an_edit_and_a_comment_mark_mentions_too(school_class, pupils):
    author, sanne = pupils[0], PupilFactory(first_name="Saskia")  # a name no other classmate has
    school_class.pupils.add(sanne)
    post = services.create_post(school_class=school_class, author=author, raw_text="Zonder naam", fields={})
    services.edit_post(post, "Nu met @Saskia", author)
    post.refresh_from_db()
    assert link(school_class, sanne, "@Saskia") in post.text
    comment = services.add_comment(post, pupils[2], "Ja @saskia!")
    assert link(school_class, sanne, "@saskia") in comment.text
