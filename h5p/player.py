"""The options for h5p-standalone's `new H5PStandalone.H5P(el, options)`, built on the server per user."""

from django.templatetags.static import static
from django.urls import reverse

from .models import H5PUserData

PLAYER_DIST = "vendor/h5p-standalone/dist/"


def object_iri(request, content):
    """The xAPI object id of `content`; the xAPI endpoint only accepts statements about this IRI."""
    return request.build_absolute_uri(reverse("h5p:play", args=[content.pk]))


def player_options(request, content):
    user = request.user
    user_data_url = reverse("h5p:user_data", args=[content.pk, "DATATYPE", "SUBCONTENT"])
    options = {
        "id": str(content.pk),
        "title": content.title,
        "h5pJsonPath": reverse("h5p:content_root", args=[content.pk]).rstrip("/"),
        "contentJsonPath": reverse("h5p:content_root", args=[content.pk]) + "content",
        "librariesPath": reverse("h5p:library_root").rstrip("/"),
        "frameJs": static(PLAYER_DIST + "frame.bundle.js"),
        "frameCss": static(PLAYER_DIST + "styles/h5p.css"),
        "customJs": [static("h5p/frame-csrf.js")],
        "embedType": "iframe",
        "frame": False,
        "fullScreen": False,
        "xAPIObjectIRI": object_iri(request, content),
        "saveFreq": 5,
        # h5p-standalone needs both or neither: `user` without contentUserDataUrl stops the content.
        # The mail is a pseudonym; the server ignores the actor the browser sends anyway.
        "user": {"name": user.display_name, "mail": f"gebruiker-{user.pk}@oefenfeed.invalid"},
        "ajax": {
            "contentUserDataUrl": user_data_url.replace("DATATYPE", ":dataType").replace("SUBCONTENT", ":subContentId")
        },
    }
    # The bundled core reads saved state synchronously from contentUserData[subContentId][dataType] when
    # it starts (its own GET to contentUserDataUrl comes back too late), so preload it here.
    saved = H5PUserData.objects.filter(content=content, user=user, data_type="state", sub_content_id="0").first()
    if saved is not None:
        options["contentUserData"] = [{"state": saved.data}]
    return {
        "content": content,
        "options": options,
        "options_id": f"h5p-options-{content.pk}",
        "xapi_url": reverse("h5p:xapi", args=[content.pk]),
        "player_js": static(PLAYER_DIST + "main.bundle.js"),
    }
