"""The smartboard wall: teachers of the class only, approved content only (never a held photo), the
spotlight and hidden names (in comments and mentions too), the QR code to join, constant queries."""

from unittest import mock

import pytest
import segno
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sandbox_feed.choices import EventAudience, PeopleOnPhoto, PostStatus
from sandbox_feed.models import ClassEvent, Wall
from sandbox_feed.wall import letters
from tests.factories import PupilFactory, SchoolClassFactory, TeacherFactory
from tests.sandbox_feed.factories import CommentFactory, PostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def classroom():
    teacher = TeacherFactory(first_name="Ineke", last_name="de Vries")
    sanne = PupilFactory(first_name="Sanne", initial="B")
    daan = PupilFactory(first_name="Daan", initial="K")
    noor = PupilFactory(first_name="Noor", initial="V")
    school_class = SchoolClassFactory(name="Groep 7", teachers=[teacher], pupils=[sanne, daan, noor], join_code="MUUR7")
    return school_class, teacher, sanne, daan, noor


def wall_url(school_class):
    return reverse("sandbox_feed:wall", args=[school_class.pk])


def open_wall(client, user, school_class):
    client.force_login(user)
    response = client.get(wall_url(school_class))
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_the_wall_with_class_code_and_qr_to_a_teacher(client, classroom):
    school_class, teacher, sanne, _daan, _noor = classroom
    PostFactory(school_class=school_class, author=sanne, text="Hallo klas!")
    join_url = "http://testserver/leerling/inloggen/MUUR7/"
    with mock.patch("sandbox_feed.wall.segno.make", wraps=segno.make) as make:
        html = open_wall(client, teacher, school_class)
    make.assert_called_once_with(join_url, error="m")
    assert "Hallo klas!" in html
    assert "MUUR7" in html
    assert join_url in html
    # The QR code is inline SVG without a style attribute or script: the CSP allows neither.
    svg = html[html.index('<svg viewBox="') : html.index("</svg>")]
    assert "style=" not in svg and "<script" not in svg
    assert 'id="feed-live"' in html and "muur-balk,muur-berichten" in html


def test_pupils_and_other_teachers_get_404(client, classroom):
    school_class, _teacher, sanne, _daan, _noor = classroom
    outsider = TeacherFactory()
    SchoolClassFactory(teachers=[outsider])
    for user in (sanne, outsider):
        client.force_login(user)
        assert client.get(wall_url(school_class)).status_code == 404
        spotlight = reverse("sandbox_feed:wall_spotlight", args=[school_class.pk])
        assert client.post(spotlight).status_code == 404
        names = reverse("sandbox_feed:wall_names", args=[school_class.pk])
        assert client.post(names, {"hide": "1"}).status_code == 404
    assert not Wall.objects.exists()
    client.logout()
    assert client.get(wall_url(school_class)).status_code == 302  # to the login page


def test_only_approved_posts_and_comments_reach_the_wall(client, classroom):
    school_class, teacher, sanne, daan, _noor = classroom
    shown = PostFactory(school_class=school_class, author=sanne, text="Zichtbaar bericht")
    for status in (PostStatus.PENDING, PostStatus.REJECTED, PostStatus.HIDDEN, PostStatus.DELETED, PostStatus.DRAFT):
        PostFactory(school_class=school_class, author=daan, text=f"Niet op de muur {status}", status=status)
    CommentFactory(post=shown, author=daan, text="Goedgekeurde reactie", status=PostStatus.VISIBLE)
    for status in (PostStatus.PENDING, PostStatus.REJECTED, PostStatus.HIDDEN, PostStatus.DELETED):
        CommentFactory(post=shown, author=daan, text=f"Verstopte reactie {status}", status=status)
    html = open_wall(client, teacher, school_class)
    assert "Zichtbaar bericht" in html and "Goedgekeurde reactie" in html
    assert "Niet op de muur" not in html
    assert "Verstopte reactie" not in html


def test_a_photo_held_for_consent_or_withdrawn_is_not_shown(client, classroom):
    school_class, teacher, sanne, daan, _noor = classroom
    fine = PostFactory(
        school_class=school_class, author=sanne, text="Mijn tekening", photo="photos/a.jpg", thumbnail="thumbs/a.jpg"
    )
    held = PostFactory(
        school_class=school_class,
        author=daan,
        text="Wij op het plein",
        status=PostStatus.PENDING,
        people_on_photo=PeopleOnPhoto.CLASSMATES,
        photo="photos/b.jpg",
        thumbnail="thumbs/b.jpg",
    )
    withdrawn = PostFactory(
        school_class=school_class,
        author=daan,
        text="Ons uitje",
        people_on_photo=PeopleOnPhoto.CLASSMATES,
        photo="photos/c.jpg",
        thumbnail="thumbs/c.jpg",
        photo_hidden=True,
    )
    html = open_wall(client, teacher, school_class)
    assert reverse("sandbox_feed:thumbnail", args=[fine.pk]) in html
    assert "Wij op het plein" not in html
    assert reverse("sandbox_feed:thumbnail", args=[held.pk]) not in html
    assert "Ons uitje" in html  # the text of a visible post stays; its photo does not
    assert reverse("sandbox_feed:thumbnail", args=[withdrawn.pk]) not in html
    assert reverse("sandbox_feed:photo", args=[withdrawn.pk]) not in html


def test_the_spotlight_shows_one_post_and_is_announced_to_teachers_only(client, classroom):
    school_class, teacher, sanne, daan, _noor = classroom
    chosen = PostFactory(school_class=school_class, author=sanne, text="Deze bespreken we")
    PostFactory(school_class=school_class, author=daan, text="Een ander bericht")
    client.force_login(teacher)
    spotlight = reverse("sandbox_feed:wall_spotlight", args=[school_class.pk])

    response = client.post(spotlight, {"post": chosen.pk})
    assert response.status_code == 302 and response["Location"] == wall_url(school_class)
    assert Wall.objects.get(school_class=school_class).spotlight == chosen
    event = ClassEvent.objects.filter(school_class=school_class, kind="wall").get()
    assert event.audience == EventAudience.TEACHERS
    html = open_wall(client, teacher, school_class)
    assert "Deze bespreken we" in html and "wall-post-big" in html
    assert "Een ander bericht" not in html
    assert "Terug naar de hele muur" in html

    # With feed.js: the same form answers JSON and the page refreshes in place.
    answer = client.post(spotlight, {}, headers={"X-Requested-With": "fetch"})
    assert answer.json()["location"] == wall_url(school_class)
    assert Wall.objects.get(school_class=school_class).spotlight is None
    html = open_wall(client, teacher, school_class)
    assert "Deze bespreken we" in html and "Een ander bericht" in html and "wall-post-big" not in html


def test_only_a_visible_post_of_the_class_can_be_spotlighted(client, classroom):
    school_class, teacher, sanne, _daan, _noor = classroom
    waiting = PostFactory(school_class=school_class, author=sanne, status=PostStatus.PENDING)
    elsewhere = PostFactory(school_class=SchoolClassFactory(teachers=[teacher]), author=sanne)
    client.force_login(teacher)
    spotlight = reverse("sandbox_feed:wall_spotlight", args=[school_class.pk])
    for post_id in (waiting.pk, elsewhere.pk, "abc"):
        assert client.post(spotlight, {"post": post_id}).status_code == 404
    assert not Wall.objects.exists()


def test_a_spotlighted_post_that_is_hidden_later_leaves_the_wall(client, classroom):
    school_class, teacher, sanne, daan, _noor = classroom
    chosen = PostFactory(school_class=school_class, author=sanne, text="Straks verborgen")
    PostFactory(school_class=school_class, author=daan, text="Blijft staan")
    Wall.objects.create(school_class=school_class, spotlight=chosen)
    chosen.status = PostStatus.HIDDEN
    chosen.save()
    html = open_wall(client, teacher, school_class)
    assert "Straks verborgen" not in html and "Blijft staan" in html


def test_hidden_names_give_each_pupil_one_letter_in_posts_comments_and_mentions(client, classroom):
    school_class, teacher, sanne, daan, noor = classroom
    first = PostFactory(school_class=school_class, author=sanne, text="Wie doet mee? @Daan en Noor?")
    CommentFactory(post=first, author=daan, text="Ik! Sanne, goed plan.")
    CommentFactory(post=first, author=sanne, text="Top @daan")
    PostFactory(school_class=school_class, author=noor, text="Mijn eerste bericht")
    PostFactory(school_class=school_class, author=teacher, text="Mededeling van de juf")
    client.force_login(teacher)
    names = reverse("sandbox_feed:wall_names", args=[school_class.pk])
    assert client.post(names, {"hide": "1"}).status_code == 302
    assert Wall.objects.get(school_class=school_class).hide_names is True
    assert ClassEvent.objects.filter(school_class=school_class, kind="wall", audience=EventAudience.TEACHERS).exists()

    html = open_wall(client, teacher, school_class)
    for name in ("Sanne", "Daan", "Noor", "Sanne B.", "Daan K.", "Noor V."):
        assert name not in html, name
    # In order of appearance: Sanne wrote first (A), then named Daan (B) and Noor (C).
    assert "Wie doet mee? @Leerling B en Leerling C?" in html
    assert "Ik! Leerling A, goed plan." in html
    assert "Top @Leerling B" in html
    assert html.count(">Leerling A<") == 2  # her post and her comment
    assert html.count(">Leerling B<") == 1 and html.count(">Leerling C<") == 1
    assert "Ineke de Vries" in html  # the teacher keeps her name
    assert "Namen weer tonen" in html

    client.post(names, {"hide": "0"})
    html = open_wall(client, teacher, school_class)
    assert "Sanne B." in html and "Leerling A" not in html


def test_hidden_names_leave_links_working(client, classroom):
    school_class, teacher, sanne, _daan, _noor = classroom
    PostFactory(
        school_class=school_class,
        author=sanne,
        text='Kijk <a href="https://example.org/sanne" rel="nofollow ugc noopener">https://example.org/sanne</a> Sanne',
    )
    Wall.objects.create(school_class=school_class, hide_names=True)
    html = open_wall(client, teacher, school_class)
    # The address still works; every name shown as text is hidden, the link's text too.
    assert 'href="https://example.org/sanne"' in html
    assert ">https://example.org/Leerling A</a> Leerling A<" in html


def test_letters_go_on_after_z():
    assert [letters(n) for n in (0, 1, 25, 26, 27)] == ["A", "B", "Z", "AA", "AB"]


def _wall_queries(client, teacher, school_class):
    client.force_login(teacher)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(wall_url(school_class)).status_code == 200
    return len(queries)


def test_the_wall_takes_the_same_number_of_queries_for_few_and_many_posts(client, classroom):
    school_class, teacher, sanne, daan, noor = classroom
    Wall.objects.create(school_class=school_class, hide_names=True)

    def add_posts(count):
        for index in range(count):
            post = PostFactory(school_class=school_class, author=(sanne, daan, noor)[index % 3])
            CommentFactory(post=post, author=daan, text="Mooi @Noor")
            CommentFactory(post=post, author=noor)

    add_posts(2)
    few = _wall_queries(client, teacher, school_class)
    add_posts(10)
    many = _wall_queries(client, teacher, school_class)
    assert few == many


def test_without_javascript_the_forms_post_and_redirect(client, classroom):
    school_class, teacher, _sanne, _daan, _noor = classroom
    client.force_login(teacher)
    names = reverse("sandbox_feed:wall_names", args=[school_class.pk])
    assert client.get(names).status_code == 405
    response = client.post(names, {"hide": "1"}, follow=True)
    assert response.redirect_chain[-1][0] == wall_url(school_class)
    assert "Namen weer tonen" in response.content.decode()


def test_the_feed_links_the_teacher_to_the_wall(client, classroom):
    school_class, teacher, sanne, _daan, _noor = classroom
    feed = reverse("sandbox_feed:feed", args=[school_class.pk])
    client.force_login(teacher)
    assert wall_url(school_class) in client.get(feed).content.decode()
    client.force_login(sanne)
    assert wall_url(school_class) not in client.get(feed).content.decode()
