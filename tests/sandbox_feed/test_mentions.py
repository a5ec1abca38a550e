"""Mentions: only the class's own pupils can be named, the named pupil sees a badge until they open the feed
or the mention, and the '@' box gets its names from a members-only endpoint."""

import pytest
from django.urls import reverse

from sandbox_feed import mentions, services
from sandbox_feed.models import Mention
from tests.factories import PupilFactory

pytestmark = pytest.mark.django_db


def post(school_class, author, text):
    return services.create_post(school_class=school_class, author=author, raw_text=text, fields={})


@pytest.fixture
def named(school_class):
    """Two pupils with names nobody else in the tests has."""
    ilse = PupilFactory(first_name="Ilse", initial="K")
    school_class.pupils.add(ilse)
    return ilse


def test_a_mention_of_someone_outside_the_class_is_impossible(school_class, pupil, named, outsider_pupil):
    outsider_pupil.first_name = "Bram"
    outsider_pupil.save()
    made = post(school_class, pupil, "Hoi @Ilse en @Bram!")
    assert [m.pupil for m in Mention.objects.filter(post=made)] == [named]
    assert services._mentioned_pupils(school_class, "@Bram @bram") == []


def test_the_named_pupil_gets_a_badge_until_they_open_the_feed(client, school_class, pupil, named):
    post(school_class, pupil, "Goed gedaan @ilse")
    assert mentions.unread_count(named) == 1
    client.force_login(named)
    start = client.get(reverse("home:start"), follow=True).content.decode()
    assert "Je bent genoemd" in start and 'class="mention-link"' in start
    client.get(reverse("sandbox_feed:feed", args=[school_class.pk]))
    assert mentions.unread_count(named) == 0
    assert 'class="mention-link"' not in client.get(reverse("home:start"), follow=True).content.decode()


def test_opening_the_mentions_marks_them_read(client, school_class, pupil, named):
    made = post(school_class, pupil, "Goed gedaan @Ilse")
    client.force_login(named)
    page = client.get(reverse("sandbox_feed:mentions")).content.decode()
    assert f"#bericht-{made.pk}" in page and "nieuw" in page
    assert mentions.unread_count(named) == 0


def test_no_badge_for_a_mention_the_pupil_may_not_see_or_wrote_themselves(school_class, pupil, named):
    services.create_post(school_class=school_class, author=pupil, raw_text="Concept voor @Ilse", fields={}, draft=True)
    post(school_class, named, "Ik ben @Ilse")
    assert mentions.unread_count(named) == 0


def test_the_header_count_is_one_query(client, school_class, pupil, named, django_assert_num_queries):
    for i in range(3):
        post(school_class, pupil, f"Bericht {i} voor @Ilse")
    with django_assert_num_queries(1):
        assert mentions.unread_count(named) == 3


def test_members_endpoint_lists_the_class_for_members(client, school_class, pupil, named):
    client.force_login(pupil)
    response = client.get(f"/api/v1/feed/classes/{school_class.pk}/members")
    assert response.status_code == 200
    names = {member["name"] for member in response.json()}
    assert names == {p.first_name for p in school_class.pupils.all()}
    assert set(response.json()[0]) == {"name", "initial", "label"}  # no ids, usernames or codes


def test_members_endpoint_is_404_for_other_classes(client, school_class, outsider_pupil):
    client.force_login(outsider_pupil)
    assert client.get(f"/api/v1/feed/classes/{school_class.pk}/members").status_code == 404


def test_the_composer_carries_the_members_address_and_the_script(client, school_class, pupil):
    client.force_login(pupil)
    page = client.get(reverse("sandbox_feed:feed", args=[school_class.pk])).content.decode()
    assert f'data-mentions-url="/api/v1/feed/classes/{school_class.pk}/members"' in page
    assert "sandbox_feed/mentions.js" in page
