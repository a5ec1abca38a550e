"""What a pupil saw is recorded in one statement, also outside a test's transaction (where bulk_create would add
BEGIN and COMMIT on every feed page), once per post, never for the pupil's own posts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sandbox_feed import services
from sandbox_feed.models import PostView
from tests.sandbox_feed.factories import PostFactory


@pytest.mark.django_db(transaction=True)
def test_one_statement_in_autocommit_and_each_view_once(school_class, pupils):
    reader, classmate = pupils[0], pupils[1]
    posts = [PostFactory(school_class=school_class, author=classmate) for _ in range(3)]
    own = PostFactory(school_class=school_class, author=reader)
    with CaptureQueriesContext(connection) as queries:
        services.record_views(reader, [*posts, own])
    assert len(queries) == 1
    first_seen = dict(PostView.objects.values_list("post_id", "seen_at"))
    assert set(first_seen) == {post.pk for post in posts}

    services.record_views(reader, posts)  # seen again: nothing changes
    assert dict(PostView.objects.values_list("post_id", "seen_at")) == first_seen


@pytest.mark.django_db
def test_teachers_and_empty_pages_record_nothing(school_class, teacher, pupils, django_assert_num_queries):
    post = PostFactory(school_class=school_class, author=pupils[1])
    with django_assert_num_queries(0):
        services.record_views(teacher, [post])
        services.record_views(pupils[1], [post])  # only their own post
    assert not PostView.objects.exists()
