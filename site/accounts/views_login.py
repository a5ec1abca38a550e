"""Login for staff (username and password) and pupils (class code, name, picture code or login card)."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import pictures, throttle
from .choices import Role
from .forms import ClassCodeForm, PictureCodeForm
from .models import SchoolClass, User


class StaffLoginView(auth_views.LoginView):
    template_name = "accounts/staff_login.html"
    redirect_authenticated_user = True


def _log_in_pupil(request, pupil):
    throttle.record_success(pupil)
    login(request, pupil, backend="django.contrib.auth.backends.ModelBackend")
    return redirect("home:start")


@require_http_methods(["GET", "POST"])
def pupil_class_code(request):
    form = ClassCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if throttle.client_is_blocked(request):
            form.add_error(
                None, _("Te veel pogingen vanaf dit apparaat. Wacht tien minuten of vraag je juf of meester.")
            )
        elif SchoolClass.objects.filter(join_code=form.cleaned_data["code"]).exists():
            return redirect("accounts:pupil_pick_name", code=form.cleaned_data["code"])
        else:
            throttle.record_failure(request)
            form.add_error("code", _("Deze klascode kennen we niet. Kijk goed en probeer het nog eens."))
    return render(request, "accounts/pupil_class_code.html", {"form": form})


def pupil_pick_name(request, code):
    school_class = get_object_or_404(SchoolClass, join_code=code.upper())
    return render(
        request,
        "accounts/pupil_pick_name.html",
        {"school_class": school_class, "pupils": school_class.ordered_pupils()},
    )


@require_http_methods(["GET", "POST"])
def pupil_picture_code(request, code, pupil_id):
    school_class = get_object_or_404(SchoolClass, join_code=code.upper())
    pupil = get_object_or_404(school_class.pupils.filter(is_active=True), pk=pupil_id)
    form = PictureCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if pupil.is_login_locked:
            form.add_error(None, _("Je plaatjescode is op slot gezet. Vraag je juf of meester om hem open te zetten."))
        elif throttle.client_is_blocked(request):
            form.add_error(
                None, _("Te veel pogingen vanaf dit apparaat. Wacht tien minuten of vraag je juf of meester.")
            )
        elif pupil.check_picture_code(form.keys()):
            return _log_in_pupil(request, pupil)
        else:
            throttle.record_failure(request, pupil)
            if pupil.is_login_locked:
                form.add_error(None, _("Dat klopt niet. Je plaatjescode staat nu op slot. Vraag je juf of meester."))
            else:
                form.add_error(None, _("Dat klopt niet. Kies de drie plaatjes in de goede volgorde."))
    elif pupil.is_login_locked:
        form.add_error(None, _("Je plaatjescode is op slot gezet. Vraag je juf of meester om hem open te zetten."))
    return render(
        request,
        "accounts/pupil_picture_code.html",
        {"school_class": school_class, "pupil": pupil, "form": form, "pictures": pictures.PICTURES},
    )


@require_http_methods(["GET", "POST"])
def pupil_card_login(request, token):
    """The QR code on a login card leads here. Logging in takes a button press, never a bare GET."""
    pupil = User.objects.filter(card_token=token, role=Role.PUPIL, is_active=True).first()
    if pupil is None:
        if request.method == "POST":
            throttle.record_failure(request)
        return render(request, "accounts/pupil_card_invalid.html", status=404)
    if request.method == "POST":
        if throttle.client_is_blocked(request):
            messages.error(
                request, _("Te veel pogingen vanaf dit apparaat. Wacht tien minuten of vraag je juf of meester.")
            )
            return redirect(reverse("accounts:pupil_card_login", args=[token]))
        return _log_in_pupil(request, pupil)
    return render(request, "accounts/pupil_card_login.html", {"pupil": pupil})
