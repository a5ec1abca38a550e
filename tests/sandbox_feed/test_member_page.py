"""A classmate's page in a class feed (issue 13, where a mention links to): members of the class only, the
classmate's avatar, name and posts the viewer may see, newest first, and nothing else; constant queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sandbox_feed.choices import PostStatus, ReportReason
from sandbox_feed.models import Report
from sandbox_feed.views_member import MEMBER_POSTS
from tests.factories import PupilFactory, SchoolClassFactory, TeacherFactory
from tests.sandbox_feed.factories import PostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def classroom():
    teacher = TeacherFactory(first_name="Ineke", last_name="de Vries")
    duo = TeacherFactory(first_name="Pieter", last_name="Bos")
    sanne = PupilFactory(first_name="Sanne", initial="B")
    daan = PupilFactory(first_name="Daan", initial="K")
    school_class = SchoolClassFactory(name="Groep 7", teachers=[teacher, duo], pupils=[sanne, daan])
    return school_class, teacher, duo, sanne, daan


def page_url(school_class, pupil):
    return reverse("sandbox_feed:member", args=[school_class.pk, pupil.pk])


def open_page(client, user, school_class, pupil):
    client.force_login(user)
    response = client.get(page_url(school_class, pupil))
    assert response.status_code == 200
    return response.content.decode()


def test_the_url_is_the_one_mentions_link_to(classroom):
    school_class, _teacher, _duo, sanne, _daan = classroom
    assert page_url(school_class, sanne) == f"/feed/{school_class.pk}/leerling/{sanne.pk}/"


def test_a_classmate_sees_name_avatar_and_posts_newest_first_with_links_to_the_feed(client, classroom):
    school_class, _teacher, _duo, sanne, daan = classroom
    first = PostFactory(school_class=school_class, author=sanne, text="Mijn eerste bericht")
    second = PostFactory(school_class=school_class, author=sanne, text="Mijn tweede bericht")
    PostFactory(school_class=school_class, author=daan, text="Van Daan zelf")
    html = open_page(client, daan, school_class, sanne)
    assert "<title>Sanne B. in Groep 7 · Oefenfeed</title>" in html
    assert "<h1>Sanne B.</h1>" in html
    assert 'class="avatar avatar-c' in html and 'aria-hidden="true">S</span>' in html
    assert "Berichten van Sanne" in html
    assert html.index("Mijn tweede bericht") < html.index("Mijn eerste bericht")
    feed = reverse("sandbox_feed:feed", args=[school_class.pk])
    # Each link opens the feed page that starts with that post (the feed's own paging), so older posts are reached.
    assert f'href="{feed}?voor={second.pk + 1}#bericht-{second.pk}"' in html
    assert f'href="{feed}?voor={first.pk + 1}#bericht-{first.pk}"' in html
    assert "Van Daan zelf" not in html
    assert "Nog geen berichten." not in html
    assert reverse("accounts:class_detail", args=[school_class.pk]) not in html  # the class page is the teacher's


def test_without_posts_it_says_so(client, classroom):
    school_class, _teacher, _duo, sanne, daan = classroom
    assert "Nog geen berichten." in open_page(client, daan, school_class, sanne)


def test_a_classmate_sees_only_visible_posts_and_the_author_their_own_waiting_ones(client, classroom):
    school_class, _teacher, _duo, sanne, daan = classroom
    PostFactory(school_class=school_class, author=sanne, text="Zichtbaar voor iedereen")
    for status in (PostStatus.PENDING, PostStatus.REJECTED, PostStatus.HIDDEN, PostStatus.DELETED, PostStatus.DRAFT):
        PostFactory(school_class=school_class, author=sanne, text=f"Niet voor de klas {status}", status=status)
    html = open_page(client, daan, school_class, sanne)
    assert "Zichtbaar voor iedereen" in html and "Niet voor de klas" not in html
    own = open_page(client, sanne, school_class, sanne)
    assert "Niet voor de klas pending" in own and "Niet voor de klas rejected" in own
    assert "Niet voor de klas hidden" not in own  # hidden by the teacher: its text stays away, as in the feed
    assert "Niet voor de klas draft" not in own and "Niet voor de klas deleted" not in own


def test_teachers_of_the_class_see_it_with_a_link_to_the_class_page(client, classroom):
    school_class, teacher, duo, sanne, _daan = classroom
    PostFactory(school_class=school_class, author=sanne, text="Verborgen door juf", status=PostStatus.HIDDEN)
    PostFactory(school_class=school_class, author=sanne, text="Nog een kladje", status=PostStatus.DRAFT)
    for user in (teacher, duo):
        html = open_page(client, user, school_class, sanne)
        assert reverse("accounts:class_detail", args=[school_class.pk]) in html
        assert "Verborgen door juf" in html and "Nog een kladje" not in html


def test_nothing_about_moderation_or_reports_reaches_a_pupil(client, classroom):
    school_class, _teacher, _duo, sanne, daan = classroom
    post = PostFactory(school_class=school_class, author=sanne, text="Gewoon een bericht", needs_review=True)
    Report.objects.create(school_class=school_class, reporter=daan, post=post, reason=ReportReason.MEAN)
    html = open_page(client, daan, school_class, sanne)
    for word in ("melding", "Nakijken", "gemeld", "moderatie"):
        assert word not in html


def test_others_get_404(client, classroom, outsider_pupil, other_teacher):
    school_class, teacher, _duo, sanne, daan = classroom
    for user in (outsider_pupil, other_teacher):
        client.force_login(user)
        assert client.get(page_url(school_class, sanne)).status_code == 404
    client.force_login(daan)
    assert client.get(page_url(school_class, outsider_pupil)).status_code == 404  # not in this class
    assert client.get(page_url(school_class, teacher)).status_code == 404  # teachers have no page
    assert client.get(reverse("sandbox_feed:member", args=[school_class.pk, 999999])).status_code == 404
    client.logout()
    assert client.get(page_url(school_class, sanne)).status_code == 302  # to the login page


def test_pupils_never_see_an_archived_class_teachers_still_do(client, classroom):
    school_class, teacher, _duo, sanne, daan = classroom
    school_class.archived_at = timezone.now()
    school_class.save(update_fields=["archived_at"])
    client.force_login(daan)
    assert client.get(page_url(school_class, sanne)).status_code == 404
    open_page(client, teacher, school_class, sanne)


def test_it_lists_the_newest_posts_only(client, classroom):
    school_class, _teacher, _duo, sanne, daan = classroom
    posts = [PostFactory(school_class=school_class, author=sanne) for _ in range(MEMBER_POSTS + 2)]
    html = open_page(client, daan, school_class, sanne)
    assert html.count('<li class="card">') == MEMBER_POSTS
    assert f'#bericht-{posts[-1].pk}"' in html and f'#bericht-{posts[0].pk}"' not in html


@pytest.mark.parametrize("who", ["pupil", "teacher"])
def test_queries_do_not_grow_with_the_posts(client, classroom, who):
    school_class, teacher, _duo, sanne, daan = classroom
    viewer = daan if who == "pupil" else teacher
    client.force_login(viewer)
    url = page_url(school_class, sanne)
    client.get(url)  # session and caches warm

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    PostFactory(school_class=school_class, author=sanne)
    few = queries()
    for _ in range(30):
        PostFactory(school_class=school_class, author=sanne)
    assert queries() == few
    assert few <= 6


def test_a_link_reaches_a_post_older_than_the_first_feed_page(client, classroom):
    """The feed shows twenty posts a page; the link to an old post opens the page that holds it."""
    school_class, _teacher, _duo, sanne, daan = classroom
    old = PostFactory(school_class=school_class, author=sanne, text="Een oud bericht van Sanne")
    for n in range(25):
        PostFactory(school_class=school_class, author=daan, text=f"Nieuwer bericht {n}")
    client.force_login(daan)
    first_page = client.get(reverse("sandbox_feed:feed", args=[school_class.pk])).content.decode()
    assert "Een oud bericht van Sanne" not in first_page
    html = open_page(client, daan, school_class, sanne)
    link = html.split('<ul class="member-posts"')[1].split('href="')[1].split('"')[0].replace("&amp;", "&")
    path, anchor = link.split("#")
    assert anchor == f"bericht-{old.pk}"
    assert f'id="bericht-{old.pk}"' in client.get(path).content.decode()
