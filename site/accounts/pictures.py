"""The nine pictures a pupil's picture code is made of (three of them, in order)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

CODE_LENGTH = 3


@dataclass(frozen=True)
class Picture:
    key: str
    emoji: str
    label: str


PICTURES = (
    Picture("hond", "🐶", _("hond")),
    Picture("kat", "🐱", _("kat")),
    Picture("fiets", "🚲", _("fiets")),
    Picture("boom", "🌳", _("boom")),
    Picture("ster", "⭐", _("ster")),
    Picture("appel", "🍎", _("appel")),
    Picture("raket", "🚀", _("raket")),
    Picture("ballon", "🎈", _("ballon")),
    Picture("vis", "🐟", _("vis")),
)
BY_KEY = {picture.key: picture for picture in PICTURES}


def is_valid_code(keys):
    return len(keys) == CODE_LENGTH and all(key in BY_KEY for key in keys) and len(set(keys)) == CODE_LENGTH


def as_secret(keys):
    """The string that is hashed like a password; the order of the pictures matters."""
    return "picture:" + "-".join(keys)


def pictures_for(keys):
    return [BY_KEY[key] for key in keys]
