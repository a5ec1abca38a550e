"""The class event log: every change in a feed gets its class's next sequence number, in its own transaction,
so a client that missed a broadcast (a reconnect, a proxy without websockets, Redis away) asks for what came
after the last number it saw and misses nothing.

Writers go through live.announce(), which records here and broadcasts after the commit. Readers are the
websocket consumer (catch-up on connect and after a gap) and the polling endpoint of the API; both hand out
only what `may_hear` allows, and only ids: the page fetches what the viewer may see from the
permission-checked views.
"""

from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce

from .choices import EventAudience
from .models import ClassEvent, ClassEventCounter

# Events kept per class. A client further behind than this gets "reload" (the page refreshes its lists);
# 500 is a busy school day of one class.
KEEP = 500
# Old events are pruned on every PRUNE_EVERY-th event of a class, in the same transaction (a cheap
# indexed delete of that many rows).
PRUNE_EVERY = 50


def record(class_id, kind, *, post_id=None, comment_id=None, audience=EventAudience.CLASS, user_id=None):
    """Store an event with the class's next number; returns the ClassEvent. Call it inside the transaction
    of the change it reports, so the two are stored together or not at all, and as late in it as you can:
    the class's counter row stays locked until the commit."""
    if audience not in EventAudience.values:
        raise ValueError(f"Unknown audience {audience!r}")
    if (audience == EventAudience.USER) != (user_id is not None):
        raise ValueError("An event for one user names that user, and only such an event does.")
    # No savepoint inside the caller's transaction (on SQLite each statement there holds the write lock);
    # outside one, the number and the event are still stored together.
    with transaction.atomic(savepoint=False):
        seq = _next_seq(class_id)
        event = ClassEvent.objects.create(
            school_class_id=class_id,
            seq=seq,
            kind=kind,
            post_id=post_id,
            comment_id=comment_id,
            audience=audience,
            user_id=user_id,
        )
        if seq % PRUNE_EVERY == 0 and seq > KEEP:
            _prune(class_id, seq - KEEP)
    return event


def _next_seq(class_id):
    """Raise the class's counter with an UPDATE ... SET last_seq = last_seq + 1: on PostgreSQL the row lock
    makes a second writer wait for the first one's commit and then count on from its number; on SQLite the
    IMMEDIATE transaction already holds the one write lock. The first event of a class makes the row; two
    first events at once both insert-or-ignore, then both count."""
    seq = _raise_counter(class_id)
    if seq is None:
        ClassEventCounter.objects.bulk_create([ClassEventCounter(school_class_id=class_id)], ignore_conflicts=True)
        seq = _raise_counter(class_id)
    return seq


def _raise_counter(class_id):
    """The class's new number, or None when it has no counter yet. One statement where the database can
    return the updated value (PostgreSQL, SQLite 3.35+): the counter is held for the rest of the
    transaction, which on SQLite is every writer's, so each statement saved there counts in a rush."""
    if _update_can_return():
        table = connection.ops.quote_name(ClassEventCounter._meta.db_table)  # our own name, not input
        sql = f"UPDATE {table} SET last_seq = last_seq + 1 WHERE school_class_id = %s RETURNING last_seq"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(sql, [class_id])
            row = cursor.fetchone()
        return row[0] if row else None
    counter = ClassEventCounter.objects.filter(school_class_id=class_id)
    if not counter.update(last_seq=F("last_seq") + 1):
        return None
    return counter.values_list("last_seq", flat=True).get()


def _update_can_return():
    """UPDATE ... RETURNING works on PostgreSQL and SQLite 3.35+: the versions Django's flag for
    INSERT ... RETURNING names."""
    return connection.features.can_return_columns_from_insert


def _prune(class_id, through):
    ClassEvent.objects.filter(school_class_id=class_id, seq__lte=through).delete()
    ClassEventCounter.objects.filter(school_class_id=class_id).update(pruned_through=through)


@dataclass(frozen=True)
class CatchUp:
    """What came after `since`: the events in order, the `cursor` to ask from next time, and whether the
    client must reload instead (it is further behind than the events kept, or ahead of the class)."""

    events: list
    cursor: int
    reload: bool


def after(class_id, since):
    """The class's events numbered above `since` (None: none, only the current number). Two queries."""
    row = ClassEventCounter.objects.filter(school_class_id=class_id).values_list("last_seq", "pruned_through")
    last, pruned = row.first() or (0, 0)
    if since is None:
        return CatchUp([], last, False)
    if since < pruned or since > last:
        return CatchUp([], last, True)
    if since == last:
        return CatchUp([], last, False)
    # Up to `last` only: an event committed after the counter was read comes with the next broadcast or poll.
    found = ClassEvent.objects.filter(school_class_id=class_id, seq__gt=since, seq__lte=last).order_by("seq")
    return CatchUp([as_message(event) for event in found], last, False)


def current_seq(class_id):
    """The number a page shows with: read it before the page's own queries, so whatever comes later is
    numbered above it."""
    return current_seqs([class_id]).get(class_id, 0)


def current_seq_expression():
    """current_seq for the class of the row being selected (OuterRef("pk")), to read with the class itself."""
    counter = ClassEventCounter.objects.filter(school_class_id=OuterRef("pk")).values("last_seq")[:1]
    return Coalesce(Subquery(counter), 0)


def current_seqs(class_ids):
    """{class id: current number} for several classes in one query (0 for a class without events)."""
    counters = ClassEventCounter.objects.filter(school_class_id__in=class_ids)
    found = dict(counters.values_list("school_class_id", "last_seq"))
    return {class_id: found.get(class_id, 0) for class_id in class_ids}


def as_message(event):
    """The event as the channel layer carries it (and the consumer and the API read it): ids and numbers."""
    return {
        "seq": event.seq,
        "event": event.kind,
        "post_id": event.post_id,
        "comment_id": event.comment_id,
        "audience": event.audience,
        "user_id": event.user_id,
    }


def may_hear(message, *, teacher, user_id):
    """Whether a member of the class hears this event: teachers hear everything of their class; a pupil
    hears what was shown to the class, and what concerns them alone (their own waiting or refused post,
    their mute). What waits for the teacher, a report, a photo held for consent: never to other pupils."""
    if teacher:
        return True
    audience = message["audience"]
    if audience == EventAudience.CLASS:
        return True
    return audience == EventAudience.USER and message["user_id"] == user_id


def for_client(message):
    """What a browser gets: the number, what happened, and to which post and comment."""
    return {key: message[key] for key in ("seq", "event", "post_id", "comment_id")}
