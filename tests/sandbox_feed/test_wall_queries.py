"""The wall's reads stay small: a fixed number of queries for few and many posts (names shown or hidden, with
practice accounts, photos, erased pupils and reactions of every kind), reactions counted per kind as before, and
the class's QR code drawn once."""

from unittest import mock

import pytest
import segno
from django.urls import reverse

from privacy.placeholder import get_placeholder
from sandbox_feed.choices import ReactionKind
from sandbox_feed.models import Wall
from tests.factories import PupilFactory, SchoolClassFactory, TeacherFactory
from tests.sandbox_feed.factories import CommentFactory, PersonaFactory, PostFactory, ReactionFactory

pytestmark = pytest.mark.django_db

# Session, user, the class (with its wall settings and event number), posts, comments, reaction counts.
WALL_QUERIES = 6


@pytest.fixture
def classroom():
    teacher = TeacherFactory(first_name="Ineke", last_name="de Vries")
    pupils = [PupilFactory(first_name=name) for name in ("Sanne", "Daan", "Noor", "Sem")]
    school_class = SchoolClassFactory(name="Groep 7", teachers=[teacher], pupils=pupils, join_code="MUURQ7")
    return school_class, teacher, pupils


def add_posts(school_class, teacher, pupils, persona, count):
    erased = get_placeholder()
    for index in range(count):
        author = pupils[index % len(pupils)]
        extra = {"photo": f"photos/{index}.jpg", "thumbnail": f"thumbs/{index}.jpg"} if index % 3 == 0 else {}
        if index % 5 == 1:
            extra["persona"] = persona
            author = teacher
        post = PostFactory(school_class=school_class, author=author, text=f"Bericht {index} voor @Daan", **extra)
        CommentFactory(post=post, author=pupils[(index + 1) % len(pupils)], text="Mooi @Noor")
        CommentFactory(post=post, author=erased if index % 4 == 0 else teacher, text="Goed zo")
        for offset, kind in enumerate(ReactionKind):
            ReactionFactory(post=post, user=pupils[(index + offset) % len(pupils)], kind=kind)


@pytest.mark.parametrize("hide_names", [False, True])
def test_the_wall_takes_the_same_few_queries_for_few_and_many_posts(
    client, classroom, django_assert_num_queries, hide_names
):
    school_class, teacher, pupils = classroom
    if hide_names:
        Wall.objects.create(school_class=school_class, hide_names=True)
    expected = WALL_QUERIES + (1 if hide_names else 0)  # the class's pupils, to hide their names in texts
    persona = PersonaFactory(school_class=school_class, name="Nieuwsbode")
    client.force_login(teacher)
    url = reverse("sandbox_feed:wall", args=[school_class.pk])
    for count in (3, 40):  # 40: more than the wall shows
        add_posts(school_class, teacher, pupils, persona, count)
        with django_assert_num_queries(expected):
            response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Nieuwsbode" in html and "verwijderde leerling" in html
        assert ("Leerling" in html) is hide_names


def test_reactions_are_counted_per_kind_in_the_order_of_the_kinds(client, classroom):
    school_class, teacher, pupils = classroom
    post = PostFactory(school_class=school_class, author=pupils[0], text="Kijk eens")
    for pupil in pupils[:3]:
        ReactionFactory(post=post, user=pupil, kind=ReactionKind.IDEA)
    ReactionFactory(post=post, user=pupils[3], kind=ReactionKind.HEART)
    PostFactory(school_class=school_class, author=pupils[1], text="Zonder reacties")
    client.force_login(teacher)
    html = client.get(reverse("sandbox_feed:wall", args=[school_class.pk])).content.decode()
    heart = f'<span class="visually-hidden">{ReactionKind.HEART.label}:</span> 1</span>'
    idea = f'<span class="visually-hidden">{ReactionKind.IDEA.label}:</span> 3</span>'
    assert heart in html and idea in html
    assert html.index(heart) < html.index(idea)
    assert html.count('class="wall-reaction"') == 2  # kinds nobody chose are left out


def test_the_qr_code_is_drawn_once_per_class(client, classroom):
    school_class, teacher, _pupils = classroom
    other = SchoolClassFactory(teachers=[teacher], join_code="MUURQ8")
    client.force_login(teacher)
    with mock.patch("sandbox_feed.wall.segno.make", wraps=segno.make) as make:
        first = client.get(reverse("sandbox_feed:wall", args=[school_class.pk])).content.decode()
        again = client.get(reverse("sandbox_feed:wall", args=[school_class.pk])).content.decode()
        assert make.call_count == 1
        client.get(reverse("sandbox_feed:wall", args=[other.pk]))
        assert make.call_count == 2
    svg = first[first.index("<svg") : first.index("</svg>")]
    assert svg and svg in again
