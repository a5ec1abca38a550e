"""The feed websocket with numbered events: per-event permissions, catch-up with ?since=N, "reload" for a
socket too far behind, missing numbers fetched from the database, and each event passed on once, in order.

Runs like test_consumers.py: each coroutine on a fresh event loop in its own thread.
"""

import pytest
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.db import transaction

from sandbox_feed import consumers, events, live, moderation, services
from sandbox_feed.choices import ModerationAction, ModerationMode, PostStatus
from sandbox_feed.models import FeedSettings
from tests.sandbox_feed.factories import PostFactory
from tests.sandbox_feed.test_consumers import communicator, in_own_loop

pytestmark = pytest.mark.django_db(transaction=True)


def _settings(school_class, **values):
    FeedSettings.objects.update_or_create(school_class=school_class, defaults={"preview_before_post": False, **values})


set_feed = database_sync_to_async(_settings)


async def connected(user, class_id, since=None):
    comm = communicator(user, class_id, since)
    assert (await comm.connect())[0]
    return comm


async def received(comm, count):
    return [await comm.receive_json_from(timeout=3) for _ in range(count)]


def write(school_class, author, text):
    return services.create_post(school_class=school_class, author=author, raw_text=text, fields={})


post_async = database_sync_to_async(write)


@in_own_loop
async def test_a_socket_connecting_with_since_first_gets_what_it_missed(school_class, pupils):
    await set_feed(school_class)
    first = await post_async(school_class, pupils[0], "Eerste")
    second = await post_async(school_class, pupils[1], "Tweede")
    comm = await connected(pupils[2], school_class.pk, since=0)
    assert await received(comm, 2) == [
        {"seq": 1, "event": "post", "post_id": first.pk, "comment_id": None},
        {"seq": 2, "event": "post", "post_id": second.pk, "comment_id": None},
    ]
    third = await post_async(school_class, pupils[0], "Derde")
    assert await received(comm, 1) == [{"seq": 3, "event": "post", "post_id": third.pk, "comment_id": None}]
    assert await comm.receive_nothing(timeout=0.3)
    await comm.disconnect()


@in_own_loop
async def test_catch_up_leaves_out_what_the_viewer_may_not_hear(school_class, pupils, teacher):
    await set_feed(school_class, moderation_mode=ModerationMode.PRE)
    waiting = await post_async(school_class, pupils[0], "Wacht op de juf")  # 1: for pupils[0] and teachers
    shown = await database_sync_to_async(PostFactory)(school_class=school_class, author=teacher)
    await database_sync_to_async(moderation.report)(shown, pupils[1], "mean")  # 2: teachers only
    await database_sync_to_async(live.announce_item)(shown, "post_edit")  # 3: the class
    classmate = await connected(pupils[2], school_class.pk, since=0)
    assert await received(classmate, 1) == [{"seq": 3, "event": "post_edit", "post_id": shown.pk, "comment_id": None}]
    assert await classmate.receive_nothing(timeout=0.3)
    author = await connected(pupils[0], school_class.pk, since=0)
    assert [m["seq"] for m in await received(author, 2)] == [1, 3]
    juf = await connected(teacher, school_class.pk, since=0)
    assert [(m["seq"], m["event"]) for m in await received(juf, 3)] == [
        (1, "post_pending"),
        (2, "queue"),
        (3, "post_edit"),
    ]
    assert waiting.status == PostStatus.PENDING
    for comm in (classmate, author, juf):
        await comm.disconnect()


@in_own_loop
async def test_a_muted_pupil_hears_the_mute_at_once_and_classmates_do_not(school_class, pupils, teacher):
    muted = await connected(pupils[0], school_class.pk)
    classmate = await connected(pupils[1], school_class.pk)
    await database_sync_to_async(moderation.mute)(school_class, pupils[0], teacher, 10)
    assert (await received(muted, 1))[0]["event"] == "pupil_mute"
    assert await classmate.receive_nothing(timeout=0.3)
    await database_sync_to_async(moderation.update_settings)(school_class, teacher, paused=True)
    # Lesson mode reaches everyone; the classmate's first event is number 2: number 1 was not theirs.
    assert await received(classmate, 1) == [{"seq": 2, "event": "settings", "post_id": None, "comment_id": None}]
    assert (await received(muted, 1))[0]["seq"] == 2
    await muted.disconnect()
    await classmate.disconnect()


@in_own_loop
async def test_a_socket_too_far_behind_is_told_to_reload(school_class, pupils, monkeypatch):
    monkeypatch.setattr(events, "KEEP", 2)
    monkeypatch.setattr(events, "PRUNE_EVERY", 1)
    for _ in range(5):
        await database_sync_to_async(events.record)(school_class.pk, "settings")
    comm = await connected(pupils[0], school_class.pk, since=1)
    assert await received(comm, 1) == [{"reload": True, "seq": 5}]
    assert await comm.receive_nothing(timeout=0.3)
    await comm.disconnect()


@in_own_loop
async def test_a_lost_broadcast_is_fetched_from_the_database_when_the_next_one_comes(school_class, pupils, monkeypatch):
    """Redis dropped number 1 (or its worker died after the commit): number 2 shows the gap, and the socket
    gets 1 from the database, then 2, each once."""
    monkeypatch.setattr(consumers, "GAP_GRACE_SECONDS", 0.1)
    comm = await connected(pupils[0], school_class.pk)

    def record_unannounced():
        with transaction.atomic():
            return events.record(school_class.pk, "settings")

    lost = await database_sync_to_async(record_unannounced)()
    await database_sync_to_async(live.announce)(school_class.pk, "settings")
    assert [m["seq"] for m in await received(comm, 2)] == [lost.seq, lost.seq + 1]
    assert await comm.receive_nothing(timeout=0.3)
    await comm.disconnect()


@in_own_loop
async def test_an_event_that_overtakes_another_waits_for_it(school_class, pupils, monkeypatch):
    """Two workers broadcast after their own commits: number 2 can arrive before number 1. The socket
    passes them on in order, once, without asking the database when 1 comes within the grace time."""
    monkeypatch.setattr(consumers, "GAP_GRACE_SECONDS", 5)
    comm = await connected(pupils[0], school_class.pk)
    one = await database_sync_to_async(events.record)(school_class.pk, "settings")
    two = await database_sync_to_async(events.record)(school_class.pk, "settings")
    layer = get_channel_layer()
    group = live.group_name(school_class.pk)
    await layer.group_send(group, {"type": "feed.event", **events.as_message(two)})
    assert await comm.receive_nothing(timeout=0.3)  # held back
    await layer.group_send(group, {"type": "feed.event", **events.as_message(one)})
    await layer.group_send(group, {"type": "feed.event", **events.as_message(two)})  # a duplicate
    assert [m["seq"] for m in await received(comm, 2)] == [1, 2]
    assert await comm.receive_nothing(timeout=0.3)
    await comm.disconnect()


@in_own_loop
async def test_a_socket_holding_too_many_events_fetches_them_all_from_the_database(school_class, pupils, monkeypatch):
    """A long gap (Redis dropped a stretch of a busy class's events): the socket does not keep an endless
    queue, it lets go of what it held and fetches everything from the database, in order, once."""
    monkeypatch.setattr(consumers, "MAX_HELD", 2)
    monkeypatch.setattr(consumers, "GAP_GRACE_SECONDS", 0.2)
    comm = await connected(pupils[0], school_class.pk)
    recorded = [await database_sync_to_async(events.record)(school_class.pk, "settings") for _ in range(6)]
    layer = get_channel_layer()
    for event in recorded[3:]:  # 1-3 never come over the layer
        await layer.group_send(live.group_name(school_class.pk), {"type": "feed.event", **events.as_message(event)})
    assert [m["seq"] for m in await received(comm, 6)] == [1, 2, 3, 4, 5, 6]
    assert await comm.receive_nothing(timeout=0.5)
    await comm.disconnect()


@in_own_loop
async def test_a_page_asking_since_gets_what_it_missed_over_the_open_socket(school_class, pupils):
    await set_feed(school_class)
    comm = await connected(pupils[0], school_class.pk)
    post = await post_async(school_class, pupils[1], "Gemist?")
    assert (await received(comm, 1))[0]["seq"] == 1
    # A tab that slept: it asks again from what it saw last (0 here), and gets it again, once.
    await comm.send_json_to({"since": 0})
    assert await received(comm, 1) == [{"seq": 1, "event": "post", "post_id": post.pk, "comment_id": None}]
    await comm.send_json_to({"since": 0})  # too soon after the last question: not answered
    await comm.send_json_to({"anything": "else"})
    assert await comm.receive_nothing(timeout=0.3)
    await comm.disconnect()


@in_own_loop
async def test_a_hidden_post_disappears_live_and_nothing_of_a_waiting_one_reaches_classmates(
    school_class, pupils, teacher
):
    await set_feed(school_class, moderation_mode=ModerationMode.PRE)
    classmate = await connected(pupils[1], school_class.pk)
    post = await post_async(school_class, pupils[0], "Wacht even")
    assert await classmate.receive_nothing(timeout=0.3)
    await database_sync_to_async(moderation.apply)(post, teacher, ModerationAction.APPROVE)
    await database_sync_to_async(moderation.apply)(post, teacher, ModerationAction.HIDE)
    assert [(m["seq"], m["event"]) for m in await received(classmate, 2)] == [(2, "post_approve"), (3, "post_hide")]
    await classmate.disconnect()


@in_own_loop
async def test_an_outsider_gets_no_catch_up(school_class, outsider_pupil, pupils):
    await set_feed(school_class)
    await post_async(school_class, pupils[0], "Alleen voor de klas")
    comm = communicator(outsider_pupil, school_class.pk, since=0)
    connected_, _ = await comm.connect()
    assert not connected_


@in_own_loop
async def test_a_busy_database_closes_the_socket_to_try_again_later(school_class, pupils, monkeypatch):
    from django.db import OperationalError

    async def too_busy(class_id, since):
        raise OperationalError("database is locked")

    monkeypatch.setattr(consumers, "_events_after", too_busy)
    comm = communicator(pupils[0], school_class.pk, since=0)
    assert (await comm.connect())[0]
    assert await comm.receive_output(timeout=2) == {"type": "websocket.close", "code": consumers.CLOSE_TRY_AGAIN}


def test_since_accepts_only_a_plain_number():
    assert consumers._since("12") == 12
    assert consumers._since(0) == 0
    for wrong in (None, "", "-1", "abc", True, 2**63, "1e3"):
        assert consumers._since(wrong) is None
