"""Post cards rendered once and reused (sandbox_feed.post_cards): shared only where the card is the same, never
stale, and every form on a reused card still carries the viewer's own CSRF token."""

import re

import pytest
from django.template import loader
from django.test import Client
from django.urls import reverse

from sandbox_feed import post_cards
from sandbox_feed.choices import PostStatus, ReactionKind
from sandbox_feed.models import Reaction
from tests.sandbox_feed.factories import CommentFactory, PostFactory, ReactionFactory


def feed(client, school_class):
    response = client.get(reverse("sandbox_feed:feed", args=[school_class.pk]))
    assert response.status_code == 200
    return response.content.decode()


def card(page, post):
    """The card of `post` on `page`: from its <li> to the next card or the end of the list."""
    start = page.index(f'id="bericht-{post.pk}"')
    end = page.find('<li class="card post ', start)
    return page[start : end if end != -1 else page.index("</ol>", start)]


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def post(school_class, pupils):
    return PostFactory(school_class=school_class, author=pupils[2], text="Wie gaat er mee zwemmen?")


def count_renders(monkeypatch, name):
    """How often the template `name` is rendered (not taken from the cache), as {"n": ...}."""
    template = loader.get_template(name)
    count = {"n": 0}
    original = type(template).render

    def counting(self, *args, **kwargs):
        if self.template.name == name:
            count["n"] += 1
        return original(self, *args, **kwargs)

    monkeypatch.setattr(type(template), "render", counting)
    return count


@pytest.fixture
def renders(monkeypatch):
    return count_renders(monkeypatch, post_cards.TEMPLATE)


def test_a_second_classmate_gets_the_card_from_the_cache(school_class, pupils, post, renders):
    first = feed(logged_in(pupils[0]), school_class)
    assert renders["n"] == 1
    second = feed(logged_in(pupils[1]), school_class)
    assert renders["n"] == 1  # the same card: nothing rendered again
    strip = lambda html: re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)  # noqa: E731
    assert strip(card(first, post)) == strip(card(second, post))


def test_my_own_reaction_is_mine_only(school_class, pupils, post):
    ReactionFactory(post=post, user=pupils[0], kind=ReactionKind.HEART)
    mine = card(feed(logged_in(pupils[0]), school_class), post)
    theirs = card(feed(logged_in(pupils[1]), school_class), post)
    assert 'aria-pressed="true"' in mine
    assert 'aria-pressed="true"' not in theirs
    assert "1</button>" in theirs  # the count is everyone's


def test_teacher_and_pupil_cards_differ(school_class, pupils, teacher, post):
    pupil_card = card(feed(logged_in(pupils[0]), school_class), post)
    teacher_card = card(feed(logged_in(teacher), school_class), post)
    assert "moderatie/verbergen" in teacher_card
    assert "moderatie/verbergen" not in pupil_card
    assert "moderatie" not in card(feed(logged_in(pupils[1]), school_class), post)


def test_only_the_author_of_a_comment_gets_its_buttons(school_class, pupils, post):
    comment = CommentFactory(post=post, author=pupils[0], text="Ik!")
    edit = reverse("sandbox_feed:comment_edit", args=[comment.pk])
    assert edit in card(feed(logged_in(pupils[0]), school_class), post)
    assert edit not in card(feed(logged_in(pupils[1]), school_class), post)


def test_a_change_made_without_an_event_still_shows(school_class, pupils, post):
    """The key holds what the card is made of, so even a write that skips the event log is never hidden."""
    client = logged_in(pupils[0])
    assert "0</button>" in card(feed(client, school_class), post)
    Reaction.objects.create(post=post, user=pupils[1], kind=ReactionKind.THUMB)
    assert "1</button>" in card(feed(client, school_class), post)
    author = logged_in(pupils[2])
    assert "Wie gaat er mee zwemmen?" in card(feed(author, school_class), post)
    type(post).objects.filter(pk=post.pk).update(status=PostStatus.HIDDEN)
    hidden = card(feed(author, school_class), post)
    assert "Wie gaat er mee zwemmen?" not in hidden
    assert "verborgen" in hidden


def test_a_page_with_a_comment_error_renders_its_cards_fresh(school_class, pupils, post, renders):
    client = logged_in(pupils[0])
    feed(client, school_class)
    assert renders["n"] == 1
    response = client.post(reverse("sandbox_feed:comment_create", args=[post.pk]), {"text": ""})
    assert response.status_code == 400
    assert renders["n"] == 2  # not taken from the cache: this card carries the pupil's error


def test_forms_on_a_reused_card_carry_the_viewers_token(school_class, pupils, post):
    feed(logged_in(pupils[0]), school_class)  # renders and stores the card
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(pupils[1])
    page = feed(strict, school_class)
    assert post_cards.CSRF_PLACEHOLDER not in page
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', card(page, post)).group(1)
    response = strict.post(
        reverse("sandbox_feed:reaction", args=[post.pk]),
        {"kind": ReactionKind.HEART, "active": "1", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert Reaction.objects.filter(post=post, user=pupils[1], kind=ReactionKind.HEART).exists()


# The smartboard wall's posts are cards too --------------------------------------------------------------------


def wall(client, school_class):
    response = client.get(reverse("sandbox_feed:wall", args=[school_class.pk]))
    assert response.status_code == 200
    return response.content.decode()


def wall_card(page, post):
    start = page.index(f'id="muur-bericht-{post.pk}"')
    return page[start : page.index("</li>", page.index("</form>", start))]


@pytest.fixture
def wall_renders(monkeypatch):
    return count_renders(monkeypatch, post_cards.WALL_TEMPLATE)


def test_the_wall_reuses_its_cards_and_shows_every_change(school_class, pupils, teacher, post, wall_renders):
    client = logged_in(teacher)
    first = wall(client, school_class)
    assert wall_renders["n"] == 1
    assert wall(client, school_class).count("Wie gaat er mee zwemmen?") == 1
    assert wall_renders["n"] == 1  # the same card: taken from the cache
    # Changes made without an event (a factory, an update) still show: the key holds what the card is made of.
    comment = CommentFactory(post=post, author=pupils[0], text="Ik ga mee")
    assert "Ik ga mee" in wall_card(wall(client, school_class), post)
    type(comment).objects.filter(pk=comment.pk).update(text="Ik toch niet")
    changed = wall_card(wall(client, school_class), post)
    assert "Ik toch niet" in changed
    assert "Ik ga mee" not in changed
    assert wall_renders["n"] == 3
    assert post_cards.CSRF_PLACEHOLDER not in first


def test_hidden_names_on_the_wall_are_not_taken_from_a_card_with_names(school_class, pupils, teacher, post):
    client = logged_in(teacher)
    shown = wall_card(wall(client, school_class), post)
    assert pupils[2].first_name in shown
    client.post(reverse("sandbox_feed:wall_names", args=[school_class.pk]), {"hide": "1"})
    hidden = wall_card(wall(client, school_class), post)
    assert pupils[2].first_name not in hidden
    assert "Leerling A" in hidden


def test_a_reused_wall_card_carries_the_viewers_token(school_class, pupils, teacher, other_teacher, post):
    wall(logged_in(teacher), school_class)  # renders and stores the card
    school_class.teachers.add(other_teacher)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(other_teacher)
    page = wall(strict, school_class)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', wall_card(page, post)).group(1)
    response = strict.post(
        reverse("sandbox_feed:wall_spotlight", args=[school_class.pk]), {"post": post.pk, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert 'class="wall-spotlight"' in wall(strict, school_class)
