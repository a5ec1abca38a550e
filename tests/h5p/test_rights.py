"""The "Gebruiksrechten" box shows an activity's licence, authors, years and source, as H5P's "Rights of use"."""

import pytest

from h5p.storage import import_package
from tests.h5p import real_exports
from tests.h5p.test_package_compat import edit_json, rezip


def play_page(client, user, content):
    client.force_login(user)
    response = client.get(f"/h5p/{content.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_it_keeps_the_metadata_of_a_real_export(coordinator):
    content = import_package(real_exports.php_question_set(), user=coordinator)
    assert content.metadata["license"] == "CC BY-SA"
    assert content.metadata["licenseVersion"] == "4.0"
    assert content.metadata["authors"][1] == {"name": "OBS De Esch", "role": "Licensee"}
    assert content.metadata["yearFrom"] == 2023 and content.metadata["yearTo"] == 2024


def test_the_play_page_shows_licence_authors_years_and_source(client, pupil, school_class, coordinator):
    content = import_package(real_exports.php_question_set(), user=coordinator)
    html = play_page(client, pupil, content)
    assert "<summary>Gebruiksrechten</summary>" in html
    assert (
        '<a href="https://creativecommons.org/licenses/by-sa/4.0/" rel="noopener noreferrer license" '
        'target="_blank">Naamsvermelding-GelijkDelen (CC BY-SA) 4.0</a>'
    ) in html
    assert "<li>Marieke Jansen (auteur)</li>" in html
    assert "<li>OBS De Esch (licentiehouder)</li>" in html
    assert "<dd>2023–2024</dd>" in html
    assert 'href="https://www.mediawijsheid.nl/lesmateriaal"' in html
    assert "Vraag 2 toegevoegd" in html
    assert "Gemaakt voor groep 7 en 8." in html
    # Notes between editors are not for players, as in H5P.
    assert "Na de les over privacy gebruiken." not in html


def test_metadata_is_escaped_on_the_page(client, pupil, school_class, coordinator):
    def hostile(data):
        data["authors"] = [{"name": "<script>alert(1)</script>Juf", "role": "Author"}]
        data["licenseExtras"] = '<img src=x onerror="alert(1)">'
        data["source"] = 'javascript:alert(1)"'

    content = import_package(rezip(real_exports.php_question_set(), edit_json("h5p.json", hostile)), user=coordinator)
    html = play_page(client, pupil, content)
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;Juf" in html
    assert "<img src=x" not in html
    assert "javascript:alert" not in html


def test_without_rights_there_is_no_box(client, pupil, school_class, coordinator):
    content = import_package(real_exports.php_question_set(with_metadata=False), user=coordinator)
    assert "Gebruiksrechten" not in play_page(client, pupil, content)


@pytest.mark.parametrize(
    ("metadata", "expected"),
    [
        ({"license": "CC BY", "licenseVersion": "4.0"}, "https://creativecommons.org/licenses/by/4.0/"),
        ({"license": "CC BY-NC-ND", "licenseVersion": "3.0"}, "https://creativecommons.org/licenses/by-nc-nd/3.0/"),
        ({"license": "CC0 1.0"}, "https://creativecommons.org/publicdomain/zero/1.0/"),
        ({"license": "CC BY", "licenseVersion": "9.9"}, ""),
        ({"license": "C"}, ""),
    ],
)
def test_creative_commons_licences_link_to_their_deed(metadata, expected):
    from h5p.rights import licence_url

    assert licence_url(metadata) == expected
