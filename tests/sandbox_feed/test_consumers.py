"""The live feed websocket: members connect and hear about new activity; outsiders are refused.

Each test runs its coroutine on a fresh event loop in its own thread: Playwright's sync API keeps an
event loop running in the main thread once the browser tests have run, so no loop may be started there.
"""

import asyncio
import functools
from concurrent.futures import ThreadPoolExecutor

import pytest
from channels.db import database_sync_to_async
from channels.routing import URLRouter
from channels.testing.websocket import WebsocketCommunicator
from django.contrib.auth.models import AnonymousUser

from oefenfeed.routing import websocket_urlpatterns
from sandbox_feed import services
from sandbox_feed.models import ClassEvent
from tests.sandbox_feed.factories import PostFactory

pytestmark = pytest.mark.django_db(transaction=True)


def in_own_loop(test):
    @functools.wraps(test)
    def run(*args, **kwargs):
        with ThreadPoolExecutor(max_workers=1) as pool:
            pool.submit(asyncio.run, test(*args, **kwargs)).result()

    return run


def communicator(user, class_id, since=None):
    path = f"/ws/feed/{class_id}/" + ("" if since is None else f"?since={since}")
    comm = WebsocketCommunicator(URLRouter(websocket_urlpatterns), path)
    comm.scope["user"] = user
    return comm


async def event_of(comm):
    """(event, post id) of the next message on the socket."""
    message = await comm.receive_json_from(timeout=2)
    return message["event"], message["post_id"]


@in_own_loop
async def test_member_hears_about_a_new_comment(school_class, pupils):
    post = await database_sync_to_async(PostFactory)(school_class=school_class, author=pupils[0])
    comm = communicator(pupils[1], school_class.pk)
    connected, _ = await comm.connect()
    assert connected
    comment = await database_sync_to_async(services.add_comment)(post, pupils[2], "Leuk!")
    message = await comm.receive_json_from(timeout=2)
    seq = await database_sync_to_async(lambda: ClassEvent.objects.get(comment_id=comment.pk).seq)()
    # Ids and the class's number only: the page fetches the words through the permission-checked views.
    assert message == {"seq": seq, "event": "comment", "post_id": post.pk, "comment_id": comment.pk}
    await comm.disconnect()


@in_own_loop
async def test_teacher_of_the_class_may_listen(school_class, teacher):
    comm = communicator(teacher, school_class.pk)
    connected, _ = await comm.connect()
    assert connected
    await comm.disconnect()


@in_own_loop
async def test_non_member_is_refused(school_class, outsider_pupil):
    comm = communicator(outsider_pupil, school_class.pk)
    connected, _ = await comm.connect()
    assert not connected


@in_own_loop
async def test_teacher_of_another_class_is_refused(school_class, other_teacher):
    comm = communicator(other_teacher, school_class.pk)
    connected, _ = await comm.connect()
    assert not connected


@in_own_loop
async def test_anonymous_is_refused(school_class):
    comm = communicator(AnonymousUser(), school_class.pk)
    connected, _ = await comm.connect()
    assert not connected


@in_own_loop
async def test_a_pending_post_reaches_teachers_only_and_its_approval_reaches_everyone(school_class, pupils, teacher):
    from sandbox_feed import moderation
    from sandbox_feed.choices import ModerationAction, ModerationMode
    from sandbox_feed.models import FeedSettings

    await database_sync_to_async(FeedSettings.objects.create)(
        school_class=school_class, moderation_mode=ModerationMode.PRE, preview_before_post=False
    )
    pupil_socket = communicator(pupils[1], school_class.pk)
    teacher_socket = communicator(teacher, school_class.pk)
    assert (await pupil_socket.connect())[0]
    assert (await teacher_socket.connect())[0]
    post = await database_sync_to_async(services.create_post)(
        school_class=school_class, author=pupils[0], raw_text="Mag dit?", fields={}
    )
    assert await event_of(teacher_socket) == ("post_pending", post.pk)
    assert await pupil_socket.receive_nothing(timeout=0.3)  # nothing about a waiting post reaches pupils
    await database_sync_to_async(moderation.apply)(post, teacher, ModerationAction.APPROVE)
    assert await event_of(pupil_socket) == ("post_approve", post.pk)
    await database_sync_to_async(moderation.apply)(post, teacher, ModerationAction.HIDE)
    assert await event_of(pupil_socket) == ("post_hide", post.pk)
    await pupil_socket.disconnect()
    await teacher_socket.disconnect()
