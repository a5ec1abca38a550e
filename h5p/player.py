"""The player in its sandbox: what the parent page needs to frame it, and h5p-standalone's options inside.

The parent page holds an `<iframe sandbox="allow-scripts">` (no allow-same-origin: an opaque origin), so
library code can read neither the page around it, nor cookies, nor anything of ours with the session.
h5p-standalone runs inside the frame (embedType "div": the frame is the player's document); its files
come from /h5p/frame/<token>/..., checked against the signed play token instead of the session.
"""

from django.conf import settings
from django.middleware.csrf import get_token
from django.templatetags.static import static
from django.urls import reverse

from . import tokens
from .models import H5PUserData

PLAYER_DIST = "vendor/h5p-standalone/dist/"
# H5P core asks for saved state through this URL; frame-relay.js hands those requests to the parent
# page by postMessage, so it never reaches the network (and would 404 if it did).
RELAY_URL = "/h5p/frame/relay/:dataType/:subContentId/"


def object_iri(request, content):
    """The xAPI object id of `content`; the xAPI endpoint only accepts statements about this IRI."""
    return request.build_absolute_uri(reverse("h5p:play", args=[content.pk]))


def player_origin():
    """Where the frame is served from: `H5P_PLAYER_ORIGIN` (e.g. https://h5p.school.nl), or this host."""
    return (getattr(settings, "H5P_PLAYER_ORIGIN", "") or "").rstrip("/")


def _parent_origin(request):
    return request.build_absolute_uri("/").rstrip("/")


def player_context(request, content, *, lesson_id=None, class_id=None):
    """Everything the parent page renders for one play: the frame's address, the token, the saved state."""
    # player.js posts statements and saved state with the CSRF cookie; a page without a form of its own
    # (the smartboard has no header) would not set it otherwise.
    get_token(request)
    token, play = tokens.issue(
        request.user, content, parent_origin=_parent_origin(request), lesson_id=lesson_id, class_id=class_id
    )
    # The core reads saved state synchronously from contentUserData when it starts; the parent page has
    # it (it has the session) and hands it to the frame by postMessage.
    saved = H5PUserData.objects.filter(
        content=content, user=request.user, data_type="state", sub_content_id="0"
    ).first()
    state_url = reverse("h5p:user_data", args=[content.pk, "DATATYPE", "SUBCONTENT"])
    return {
        "content": content,
        "frame_src": player_origin() + reverse("h5p:frame", args=[token]),
        "token": token,
        "nonce": play.nonce,
        "state": [{"state": saved.data}] if saved is not None else None,
        "state_id": f"h5p-state-{content.pk}",
        "state_url": state_url,
        "xapi_url": reverse("h5p:xapi", args=[content.pk]),
        "iri": object_iri(request, content),
    }


def frame_options(request, token, play, content, user):
    """h5p-standalone's options inside the frame; every path carries the token, none needs a cookie."""
    iri = play.parent_origin + reverse("h5p:play", args=[content.pk])
    files = reverse("h5p:frame_content_root", args=[token])
    return {
        "id": str(content.pk),
        "title": content.title,
        "h5pJsonPath": request.build_absolute_uri(files).rstrip("/"),
        "contentJsonPath": request.build_absolute_uri(files + "content"),
        "librariesPath": request.build_absolute_uri(reverse("h5p:frame_library_root", args=[token])).rstrip("/"),
        "frameJs": request.build_absolute_uri(static(PLAYER_DIST + "frame.bundle.js")),
        "frameCss": request.build_absolute_uri(static(PLAYER_DIST + "styles/h5p.css")),
        "customJs": [request.build_absolute_uri(static("h5p/frame-relay.js"))],
        "embedType": "div",
        "frame": False,
        "fullScreen": False,
        "xAPIObjectIRI": iri,
        "saveFreq": 5,
        # h5p-standalone needs both or neither: `user` without contentUserDataUrl stops the content.
        # The mail is a pseudonym; the server ignores the actor the browser sends anyway.
        "user": {"name": user.display_name, "mail": f"gebruiker-{user.pk}@oefenfeed.invalid"},
        "ajax": {"contentUserDataUrl": RELAY_URL},
    }
