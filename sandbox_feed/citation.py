"""The citation coach: the checklist of DOMAIN.md §2 as a pure function over a post's source fields.

`check_citation` returns one CheckPoint per rule that applies; the composer shows them as passed or
"to improve", and `attribution_line` writes the line a post shows under its text.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .choices import Permission, SourceKind

# Straight, curly and low-high Dutch quotation marks, single or double.
QUOTED = re.compile(r"[\"“„”«]([^\"“„”»]+)[\"”“»]|[‘‚']([^’‘']{3,})[’‘']")
WORKS_NEEDING_PERMISSION = {SourceKind.IMAGE, SourceKind.VIDEO}


@dataclass(frozen=True)
class CheckPoint:
    code: str
    label: str
    passed: bool
    advice: str = ""


@dataclass(frozen=True)
class SourceInfo:
    kind: str = SourceKind.OWN
    maker: str = ""
    title: str = ""
    url: str = ""
    date: str = ""
    published: bool = False
    permission: str = Permission.UNKNOWN


def split_quote(text):
    """(quoted part, own part) of a post text; quoted parts are joined."""
    quoted = [a or b for a, b in QUOTED.findall(text)]
    own = QUOTED.sub(" ", text)
    return " ".join(q.strip() for q in quoted), " ".join(own.split())


def check_citation(text, source):
    """The checklist for a post that uses someone else's work; empty for the pupil's own work."""
    if source.kind == SourceKind.OWN:
        return []
    quote, own = split_quote(text)
    has_source = bool(source.title.strip() or source.url.strip())
    points = [
        CheckPoint(
            "published",
            _("De bron is openbaar gepubliceerd (geen privéchat)"),
            source.published,
            _("Gebruik alleen iets dat echt gepubliceerd is, niet iets uit een privégesprek."),
        ),
        CheckPoint(
            "own_addition",
            _("Je voegt zelf iets toe"),
            len(own.split()) >= 3,
            _("Schrijf erbij wat jij ervan vindt of waarom je het deelt."),
        ),
    ]
    if source.kind == SourceKind.QUOTE:
        points.append(
            CheckPoint(
                "quotation_marks",
                _("Het citaat staat tussen aanhalingstekens"),
                bool(quote),
                _('Zet de woorden die je overneemt tussen aanhalingstekens, zo: "..."'),
            )
        )
        points.append(
            CheckPoint(
                "own_text_dominant",
                _("Je eigen tekst is langer dan het citaat"),
                not quote or len(quote) <= len(own),
                _("Je citaat is langer dan je eigen tekst. Neem minder over of schrijf meer zelf."),
            )
        )
    points.append(
        CheckPoint(
            "maker_and_source",
            _("Je noemt de maker, de bron en de datum"),
            bool(source.maker.strip()) and has_source and bool(source.date.strip()),
            _("Vul in wie het maakte, waar het staat (titel of webadres) en wanneer."),
        )
    )
    if source.kind in WORKS_NEEDING_PERMISSION:
        points.append(
            CheckPoint(
                "permission",
                _("Je hebt toestemming of er is een licentie"),
                source.permission in (Permission.PERMISSION, Permission.LICENCE),
                _("Een foto, tekening of video van een ander mag je alleen delen met toestemming of een licentie."),
            )
        )
    if source.kind == SourceKind.PARAPHRASE:
        points.append(
            CheckPoint(
                "paraphrase_source",
                _("Ook als je het in eigen woorden vertelt, noem je de bron"),
                has_source,
                _("Noem de bron, ook als je het in je eigen woorden hebt opgeschreven."),
            )
        )
    return points


def all_passed(points):
    return all(point.passed for point in points)


def attribution_line(source):
    """'Bron: <maker>, <title>, <date>' as plain text (the template adds the link), or '' for own work."""
    if source.kind == SourceKind.OWN:
        return ""
    labels = {
        SourceKind.QUOTE: _("Citaat uit"),
        SourceKind.IMAGE: _("Afbeelding van"),
        SourceKind.VIDEO: _("Video van"),
        SourceKind.AI: _("Gemaakt met"),
        SourceKind.PARAPHRASE: _("Naverteld uit"),
    }
    parts = [part.strip() for part in (source.maker, source.title or source.url, source.date) if part.strip()]
    line = f"{labels[source.kind]}: {', '.join(parts)}" if parts else f"{labels[source.kind]}: " + _("bron onbekend")
    if source.kind in WORKS_NEEDING_PERMISSION and source.permission:
        line += " (" + (_("met toestemming") if source.permission == Permission.PERMISSION else _("licentie")) + ")"
    return line


SOURCE_URL_MAX_LENGTH = 200


def clean_source_url(value):
    """The one definition of a source's web address, for the HTML form and the API alike: empty, or an
    http(s) address (https is assumed when the scheme is left out). Anything else, javascript: and data:
    included, is refused with a message in Dutch."""
    from django.core.exceptions import ValidationError
    from django.forms import URLField

    value = (value or "").strip()
    if not value:
        return ""
    field = URLField(
        max_length=SOURCE_URL_MAX_LENGTH,
        assume_scheme="https",
        error_messages={
            "invalid": _("Dit is geen goed webadres. Begin bijvoorbeeld met https://"),
            "max_length": _("Dit webadres is te lang (hoogstens 200 tekens)."),
        },
    )
    cleaned = field.clean(value)
    if not cleaned.lower().startswith(("http://", "https://")):
        raise ValidationError(_("Dit is geen goed webadres. Begin bijvoorbeeld met https://"), code="invalid")
    return cleaned


def is_web_url(value):
    """Templates only ever link to http(s): older rows or other doors must not smuggle a script link in."""
    return bool(value) and value.strip().lower().startswith(("http://", "https://"))
