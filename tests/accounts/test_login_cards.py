"""Login cards say where to go, the class code and the picture code numbered in order; only for the class's
teachers. (How they fit their cut lines in print is tested in the browser: tests/browser/test_small_screens.py.)"""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def cards_html(client, school_class, **extra):
    response = client.get(reverse("accounts:login_cards", args=[school_class.pk]), **extra)
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_the_site_address_from_the_request(client, teacher, school_class):
    client.force_login(teacher)
    body = cards_html(client, school_class, HTTP_HOST="127.0.0.1:8000")
    assert body.count("Ga naar 127.0.0.1:8000") == 3
    body = cards_html(client, school_class, HTTP_HOST="localhost")
    assert "Ga naar localhost<" in body


def test_it_shows_the_class_code_on_every_card(client, teacher, school_class):
    client.force_login(teacher)
    body = cards_html(client, school_class)
    assert body.count('<strong class="code">G7BTST</strong>') == 3


def test_it_numbers_the_pictures_in_order(client, teacher, school_class, pupil):
    pupil.picture_code = "raket-hond-vis"
    pupil.save()
    client.force_login(teacher)
    body = cards_html(client, school_class, data={"leerling": pupil.pk})
    pictures = re.search(r'<ol class="login-card-pictures">(.*?)</ol>', body, re.S).group(1)
    text = re.sub(r"<[^>]+>", " ", pictures)
    words = [(number, label) for number, label in re.findall(r"(\d)\s+\S+\s+(\w+)", text)]
    assert words == [("1", "raket"), ("2", "hond"), ("3", "vis")]


def test_a_second_teacher_prints_cards_and_an_outsider_gets_a_404(client, school_class, other_teacher):
    client.force_login(other_teacher)
    assert client.get(reverse("accounts:login_cards", args=[school_class.pk])).status_code == 404
    school_class.teachers.add(other_teacher)
    assert "G7BTST" in cards_html(client, school_class)


def test_a_pupil_cannot_open_the_cards(client, school_class, pupil):
    client.force_login(pupil)
    assert client.get(reverse("accounts:login_cards", args=[school_class.pk])).status_code == 403
