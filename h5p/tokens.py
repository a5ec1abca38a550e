"""Signed, short-lived play tokens: which pupil plays which activity, in which lesson or class.

The player runs in a sandboxed iframe with an opaque origin, so its requests carry no cookies. The token in
the frame's URLs lets the frame load its own files, and the parent page (which has the session) sends it
along with every xAPI statement and saved state, so the server ties them to the pupil the token was issued
to, never to anything the frame says. Payload keys are short because the token sits in every frame URL:

    u: user id, c: content id, n: nonce for the postMessage channel, o: the parent page's origin,
    l: lesson page id or None, k: class id or None
"""

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied

SALT = "oefenfeed.h5p.play-token"
DEFAULT_MAX_AGE = 4 * 3600
HEADER = "X-H5P-Token"


def max_age():
    return int(getattr(settings, "H5P_PLAY_TOKEN_MAX_AGE", DEFAULT_MAX_AGE))


@dataclass(frozen=True)
class PlayToken:
    user_id: int
    content_id: int
    nonce: str
    parent_origin: str
    lesson_id: int | None = None
    class_id: int | None = None


def issue(user, content, *, parent_origin, lesson_id=None, class_id=None):
    """A new token (and so a new nonce) for one play of `content` by `user`; returns (token, PlayToken)."""
    play = PlayToken(
        user_id=user.pk,
        content_id=content.pk,
        nonce=secrets.token_urlsafe(18),
        parent_origin=parent_origin,
        lesson_id=lesson_id,
        class_id=class_id,
    )
    payload = {
        "u": play.user_id,
        "c": play.content_id,
        "n": play.nonce,
        "o": play.parent_origin,
        "l": play.lesson_id,
        "k": play.class_id,
    }
    return signing.TimestampSigner(salt=SALT).sign_object(payload, compress=True), play


def read(token):
    """The PlayToken in `token`; PermissionDenied when it is missing, tampered with or expired."""
    if not token or not isinstance(token, str) or len(token) > 1000:
        raise PermissionDenied
    try:
        payload = signing.TimestampSigner(salt=SALT).unsign_object(token, max_age=max_age())
        return PlayToken(
            user_id=int(payload["u"]),
            content_id=int(payload["c"]),
            nonce=str(payload["n"]),
            parent_origin=str(payload["o"]),
            lesson_id=payload.get("l"),
            class_id=payload.get("k"),
        )
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise PermissionDenied from error


def check_request(request, content):
    """The play token sent with a request from the parent page: issued to the session's user, for `content`."""
    play = read(request.headers.get(HEADER, ""))
    if play.user_id != request.user.pk or play.content_id != content.pk:
        raise PermissionDenied
    return play
