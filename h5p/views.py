"""Play H5P content in its sandboxed frame, serve the frame's files by play token, take xAPI statements and saved
state from the parent page, show results."""

import json
import mimetypes

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.choices import STAFF_ROLES
from accounts.models import SchoolClass, User
from accounts.permissions import require_role
from oefenfeed.csvsafe import SafeWriter

from . import storage, tokens, xapi
from .models import H5PContent, H5PUserData
from .permissions import get_content_for_user, get_results_for_teacher
from .player import frame_options, object_iri, player_context
from .ranges import last_modified, partial_response
from .results import GradeMethod, class_report, csv_rows, own_results

# Explicit types for what the allow-lists let in; anything else is served as a download.
MIME_TYPES = {
    "js": "text/javascript; charset=utf-8",
    "css": "text/css; charset=utf-8",
    "json": "application/json",
    "svg": "image/svg+xml",
    "xml": "application/xml",
    "woff": "font/woff",
    "woff2": "font/woff2",
    "ttf": "font/ttf",
    "otf": "font/otf",
    "eot": "application/vnd.ms-fontobject",
    "vtt": "text/vtt",
    "webvtt": "text/vtt",
    "md": "text/plain; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
    "csv": "text/plain; charset=utf-8",
    "gltf": "model/gltf+json",
    "glb": "model/gltf-binary",
}
INLINE = {"js", "css", "json", "svg", "png", "jpg", "jpeg", "gif", "bmp", "webm", "mp4", "ogg", "mp3", "m4a", "wav"}
INLINE |= {"woff", "woff2", "ttf", "otf", "eot", "vtt", "webvtt", "txt", "md", "gltf", "glb", "pdf"}


def _serve(request, path):
    ext = path.suffix.lstrip(".").lower()
    content_type = MIME_TYPES.get(ext) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    inline = ext in INLINE
    # Media seek with Range (206); downloads are always sent whole.
    response = partial_response(request, path, content_type) if inline else None
    if response is None:
        response = FileResponse(path.open("rb"), content_type=content_type, as_attachment=not inline)
    if inline:
        response["Accept-Ranges"] = "bytes"
        response["Last-Modified"] = last_modified(path)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    # The frame has an opaque origin, so h5p-standalone's fetch() of h5p.json, content.json and library.json
    # is cross-origin. The token in the URL is the permission; no cookie is sent or needed.
    response["Access-Control-Allow-Origin"] = "*"
    response["Referrer-Policy"] = "no-referrer"
    if ext in {"svg", "xml"}:
        # An SVG opened directly must not run script on our origin.
        response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    return response


def _frame_play(token):
    """(play, user, content) for a frame URL: the token decides, never the session. 403 for a bad token,
    404 when its pupil may no longer play the activity (archived, class limits changed)."""
    play = tokens.read(token)
    user = User.objects.filter(pk=play.user_id, is_active=True).first()
    if user is None:
        raise PermissionDenied
    return play, user, get_content_for_user(user, play.content_id)


@xframe_options_exempt
@require_GET
def frame(request, token):
    """The player's own document, framed by the lesson or play page with sandbox="allow-scripts"."""
    play, user, content = _frame_play(token)
    html = render_to_string(
        "h5p/frame.html",
        {
            "content": content,
            "config": {
                "nonce": play.nonce,
                "parentOrigin": play.parent_origin,
                "options": frame_options(request, token, play, content, user),
            },
        },
    )
    response = HttpResponse(html)
    # Opened top-level (someone copies the frame's address) it is still sandboxed. Only our pages may frame it.
    response["Content-Security-Policy"] = f"sandbox allow-scripts; frame-ancestors {play.parent_origin}"
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def frame_content_file(request, token, path):
    """h5p.json and content/... of the token's activity."""
    _play, _user, content = _frame_play(token)
    found = storage.resolve(storage.content_dir(content.pk), path)
    if found is None:
        raise Http404
    return _serve(request, found)


@require_GET
def frame_library_file(request, token, folder, path):
    """Library code and assets, only of the libraries the token's activity uses."""
    _play, _user, content = _frame_play(token)
    if folder not in {library.folder for library in content.libraries.all()}:
        raise Http404
    found = storage.resolve(storage.libraries_dir(), f"{folder}/{path}")
    if found is None:
        raise Http404
    return _serve(request, found)


@login_required
@require_GET
def play(request, pk):
    content = get_content_for_user(request.user, pk)
    return render(request, "h5p/play.html", {"content": content, "player": player_context(request, content)})


def _json_error(message, status):
    return JsonResponse({"success": False, "message": message}, status=status)


def _check_token(request, content):
    """None when the request carries a play token for this pupil and activity; else the 403 to answer."""
    try:
        tokens.check_request(request, content)
    except PermissionDenied:
        return _json_error(_("Deze activiteit is niet meer geopend. Laad de pagina opnieuw."), 403)
    return None


@require_POST
def xapi_statement(request, pk):
    """Record one xAPI statement (login, CSRF and the play token required); the actor is the logged-in user."""
    if not request.user.is_authenticated:
        return _json_error(_("Log eerst in."), 403)
    content = get_content_for_user(request.user, pk)
    refused = _check_token(request, content)
    if refused:
        return refused
    try:
        statement = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        return _json_error(_("Het statement is geen geldige JSON."), 400)
    if isinstance(statement, dict) and isinstance(statement.get("statement"), dict):
        statement = statement["statement"]
    try:
        attempt = xapi.record(
            content,
            request.user,
            statement,
            object_iri=object_iri(request, content),
            home_page=request.build_absolute_uri("/"),
        )
    except xapi.StatementError as error:
        return _json_error(str(error), 400)
    if attempt is None:
        return JsonResponse({"success": True, "stored": False})
    return JsonResponse(
        {
            "success": True,
            "stored": True,
            "attempt": attempt.number,
            "raw": None if attempt.raw_score is None else float(attempt.raw_score),
            "max": None if attempt.max_score is None else float(attempt.max_score),
        },
        status=201,
    )


@require_http_methods(["GET", "POST"])
def user_data(request, pk, data_type, sub_content_id):
    """H5P's contentUserData, relayed by the parent page: GET returns saved state, POST saves it ("0" deletes).

    Login and the play token are required (CSRF too for POST)."""
    if not request.user.is_authenticated:
        return _json_error(_("Log eerst in."), 403)
    content = get_content_for_user(request.user, pk)
    refused = _check_token(request, content)
    if refused:
        return refused
    lookup = {
        "content": content,
        "user": request.user,
        "data_type": data_type[:64],
        "sub_content_id": sub_content_id[:64],
    }
    if request.method == "GET":
        saved = H5PUserData.objects.filter(**lookup).first()
        return JsonResponse({"success": True, "data": saved.data if saved else False})
    data = request.POST.get("data")
    if data is None:
        return _json_error(_("Er zijn geen gegevens meegestuurd."), 400)
    if data == "0":
        H5PUserData.objects.filter(**lookup).delete()
    else:
        if len(data) > 256 * 1024:
            return _json_error(_("De voortgang is te groot om op te slaan."), 400)
        H5PUserData.objects.update_or_create(**lookup, defaults={"data": data})
    return JsonResponse({"success": True})


@login_required
@require_GET
def results_index(request):
    """A teacher's activities per class, each linking to the results table."""
    require_role(request.user, *STAFF_ROLES)
    classes = list(SchoolClass.objects.for_teacher(request.user))

    def rows_for(contents):
        rows = []
        for content in contents.prefetch_related("limit_to_classes"):
            limited = set(content.limit_to_classes.all())
            cells = [
                c if (not limited or c in limited) and content.school_id in (None, c.school_id) else None
                for c in classes
            ]
            rows.append((content, cells))
        return rows

    # Archived activities are gone from lessons, but their results are kept and stay readable here.
    archived = H5PContent.objects.in_reach_of(request.user).filter(archived_at__isnull=False)
    context = {
        "classes": classes,
        "rows": rows_for(H5PContent.objects.visible_to(request.user)),
        "archived_rows": [row for row in rows_for(archived) if any(row[1])],
    }
    return render(request, "h5p/results_index.html", context)


def _grade_method(request, content):
    """The activity's own grade method, unless the teacher looks at another one with ?methode=."""
    method = request.GET.get("methode", content.grade_method)
    return method if method in GradeMethod.values else content.grade_method


@login_required
@require_GET
def results(request, pk, class_pk):
    """Per pupil the grade and each question's answer, per question the share of the class that got it right."""
    content, school_class = get_results_for_teacher(request.user, pk, class_pk)
    report = class_report(content, school_class, _grade_method(request, content))
    return render(
        request,
        "h5p/results.html",
        {
            "content": content,
            "school_class": school_class,
            "report": report,
            "rows": report.grades,
            "method": report.method,
            "method_label": GradeMethod(report.method).label,
            "own_method_label": GradeMethod(content.grade_method).label,
            "methods": GradeMethod.choices,
        },
    )


@login_required
@require_GET
def results_csv(request, pk, class_pk):
    content, school_class = get_results_for_teacher(request.user, pk, class_pk)
    report = class_report(content, school_class, _grade_method(request, content))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"resultaten-{slugify(content.title)}-{slugify(school_class.name)}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so spreadsheet programs read the UTF-8 names correctly
    SafeWriter(response, delimiter=";").writerows(csv_rows(report))
    return response


@login_required
@require_GET
def my_results(request):
    """A pupil's (or anyone's) own attempts per activity, with kind feedback and which questions were right."""
    if not request.user.is_authenticated:
        raise PermissionDenied
    activities = own_results(request.user)
    attempts = [own.attempt for activity in activities for own in activity.attempts]
    return render(request, "h5p/my_results.html", {"activities": activities, "attempts": attempts})
