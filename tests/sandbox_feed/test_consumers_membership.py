"""Feed websockets follow membership and the session: a removed pupil or teacher, or a logout, closes the
socket at once and nothing more reaches it; everyone else keeps listening.

Runs like test_consumers.py: each coroutine on a fresh event loop in its own thread.
"""

import asyncio

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.db import transaction
from django.test import Client
from django.urls import reverse

from accounts.models import SchoolClass
from sandbox_feed import consumers, live, services
from tests.sandbox_feed.factories import PostFactory
from tests.sandbox_feed.test_consumers import communicator, in_own_loop

pytestmark = pytest.mark.django_db(transaction=True)

CLOSED_NOT_A_MEMBER = {"type": "websocket.close", "code": 4403}
CLOSED_LOGGED_OUT = {"type": "websocket.close", "code": 4401}


async def connected(user, class_id):
    comm = communicator(user, class_id)
    assert (await comm.connect())[0]
    return comm


async def comment_on(post, author):
    await database_sync_to_async(services.add_comment)(post, author, "Wie hoort dit nog?")
    return {"event": "comment", "post_id": post.pk}


async def assert_closed_and_silent(comm, closed, later_event_reached_by):
    """The close frame comes first; an event sent afterwards (which `later_event_reached_by` proves was
    delivered to the class) never follows it."""
    assert await comm.receive_output(timeout=2) == closed
    await later_event_reached_by
    assert await comm.receive_nothing(timeout=0.3)
    await comm.disconnect()


async def hears(comm, event):
    message = await comm.receive_json_from(timeout=2)
    assert {key: message[key] for key in event} == event


@in_own_loop
async def test_removed_pupil_is_disconnected_and_hears_nothing_more(school_class, pupils):
    post = await database_sync_to_async(PostFactory)(school_class=school_class, author=pupils[0])
    removed = await connected(pupils[1], school_class.pk)
    classmate = await connected(pupils[2], school_class.pk)
    # The teacher's page: school_class.pupils.remove() is what the class page's "uit de klas" button runs.
    await database_sync_to_async(school_class.pupils.remove)(pupils[1])
    assert await removed.receive_output(timeout=2) == CLOSED_NOT_A_MEMBER
    event = await comment_on(post, pupils[0])
    await hears(classmate, event)  # the classmate is unaffected
    # Without leaving the class's group on close, this comment would still be pushed to the closed socket.
    assert await removed.receive_nothing(timeout=0.3)
    await removed.disconnect()
    await classmate.disconnect()


@in_own_loop
async def test_removing_a_pupil_through_the_pupil_closes_the_socket(school_class, pupils):
    # The reverse side of the relation sends class ids, not user ids: both directions must be understood.
    post = await database_sync_to_async(PostFactory)(school_class=school_class, author=pupils[0])
    removed = await connected(pupils[1], school_class.pk)
    classmate = await connected(pupils[2], school_class.pk)
    await database_sync_to_async(pupils[1].pupil_classes.remove)(school_class)
    await assert_closed_and_silent(removed, CLOSED_NOT_A_MEMBER, hears(classmate, await comment_on(post, pupils[0])))
    await classmate.disconnect()


@in_own_loop
async def test_clearing_a_class_closes_every_pupils_socket_but_not_the_teachers(school_class, pupils, teacher):
    # clear() sends no ids with the signal: they have to be read before the rows go.
    post = await database_sync_to_async(PostFactory)(school_class=school_class, author=pupils[0])
    pupil_socket = await connected(pupils[1], school_class.pk)
    teacher_socket = await connected(teacher, school_class.pk)
    await database_sync_to_async(school_class.pupils.clear)()
    await assert_closed_and_silent(
        pupil_socket, CLOSED_NOT_A_MEMBER, hears(teacher_socket, await comment_on(post, teacher))
    )
    await teacher_socket.disconnect()


@in_own_loop
async def test_removed_teacher_is_disconnected_and_the_class_keeps_listening(school_class, pupils, teacher):
    post = await database_sync_to_async(PostFactory)(school_class=school_class, author=pupils[0])
    teacher_socket = await connected(teacher, school_class.pk)
    pupil_socket = await connected(pupils[1], school_class.pk)
    await database_sync_to_async(school_class.teachers.remove)(teacher)
    await assert_closed_and_silent(
        teacher_socket, CLOSED_NOT_A_MEMBER, hears(pupil_socket, await comment_on(post, pupils[2]))
    )
    await pupil_socket.disconnect()


@in_own_loop
async def test_leaving_another_class_keeps_this_classs_socket_open(school_class, other_class, pupils):
    # The message names the class: a pupil moved out of one class still listens to the other one.
    await database_sync_to_async(other_class.pupils.add)(pupils[1])
    post = await database_sync_to_async(PostFactory)(school_class=school_class, author=pupils[0])
    here = await connected(pupils[1], school_class.pk)
    there = await connected(pupils[1], other_class.pk)
    await database_sync_to_async(other_class.pupils.remove)(pupils[1])
    assert await there.receive_output(timeout=2) == CLOSED_NOT_A_MEMBER
    await hears(here, await comment_on(post, pupils[0]))
    await here.disconnect()
    await there.disconnect()


@in_own_loop
async def test_the_removal_is_announced_only_once_committed(school_class, pupils):
    # Sent before the commit, the socket's own check would still find the pupil in the class and keep
    # listening; sent for a removal that is rolled back, it would close sockets for nothing.
    layer = get_channel_layer()
    channel = await layer.new_channel()
    await layer.group_add(live.user_group_name(pupils[1].pk), channel)

    async def nothing_arrives():
        with pytest.raises(asyncio.TimeoutError):
            await asyncio.wait_for(layer.receive(channel), 0.3)

    def remove(then_roll_back):
        with transaction.atomic():
            school_class.pupils.remove(pupils[1])
            async_to_sync(nothing_arrives)()
            transaction.set_rollback(then_roll_back)

    await database_sync_to_async(remove)(then_roll_back=True)
    await nothing_arrives()
    await database_sync_to_async(remove)(then_roll_back=False)
    message = await asyncio.wait_for(layer.receive(channel), 2)
    assert message == {"type": "membership.changed", "class_id": school_class.pk}


@in_own_loop
async def test_logout_closes_the_users_sockets_and_no_one_elses(school_class, other_class, pupils):
    await database_sync_to_async(other_class.pupils.add)(pupils[1])
    post = await database_sync_to_async(PostFactory)(school_class=school_class, author=pupils[0])
    feed_tab = await connected(pupils[1], school_class.pk)
    other_feed_tab = await connected(pupils[1], other_class.pk)
    classmate = await connected(pupils[2], school_class.pk)

    def log_out():
        client = Client()
        client.force_login(pupils[1])
        assert client.post(reverse("accounts:logout")).status_code == 302

    await database_sync_to_async(log_out)()
    assert await other_feed_tab.receive_output(timeout=2) == CLOSED_LOGGED_OUT
    await assert_closed_and_silent(feed_tab, CLOSED_LOGGED_OUT, hears(classmate, await comment_on(post, pupils[0])))
    await other_feed_tab.disconnect()
    await classmate.disconnect()


def _delete_membership_rows_without_signals(school_class, pupil):
    # A raw delete of the through rows (or a cascade) sends no m2m_changed: only the re-check can notice.
    SchoolClass.pupils.through.objects.filter(schoolclass=school_class, user=pupil).delete()


def _deactivate(school_class, pupil):
    type(pupil).objects.filter(pk=pupil.pk).update(is_active=False)


@pytest.mark.parametrize("lose_access", [_delete_membership_rows_without_signals, _deactivate])
@in_own_loop
async def test_membership_is_checked_again_before_an_event_goes_out(school_class, pupils, monkeypatch, lose_access):
    monkeypatch.setattr(consumers, "MEMBERSHIP_RECHECK_SECONDS", 0)
    post = await database_sync_to_async(PostFactory)(school_class=school_class, author=pupils[0])
    pupil_socket = await connected(pupils[1], school_class.pk)
    classmate = await connected(pupils[2], school_class.pk)
    await database_sync_to_async(lose_access)(school_class, pupils[1])
    # No broadcast announced this: without the re-check the comment below would be delivered.
    await assert_closed_and_silent(
        pupil_socket, CLOSED_NOT_A_MEMBER, hears(classmate, await comment_on(post, pupils[0]))
    )
    await classmate.disconnect()
