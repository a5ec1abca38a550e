"""CSV cells a spreadsheet would run as a formula are written as text; numbers stay numbers."""

import csv
import io
from decimal import Decimal

import pytest
from django.utils.translation import gettext_lazy

from oefenfeed.csvsafe import SafeWriter, safe_cell


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("https://evil.example","klik")', '\'=HYPERLINK("https://evil.example","klik")'),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("=", "'="),
    ],
)
def test_it_neutralises_a_string_that_starts_a_formula(value, expected):
    assert safe_cell(value) == expected


@pytest.mark.parametrize("value", ["Sanne A.", "", "3/4", "a=b", "ja", "'=al veilig", " =spatie eerst"])
def test_it_leaves_ordinary_text_alone(value):
    assert safe_cell(value) == value


@pytest.mark.parametrize("value", [0, 75, -1, 2.5, Decimal("-3.5"), None, True])
def test_it_leaves_numbers_and_other_values_alone(value):
    assert safe_cell(value) is value


def test_it_neutralises_a_lazy_translation():
    assert safe_cell(gettext_lazy("=1+1")) == "'=1+1"


def test_the_writer_neutralises_every_cell_and_keeps_the_dialect():
    out = io.StringIO()
    writer = SafeWriter(out, delimiter=";")
    writer.writerow(["Naam", "Score"])
    writer.writerows([["=cmd|' /C calc'!A0", 3], ["Daan B.", -1]])
    rows = list(csv.reader(io.StringIO(out.getvalue()), delimiter=";"))
    assert rows == [["Naam", "Score"], ["'=cmd|' /C calc'!A0", "3"], ["Daan B.", "-1"]]
