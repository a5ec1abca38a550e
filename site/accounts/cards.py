"""Login cards: the pupil's name, class code, picture code and a QR code that opens their card login."""

from dataclasses import dataclass

import segno
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from . import pictures


@dataclass
class LoginCard:
    pupil: object
    class_code: str
    pictures: list
    login_url: str
    qr_svg: str
    privacy_url: str  # the parents' privacy page, printed as text on the card


def login_card_for(request, school_class, pupil):
    login_url = request.build_absolute_uri(reverse("accounts:pupil_card_login", args=[pupil.card_token]))
    qr = segno.make(login_url, error="m")
    # segno writes the SVG itself from the URL; no user text goes into it unescaped.
    svg = qr.svg_inline(
        scale=4, border=2, title=_("QR-code om in te loggen als %(name)s") % {"name": pupil.display_name}
    )
    return LoginCard(
        pupil=pupil,
        class_code=school_class.join_code,
        pictures=pictures.pictures_for(pupil.picture_keys()),
        login_url=login_url,
        qr_svg=mark_safe(svg),  # noqa: S308
        privacy_url=request.build_absolute_uri(reverse("privacy:parents")),
    )
