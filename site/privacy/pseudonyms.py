"""The stable pseudonym that stands in for a pupil in the privacy log and in kept consent proof."""

from django.utils.crypto import salted_hmac

SALT = "oefenfeed.privacy.pseudonym"


def pseudonym_for(pupil):
    """`pseud-` and 16 hex digits: the same for every export and the erase of one pupil, so the log and the
    kept consent proof belong together, while nobody can tell from it who the pupil was. Keyed with the
    secret key and the pupil's random username, which is gone after the erase."""
    digest = salted_hmac(SALT, f"{pupil.pk}:{pupil.username}", algorithm="sha256").hexdigest()
    return f"pseud-{digest[:16]}"
