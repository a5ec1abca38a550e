"""The class page is the teacher's hub: one link to every place about the class; the start page leads to it.
Also the shell every page shares: a favicon, a title that names the page, lang="en" in English."""

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def teacher_client(client, teacher):
    client.force_login(teacher)
    return client


def hub_urls(school_class):
    return [
        reverse("sandbox_feed:feed", args=[school_class.pk]),
        reverse("sandbox_feed:wall", args=[school_class.pk]),
        reverse("sandbox_feed:queue"),
        reverse("sandbox_feed:consent", args=[school_class.pk]),
        reverse("accounts:login_cards", args=[school_class.pk]),
        reverse("h5p:results_index"),
        reverse("lessons:class_progress", args=[school_class.pk]),
        reverse("lessons:run_history", args=[school_class.pk]),
        reverse("accounts:class_edit", args=[school_class.pk]),
    ]


def test_the_class_page_links_to_everything_about_the_class(teacher_client, school_class):
    body = teacher_client.get(reverse("accounts:class_detail", args=[school_class.pk])).content.decode()
    for url in hub_urls(school_class):
        assert f'href="{url}"' in body, url
    assert 'class="class-hub"' in body


def test_a_coordinator_finds_the_schools_pupil_data_from_the_hub(client, coordinator, school_class):
    school_class.teachers.add(coordinator)
    client.force_login(coordinator)
    body = client.get(reverse("accounts:class_detail", args=[school_class.pk])).content.decode()
    assert f'href="{reverse("privacy:school")}"' in body


def test_a_teacher_finds_pupil_data_on_the_class_page_itself(teacher_client, school_class, pupil):
    body = teacher_client.get(reverse("accounts:class_detail", args=[school_class.pk])).content.decode()
    assert 'href="#leerlingen"' in body
    assert reverse("privacy:export", args=[pupil.pk]) in body


def test_the_teacher_start_page_links_each_class_to_its_hub(teacher_client, school_class, other_class):
    school_class.teachers.add(other_class.teachers.first())
    other_class.teachers.add(school_class.teachers.first())
    body = teacher_client.get(reverse("home:teacher")).content.decode()
    for klas in (school_class, other_class):
        assert body.count(f'href="{reverse("accounts:class_detail", args=[klas.pk])}"') >= 2


def test_the_title_names_the_page_and_the_class(teacher_client, school_class):
    body = teacher_client.get(reverse("accounts:class_detail", args=[school_class.pk])).content.decode()
    assert "<title>Klas · Groep 7B · Oefenfeed</title>" in body
    body = teacher_client.get(reverse("accounts:login_cards", args=[school_class.pk])).content.decode()
    assert "<title>Inlogkaarten · Groep 7B · Oefenfeed</title>" in body


def test_every_page_links_the_favicon(client):
    body = client.get(reverse("home:index")).content.decode()
    assert f'<link rel="icon" href="{static("favicon.svg")}" type="image/svg+xml">' in body
    path = finders.find("favicon.svg")
    assert path
    with open(path) as svg:
        assert svg.read().startswith("<svg")


def test_english_mode_sets_the_page_language(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    body = client.get(reverse("accounts:pupil_class_code")).content.decode()
    assert '<html lang="en">' in body
    client.post(reverse("set_language"), {"language": "nl", "next": "/"})
    assert '<html lang="nl">' in client.get(reverse("accounts:pupil_class_code")).content.decode()
