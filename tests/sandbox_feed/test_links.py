"""Links in posts and comments go through the leave page: the address shown, fake scenario domains explained
and never opened, only http(s) addresses offered; old stored links rewritten by migration 0006."""

import importlib
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.urls import reverse

from sandbox_feed.text import clean_text

pytestmark = pytest.mark.django_db

LEAVE = "/feed/link/"


def leave_url(url):
    return reverse("sandbox_feed:leave") + "?" + urlencode({"url": url})


def test_it_links_web_addresses_to_the_leave_page_not_the_open_web():
    cleaned = clean_text("Kijk op https://www.mediawijsheid.nl/tips en nos-nieuws.biz!")
    assert 'href="https://' not in cleaned and 'href="http://' not in cleaned
    hrefs = [part.split('"')[0] for part in cleaned.split('href="')[1:]]
    assert len(hrefs) == 2
    targets = [parse_qs(urlsplit(href.replace("&amp;", "&")).query)["url"][0] for href in hrefs]
    assert all(href.startswith(LEAVE) for href in hrefs)
    assert targets == ["https://www.mediawijsheid.nl/tips", "http://nos-nieuws.biz"]


def test_it_keeps_ampersands_of_the_address_once():
    cleaned = clean_text("zie https://example.org/?a=1&b=2")
    href = cleaned.split('href="')[1].split('"')[0]
    assert parse_qs(urlsplit(href).query)["url"] == ["https://example.org/?a=1&b=2"]


def test_leave_page_shows_the_address_and_a_real_way_out(client, pupil, school_class):
    client.force_login(pupil)
    response = client.get(leave_url("https://www.mediawijsheid.nl/tips"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Je gaat Oefenfeed verlaten. Klopt het adres?" in page
    assert '<mark class="leave-domain">mediawijsheid.nl</mark>' in page
    assert 'href="https://www.mediawijsheid.nl/tips" rel="noopener noreferrer" target="_blank"' in page
    assert "Ja, open de website" in page and "Nee, terug" in page


def test_leave_page_warns_about_addresses_without_https(client, pupil, school_class):
    client.force_login(pupil)
    page = client.get(leave_url("http://example.org/")).content.decode()
    assert "niet met https" in page


def test_a_fake_scenario_domain_is_explained_and_not_opened(client, pupil, school_class):
    client.force_login(pupil)
    page = client.get(leave_url("https://www.nos-nieuws.biz/groot-nieuws")).content.decode()
    assert "Dit adres is nep: het hoort bij de oefening." in page
    assert "Ja, open de website" not in page
    assert 'href="https://www.nos-nieuws.biz' not in page


def test_the_fake_domains_come_from_the_setting(client, pupil, school_class, settings):
    settings.SCENARIO_FAKE_DOMAINS = ["klasblad-nep.nl"]
    client.force_login(pupil)
    assert "hoort bij de oefening" in client.get(leave_url("https://klasblad-nep.nl/")).content.decode()
    assert "hoort bij de oefening" not in client.get(leave_url("https://nos-nieuws.biz/")).content.decode()


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "ftp://example.org/x", "data:text/html,hoi", "", "gewoon", "http://[::1"]
)
def test_only_web_addresses_get_a_link(client, pupil, school_class, url):
    client.force_login(pupil)
    response = client.get(leave_url(url))
    page = response.content.decode()
    assert response.status_code == 400
    assert "Dit is geen webadres" in page
    assert "Ja, open de website" not in page
    if url:
        assert f'href="{url}"' not in page


def test_leave_page_is_for_members_only(client):
    response = client.get(leave_url("https://example.org/"))
    assert response.status_code == 302  # to the login page
    assert "/feed/link/" not in response["Location"].split("?")[0]


def test_migration_rewrites_links_already_stored():
    migration = importlib.import_module("sandbox_feed.migrations.0006_leave_links")
    old = 'Kijk <a href="https://example.org/?a=1&amp;b=2" rel="nofollow ugc noopener">https://example.org/?a=1&amp;b=2</a>'
    new = migration._rewrite(old)
    href = new.split('href="')[1].split('"')[0]
    assert href.startswith(LEAVE)
    assert parse_qs(urlsplit(href.replace("&amp;", "&")).query)["url"] == ["https://example.org/?a=1&b=2"]
    assert ">https://example.org/?a=1&amp;b=2</a>" in new  # the text the pupil typed is unchanged
    assert migration._rewrite(new) == new  # running it again changes nothing
