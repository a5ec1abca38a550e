"""Login for staff (username and password) and pupils (class code, name, picture code or login card).

Every login view answers GET and POST only. Wrong codes and passwords are throttled in `throttle`.
"""

from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from . import pictures, throttle
from .choices import Role
from .forms import ClassCodeForm, PictureCodeForm, StaffLoginForm
from .models import SchoolClass, User


class StaffLoginView(auth_views.LoginView):
    template_name = "accounts/staff_login.html"
    authentication_form = StaffLoginForm
    redirect_authenticated_user = True
    http_method_names = ["get", "post"]


def _log_in_pupil(request, pupil):
    login(request, pupil, backend="django.contrib.auth.backends.ModelBackend")
    return redirect("home:start")


@require_http_methods(["GET", "POST"])
def pupil_class_code(request):
    form = ClassCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        attempt = throttle.start_attempt(request)
        if attempt.wait:
            form.add_error(None, throttle.wait_message(attempt.wait))
        elif SchoolClass.objects.filter(join_code=form.cleaned_data["code"]).exists():
            attempt.succeeded()
            return redirect("accounts:pupil_pick_name", code=form.cleaned_data["code"])
        else:
            form.add_error("code", _("Deze klascode kennen we niet. Kijk goed en probeer het nog eens."))
            if attempt.wait_if_wrong:
                form.add_error(None, throttle.wait_message(attempt.wait_if_wrong))
    return render(request, "accounts/pupil_class_code.html", {"form": form})


@require_GET
def pupil_pick_name(request, code):
    school_class = get_object_or_404(SchoolClass, join_code=code.upper())
    return render(
        request,
        "accounts/pupil_pick_name.html",
        {"school_class": school_class, "pupils": school_class.ordered_pupils()},
    )


def _pupil_wait_message(seconds):
    return throttle.wait_message(seconds) + " " + _("Weet je je plaatjes niet meer? Vraag het je juf of meester.")


@require_http_methods(["GET", "POST"])
def pupil_picture_code(request, code, pupil_id):
    school_class = get_object_or_404(SchoolClass, join_code=code.upper())
    pupil = get_object_or_404(school_class.pupils.filter(is_active=True), pk=pupil_id)
    form = PictureCodeForm(request.POST or None)
    waiting = None
    if request.method == "POST" and form.is_valid():
        attempt = throttle.start_attempt(request, pupil=pupil)
        if attempt.wait:
            form.add_error(None, _pupil_wait_message(attempt.wait))
        elif pupil.check_picture_code(form.keys()):
            attempt.succeeded()
            return _log_in_pupil(request, pupil)
        elif attempt.wait_if_wrong:
            form.add_error(None, _("Dat klopt niet.") + " " + _pupil_wait_message(attempt.wait_if_wrong))
        else:
            form.add_error(None, _("Dat klopt niet. Kies de drie plaatjes in de goede volgorde."))
    elif request.method == "GET":
        seconds = throttle.current_wait(request, pupil=pupil)
        waiting = _pupil_wait_message(seconds) if seconds else None
    return render(
        request,
        "accounts/pupil_picture_code.html",
        {
            "school_class": school_class,
            "pupil": pupil,
            "form": form,
            "pictures": pictures.PICTURES,
            "waiting": waiting,
        },
    )


@require_http_methods(["GET", "POST"])
def pupil_card_login(request, token):
    """The QR code on a login card leads here. Logging in takes a button press, never a bare GET.

    The card's long random token is the proof, so a picture-code wait does not apply here; logging in with
    the card clears it. A wrong token counts against the client, like a wrong class code.
    """
    pupil = User.objects.filter(card_token=token, role=Role.PUPIL, is_active=True).first()
    if pupil is None:
        if request.method == "POST":
            throttle.start_attempt(request)
        return render(request, "accounts/pupil_card_invalid.html", status=404)
    if request.method == "POST":
        throttle.record_success(request, pupil)
        return _log_in_pupil(request, pupil)
    return render(request, "accounts/pupil_card_login.html", {"pupil": pupil})
