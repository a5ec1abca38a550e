"""Transparency: the parents' privacy page (public, linked from the footer and the login cards) and the register
of processing activities (coordinators and administrators only), both built from the retention settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from privacy import register
from tests.factories import AdministratorFactory, SchoolFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def page(client, name):
    response = client.get(reverse(name))
    return response, response.content.decode()


class TestParentsPage:
    def test_anyone_reads_it_without_logging_in(self):
        response, html = page(Client(), "privacy:parents")
        assert response.status_code == 200
        for heading in [
            "Privacy: wat Oefenfeed over uw kind bewaart",
            "Wie is verantwoordelijk?",
            "Wat bewaren we?",
            "Waarom?",
            "Wie ziet het?",
            "Hoe lang bewaren we het?",
            "Een kopie, iets verbeteren of wissen",
        ]:
            assert heading in html
        assert "verwerkingsverantwoordelijke" in html and "verwerker" in html
        assert "Vraag het aan de leerkracht of aan de school." in html

    def test_it_says_how_long_as_the_settings_say(self, settings):
        settings.PRIVACY_RETENTION_AFTER_SCHOOL_YEAR_DAYS = 14
        settings.PRIVACY_RETENTION_AFTER_LEAVING_DAYS = 45
        settings.PRIVACY_PROOF_RETENTION_YEARS = 3
        _response, html = page(Client(), "privacy:parents")
        assert "Tot 14 dagen na het einde van het schooljaar (31 juli)." in html
        assert "binnen 45 dagen" in html
        assert "nog 3 jaar als bewijs" in html
        settings.PRIVACY_RETENTION_AFTER_SCHOOL_YEAR_DAYS = 0
        _response, html = page(Client(), "privacy:parents")
        assert "Tot het einde van het schooljaar (31 juli)." in html

    def test_the_footer_links_to_it_on_every_page(self, teacher):
        address = f'href="{reverse("privacy:parents")}"'
        assert address in Client().get(reverse("home:index")).content.decode()
        assert address in Client().get(reverse("accounts:login")).content.decode()
        client = Client()
        client.force_login(teacher)
        assert address in client.get(reverse("home:teacher")).content.decode()

    def test_the_login_cards_print_its_address(self, teacher, school_class):
        client = Client()
        client.force_login(teacher)
        html = client.get(reverse("accounts:login_cards", args=[school_class.pk])).content.decode()
        assert html.count(f"http://testserver{reverse('privacy:parents')}") == school_class.pupils.count()


@pytest.fixture
def administrator(db):
    return AdministratorFactory(username="beheer", school=None)


class TestRegister:
    def test_coordinators_read_their_schools_register(self, coordinator, school):
        SchoolFactory(name="OBS Elders")
        client = Client()
        client.force_login(coordinator)
        response, html = page(client, "privacy:register")
        assert response.status_code == 200
        assert "OBS De Esch" in html and "OBS Elders" not in html
        for activity in register.ACTIVITIES:
            assert escape(str(activity.name)) in html
        for heading in ["Doel", "Grondslag", "Gegevens", "Over wie", "Wie ziet ze", "Bewaartermijn"]:
            assert f"<dt>{heading}</dt>" in html
        assert "data-print" in html and "privacy/privacy.css" in html

    def test_administrators_read_it_for_every_school(self, administrator, school):
        SchoolFactory(name="OBS Elders")
        client = Client()
        client.force_login(administrator)
        _response, html = page(client, "privacy:register")
        assert "OBS De Esch" in html and "OBS Elders" in html

    def test_it_shows_the_retention_settings(self, coordinator, settings):
        settings.PRIVACY_RETENTION_AFTER_LEAVING_DAYS = 60
        settings.PRIVACY_RETENTION_AFTER_SCHOOL_YEAR_DAYS = 1
        settings.PRIVACY_PROOF_RETENTION_YEARS = 7
        settings.LOGIN_FAILURE_WINDOW_SECONDS = 48 * 3600
        client = Client()
        client.force_login(coordinator)
        _response, html = page(client, "privacy:register")
        assert "dan wist de school het account binnen 60 dagen." in html
        assert "Tot 1 dag na het einde van het schooljaar" in html
        assert "7 jaar. Zonder namen of teksten" in html
        assert "48 uur. Daarna haalt Oefenfeed ze zelf weg." in html

    @pytest.mark.parametrize("who", ["teacher", "pupil"])
    def test_teachers_and_pupils_are_refused(self, who, teacher, pupil):
        client = Client()
        client.force_login(teacher if who == "teacher" else pupil)
        response, _html = page(client, "privacy:register")
        assert response.status_code == 403

    def test_visitors_are_sent_to_the_login(self):
        response, _html = page(Client(), "privacy:register")
        assert response.status_code == 302 and "/inloggen/" in response["Location"]

    def test_the_overview_links_to_it(self, coordinator):
        client = Client()
        client.force_login(coordinator)
        _response, html = page(client, "privacy:school")
        assert reverse("privacy:register") in html and reverse("privacy:parents") in html


def test_a_malformed_retention_setting_stops_start_up_naming_it():
    environment = {**os.environ, "PRIVACY_RETENTION_AFTER_LEAVING_DAYS": "dertig", "PYTHONPATH": str(ROOT / "site")}
    result = subprocess.run(
        [sys.executable, "-c", "import oefenfeed.settings.base"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "PRIVACY_RETENTION_AFTER_LEAVING_DAYS" in result.stderr
