"""A mention of a classmate links to their page in the class (issue 13): written so on create, edit, comment and
comment edit; a name two classmates share stays a plain mark; a typed link stays text; the wall shows plain
marks (names hidden too); migration 0008 rewrites the marks stored before; an erase unlinks and unnames."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from privacy.erase import erase_pupil
from sandbox_feed import services
from sandbox_feed.models import Comment, CommentVersion, Mention, Post, PostVersion, Wall
from sandbox_feed.text import clean_text, mark_mentions, unlink_mentions
from tests.factories import CoordinatorFactory, PupilFactory, SchoolClassFactory, TeacherFactory
from tests.sandbox_feed.factories import CommentFactory, PostFactory

pytestmark = pytest.mark.django_db

SPAN = '<span class="mention">{}</span>'
migration = importlib.import_module("sandbox_feed.migrations.0008_mention_links")


def link(school_class, pupil, shown):
    return f'<a class="mention" href="/feed/{school_class.pk}/leerling/{pupil.pk}/">{shown}</a>'


@pytest.fixture
def classroom():
    teacher = TeacherFactory()
    sanne = PupilFactory(first_name="Sanne", initial="B")
    daan = PupilFactory(first_name="Daan", initial="K")
    noor = PupilFactory(first_name="Noor", initial="V")
    school_class = SchoolClassFactory(teachers=[teacher], pupils=[sanne, daan, noor])
    return school_class, teacher, sanne, daan, noor


def test_the_href_is_the_member_page(classroom):
    school_class, _teacher, sanne, _daan, _noor = classroom
    href = reverse("sandbox_feed:member", args=[school_class.pk, sanne.pk])
    assert link(school_class, sanne, "@Sanne") == f'<a class="mention" href="{href}">@Sanne</a>'


def test_mark_mentions_links_a_name_with_a_page_and_marks_one_without():
    cleaned = clean_text("Hoi @Sanne en @Daan, zie https://x.nl/@sanne")
    marked = mark_mentions(cleaned, {"sanne", "daan"}, {"sanne": "/feed/3/leerling/7/"})
    assert '<a class="mention" href="/feed/3/leerling/7/">@Sanne</a>' in marked
    assert SPAN.format("@Daan") in marked
    assert marked.count('class="mention"') == 2  # not inside the web link, which still goes to the leave page
    assert "/feed/link/?url=https%3A%2F%2Fx.nl%2F%40sanne" in marked


def test_create_edit_comment_and_comment_edit_write_links(classroom):
    school_class, _teacher, sanne, daan, noor = classroom
    post = services.create_post(school_class=school_class, author=daan, raw_text="Knap @Sanne", fields={})
    assert post.text == "Knap " + link(school_class, sanne, "@Sanne")
    assert PostVersion.objects.get(post=post).text == post.text
    services.edit_post(post, "Knap @Noor", daan)
    post.refresh_from_db()
    assert post.text == "Knap " + link(school_class, noor, "@Noor")
    comment = services.add_comment(post, noor, "Dank je @daan!")
    assert comment.text == "Dank je " + link(school_class, daan, "@daan") + "!"
    services.edit_comment(comment, "Dank je @Sanne!", noor)
    comment.refresh_from_db()
    assert comment.text == "Dank je " + link(school_class, sanne, "@Sanne") + "!"


def test_a_name_two_classmates_share_stays_a_plain_mark_and_tells_both(classroom):
    school_class, _teacher, sanne, daan, _noor = classroom
    other_sanne = PupilFactory(first_name="Sanne", initial="Z")
    school_class.pupils.add(other_sanne)
    post = services.create_post(school_class=school_class, author=daan, raw_text="Hoi @Sanne en @Noor", fields={})
    assert SPAN.format("@Sanne") in post.text
    assert "leerling/" + str(sanne.pk) not in post.text and "leerling/" + str(other_sanne.pk) not in post.text
    assert '<a class="mention"' in post.text  # Noor is the only one: linked
    assert set(Mention.objects.filter(post=post).values_list("pupil_id", flat=True)) >= {sanne.pk, other_sanne.pk}


def test_a_mention_of_someone_outside_the_class_is_no_link(classroom, outsider_pupil):
    school_class, _teacher, _sanne, daan, _noor = classroom
    outsider_pupil.first_name = "Yara"
    outsider_pupil.save()
    post = services.create_post(school_class=school_class, author=daan, raw_text="Hoi @Yara", fields={})
    assert post.text == "Hoi @Yara"


def test_a_typed_mention_link_stays_text(classroom):
    school_class, _teacher, sanne, daan, _noor = classroom
    typed = f'<a class="mention" href="/feed/{school_class.pk}/leerling/{sanne.pk}/">klik</a> en <a href="/x">hier</a>'
    post = services.create_post(school_class=school_class, author=daan, raw_text=typed, fields={})
    assert "<a" not in post.text
    assert post.text.startswith("&lt;a class=")
    comment = services.add_comment(post, sanne, '<span class="mention">@Daan</span>')
    assert comment.text.startswith("&lt;span")
    assert comment.text.count("<a ") == 1  # only the real mention of Daan inside the typed text


def test_unlink_mentions_turns_links_into_marks_and_nothing_else():
    text = (
        '<a class="mention" href="/feed/3/leerling/7/">@Sanne</a> '
        '<a class="mention" href="/feed/3/leerling/8/">@Daan</a> '
        '<a href="/feed/link/?url=https%3A%2F%2Fx.nl" rel="nofollow ugc noopener" class="leave-link">https://x.nl</a>'
    )
    plain = unlink_mentions(text)
    assert plain.startswith(SPAN.format("@Sanne") + " " + SPAN.format("@Daan"))
    assert 'class="leave-link"' in plain
    only_daan = unlink_mentions(text, href="/feed/3/leerling/8/", shown="@verwijderde leerling")
    assert '<a class="mention" href="/feed/3/leerling/7/">@Sanne</a>' in only_daan
    assert SPAN.format("@verwijderde leerling") in only_daan and "Daan" not in only_daan


class TestWall:
    def open_wall(self, client, teacher, school_class):
        client.force_login(teacher)
        response = client.get(reverse("sandbox_feed:wall", args=[school_class.pk]))
        assert response.status_code == 200
        return response.content.decode()

    def test_the_wall_shows_a_mention_as_plain_text(self, client, classroom):
        school_class, teacher, sanne, daan, _noor = classroom
        post = services.create_post(school_class=school_class, author=daan, raw_text="Knap @Sanne", fields={})
        assert '<a class="mention"' in post.text
        html = self.open_wall(client, teacher, school_class)
        assert "Knap " + SPAN.format("@Sanne") in html
        assert f"/leerling/{sanne.pk}/" not in html

    def test_hidden_names_hide_a_linked_mention_too(self, client, classroom):
        school_class, teacher, sanne, daan, _noor = classroom
        Wall.objects.create(school_class=school_class, hide_names=True)
        post = services.create_post(school_class=school_class, author=daan, raw_text="Knap @Sanne", fields={})
        services.add_comment(post, daan, "Ja @sanne!")
        html = self.open_wall(client, teacher, school_class)
        assert "Sanne" not in html and "sanne" not in html
        assert SPAN.format("@Leerling B") in html  # Daan wrote first: A
        assert f"/leerling/{sanne.pk}/" not in html


class TestMigration:
    def run(self, direction):
        getattr(migration, direction)(apps, None)

    def test_spans_become_links_using_the_mention_rows_and_it_runs_twice_and_back(self, classroom):
        school_class, _teacher, sanne, daan, noor = classroom
        old_sanne = PupilFactory(first_name="Sanne", initial="Q")
        school_class.pupils.add(old_sanne)  # joined later: the Mention row says which Sanne was meant
        old = f"Knap {SPAN.format('@Sanne')} en {SPAN.format('@noor')} en {SPAN.format('@Wie')}"
        post = PostFactory(school_class=school_class, author=daan, text=old)
        Mention.objects.create(post=post, pupil=sanne)
        Mention.objects.create(post=post, pupil=noor)
        comment = CommentFactory(post=post, author=noor, text=f"Ja {SPAN.format('@Daan')}")
        Mention.objects.create(post=post, comment=comment, pupil=daan)
        CommentVersion.objects.create(comment=comment, number=1, text=comment.text, edited_by=noor)
        # No Mention row for this post: two Sannes in the class now, so which one is unknown.
        unclear = PostFactory(school_class=school_class, author=daan, text=f"Hoi {SPAN.format('@Sanne')}")
        wie = SPAN.format("@Wie")
        linked = f"Knap {link(school_class, sanne, '@Sanne')} en {link(school_class, noor, '@noor')} en {wie}"

        self.run("forwards")
        assert Post.objects.get(pk=post.pk).text == linked
        assert PostVersion.objects.get(post=post).text == linked
        assert Comment.objects.get(pk=comment.pk).text == f"Ja {link(school_class, daan, '@Daan')}"
        assert CommentVersion.objects.get(comment=comment).text == f"Ja {link(school_class, daan, '@Daan')}"
        assert Post.objects.get(pk=unclear.pk).text == f"Hoi {SPAN.format('@Sanne')}"

        self.run("forwards")  # idempotent
        assert Post.objects.get(pk=post.pk).text == linked

        self.run("backwards")
        assert Post.objects.get(pk=post.pk).text == old
        assert Comment.objects.get(pk=comment.pk).text == f"Ja {SPAN.format('@Daan')}"
        assert CommentVersion.objects.get(comment=comment).text == f"Ja {SPAN.format('@Daan')}"

    def test_a_pupil_no_longer_in_the_class_gets_no_link(self, classroom):
        school_class, _teacher, sanne, daan, _noor = classroom
        post = PostFactory(school_class=school_class, author=daan, text=f"Dag {SPAN.format('@Sanne')}")
        Mention.objects.create(post=post, pupil=sanne)
        school_class.pupils.remove(sanne)
        self.run("forwards")
        assert Post.objects.get(pk=post.pk).text == f"Dag {SPAN.format('@Sanne')}"


def test_an_erase_unlinks_and_unnames_the_pupil_in_classmates_texts(classroom, django_capture_on_commit_callbacks):
    school_class, _teacher, sanne, daan, noor = classroom
    coordinator = CoordinatorFactory(school=school_class.school)
    post = services.create_post(school_class=school_class, author=daan, raw_text="Knap @Sanne en @Noor", fields={})
    comment = services.add_comment(post, noor, "Ja @Sanne!")
    with django_capture_on_commit_callbacks(execute=True):
        erase_pupil(sanne, actor=coordinator)
    post.refresh_from_db()
    comment.refresh_from_db()
    assert post.text == f"Knap {SPAN.format('@verwijderde leerling')} en {link(school_class, noor, '@Noor')}"
    assert PostVersion.objects.get(post=post).text == post.text
    assert comment.text == f"Ja {SPAN.format('@verwijderde leerling')}!"
    assert CommentVersion.objects.get(comment=comment).text == comment.text
