"""The smartboard wall of a class: its approved posts in large type, one post in the spotlight, and names
that can be hidden ("Leerling A, B, ...") so a post is discussed without shaming its author.

The same names and answers serve the lesson step "opdracht in de feed" (assignments.py)."""

import hashlib
import re

import segno
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from accounts.models import SchoolClass
from privacy import placeholder

from . import events, live
from .choices import REACTION_EMOJI, EventAudience, PostStatus, ReactionKind
from .models import Comment, Post, Reaction, Wall
from .text import substitute_in_text, unlink_mentions

# Posts on the wall: the newest, pinned ones first. A wall is read from the back of a classroom; more would
# not fit on the screen anyway.
WALL_SIZE = 30
# How long a class's QR code is kept once drawn (join_qr_svg).
QR_CACHE_SECONDS = 24 * 60 * 60


def _classes_taught_by(user):
    """The classes `user` teaches; 404 for everyone else, pupils of the class too: the wall is the teacher's
    screen."""
    if not user.is_authenticated or not user.is_school_staff:
        raise Http404
    return SchoolClass.objects.for_teacher(user)


def get_class_for_wall(user, class_id):
    """The class if `user` teaches it; 404 for everyone else."""
    return get_object_or_404(_classes_taught_by(user), pk=class_id)


def get_class_for_wall_page(user, class_id):
    """get_class_for_wall for the wall page, in one query: with its wall settings (read by wall_for) and
    `live_seq`, the class's current event number (events.current_seq), read before the posts are, so whatever
    happens after it is numbered above it."""
    classes = _classes_taught_by(user).select_related("feed_wall").annotate(live_seq=events.current_seq_expression())
    return get_object_or_404(classes, pk=class_id)


def wall_for(school_class):
    """The class's wall settings; an unsaved default when nobody changed them yet (a page view writes nothing).
    No query when the class came with select_related("feed_wall")."""
    if SchoolClass.feed_wall.is_cached(school_class):
        state = getattr(school_class, "feed_wall", None)  # None: cached as missing
    else:
        state = Wall.objects.filter(school_class=school_class).first()
    return state or Wall(school_class=school_class)


# The columns the wall shows of an author (Names: placeholder check, role, display name).
_AUTHOR_FIELDS = ("id", "username", "role", "first_name", "last_name", "initial")


def _with_author(*fields):
    return (*fields, *(f"author__{field}" for field in _AUTHOR_FIELDS))


def visible_comments():
    """Only approved comments reach the wall: never waiting, refused, hidden or deleted ones. With the columns
    the wall and the smartboard's answers show (name_items), no more."""
    return (
        Comment.objects.filter(status=PostStatus.VISIBLE)
        .select_related("author")
        .only(*_with_author("id", "post_id", "author_id", "status", "text", "created_at"))
        .order_by("id")
    )


def wall_posts(school_class, limit=WALL_SIZE):
    """The class's approved posts with their approved comments (`wall_comments`) and reaction counts
    (`wall_reactions`), in three queries whatever the number of posts. Only visible posts: a post that waits
    (also one whose photo is held for consent), was refused, hidden or deleted never reaches the wall.

    Only the columns the wall shows are read, and reactions are counted by the database: the wall needs
    numbers, not a row per reaction."""
    fields = _with_author(
        "id", "school_class_id", "author_id", "persona_id", "status", "pinned", "text", "photo", "photo_hidden",
        "created_at", "persona__id", "persona__name",
    )  # fmt: skip
    posts = list(
        Post.objects.filter(school_class=school_class, status=PostStatus.VISIBLE)
        .select_related("author", "persona")
        .only(*fields)
        .order_by("-pinned", "-id")[:limit]
    )
    ids = [post.pk for post in posts]
    comments = {post_id: [] for post_id in ids}
    for comment in visible_comments().filter(post_id__in=ids):
        comments[comment.post_id].append(comment)
    counts = {post_id: {} for post_id in ids}
    reactions = Reaction.objects.filter(post_id__in=ids).order_by().values_list("post_id", "kind")
    for post_id, kind, number in reactions.annotate(number=Count("pk")):
        counts[post_id][kind] = number
    # Labels translated once for the page, not once per post.
    kinds = [(kind.value, REACTION_EMOJI[kind], str(kind.label)) for kind in ReactionKind]
    for post in posts:
        post.wall_comments = comments[post.pk]
        mine = counts[post.pk]
        post.wall_reactions = [(emoji, label, mine[kind]) for kind, emoji, label in kinds if mine.get(kind)]
    return posts


def shows_photo(post):
    """As a classmate would see it: a photo of a visible post that is not hidden after a consent withdrawal."""
    return bool(post.photo) and not post.photo_hidden and post.status == PostStatus.VISIBLE


def letters(number):
    """0 -> A, 25 -> Z, 26 -> AA: a label for every pupil, however large the class."""
    label = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        label = chr(ord("A") + rest) + label
    return label


class Names:
    """How pupils are named on one wall. With `hide` on, every pupil becomes "Leerling A", "Leerling B", ...
    in the order they first appear (authors, then whoever a text names), and their first names in texts and
    @mentions are replaced by the same label. Teachers and practice accounts keep their names."""

    def __init__(self, hide, pupils=()):
        self.hide = hide
        self.labels = {}
        self.pupils = list(pupils) if hide else []
        self.pattern = None
        names = sorted({p.first_name for p in self.pupils if p.first_name}, key=len, reverse=True)
        if names:
            alternatives = "|".join(re.escape(name) for name in names)
            self.pattern = re.compile(rf"(?<!\w)@?({alternatives})(?!\w)", re.IGNORECASE)
        self.by_name = {}
        for pupil in self.pupils:
            self.by_name.setdefault(pupil.first_name.casefold(), pupil)

    def label(self, pupil):
        if pupil.pk not in self.labels:
            self.labels[pupil.pk] = _("Leerling %(letter)s") % {"letter": letters(len(self.labels))}
        return self.labels[pupil.pk]

    def name_of(self, item):
        """The name to show for a post or comment's author."""
        if isinstance(item, Post) and item.persona_id:
            return item.persona.name
        author = item.author
        if placeholder.is_placeholder(author):
            return _("verwijderde leerling")
        if self.hide and author.is_pupil:
            return self.label(author)
        return author.display_name

    def text_of(self, item):
        """The item's stored HTML, with pupils' names replaced when names are hidden (text only, never inside
        a tag, so links keep working)."""
        # Mentions show as plain marks: the smartboard is not for navigating to a classmate's page.
        text = unlink_mentions(item.text)
        if not self.pattern:
            return mark_safe(text)  # noqa: S308 - cleaned and linkified on write (text.clean_text)
        replaced = substitute_in_text(text, self.pattern, self._replace)
        return mark_safe(replaced)  # noqa: S308 - only names swapped for our own labels

    def _replace(self, match):
        pupil = self.by_name.get(match.group(1).casefold())
        if pupil is None:
            return match.group(0)
        return ("@" if match.group(0).startswith("@") else "") + self.label(pupil)


def name_items(items, names):
    """Give each post or comment `wall_name` and `wall_text`, in order of appearance: oldest first, so a
    pupil keeps their letter when newer posts arrive."""
    for item in sorted(items, key=lambda item: (item.created_at, item.pk)):
        # An erased pupil's comment keeps its place without name or text, as in the feed.
        item.wall_erased = placeholder.is_placeholder(item.author)
        item.wall_name = names.name_of(item)
        item.wall_text = "" if item.wall_erased else names.text_of(item)
    return items


def prepare(school_class, posts, hide_names):
    """Names, texts and photos of the wall's posts and comments (one query for the pupils when names are
    hidden)."""
    pupils = school_class.pupils.only("id", "first_name") if hide_names else ()
    names = Names(hide_names, pupils)
    items = []
    for post in posts:
        post.wall_photo = shows_photo(post)
        items.append(post)
        items.extend(post.wall_comments)
    name_items(items, names)
    return posts


def spotlight_of(wall, posts):
    """The post in the spotlight, if it is still on the wall (hidden or deleted since: nobody)."""
    if wall.spotlight_id is None:
        return None
    return next((post for post in posts if post.pk == wall.spotlight_id), None)


@transaction.atomic
def set_spotlight(school_class, post):
    """Put `post` (a visible post of the class) in the spotlight, or clear it with None; a second teacher
    screen on the wall follows (an event for the teachers only)."""
    if post is not None and (post.school_class_id != school_class.pk or post.status != PostStatus.VISIBLE):
        raise Http404
    wall, _created = Wall.objects.select_for_update().get_or_create(school_class=school_class)
    wall.spotlight = post
    wall.save(update_fields=["spotlight", "updated_at"])
    live.announce(school_class.pk, "wall", audience=EventAudience.TEACHERS)
    return wall


@transaction.atomic
def set_hide_names(school_class, hide):
    wall, _created = Wall.objects.select_for_update().get_or_create(school_class=school_class)
    wall.hide_names = hide
    wall.save(update_fields=["hide_names", "updated_at"])
    live.announce(school_class.pk, "wall", audience=EventAudience.TEACHERS)
    return wall


def join_qr_svg(url, title):
    """The QR code that opens the class's pupil login, as inline SVG without style attributes or scripts
    (the CSP allows neither): segno writes the SVG itself from the URL and escapes the title.

    Encoding a QR code takes longer than the rest of the wall together, and a class's code never changes: it
    is kept in the cache under its URL and title."""
    key = "wall-qr:" + hashlib.sha256(f"{url}\n{title}".encode()).hexdigest()
    svg = cache.get(key)
    if svg is None:
        svg = segno.make(url, error="m").svg_inline(border=2, title=title, dark="#000", light="#fff", omitsize=True)
        cache.set(key, svg, timeout=QR_CACHE_SECONDS)
    return mark_safe(svg)  # noqa: S308
