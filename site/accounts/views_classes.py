"""Teachers manage their own classes: create and edit them, share them with colleagues (duo teachers), add and
remove pupils, reset logins or clear a wait, print cards."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from . import throttle
from .cards import login_card_for
from .choices import STAFF_ROLES
from .forms import AddPupilsForm, AddTeacherForm, SchoolClassForm
from .models import SchoolClass
from .permissions import get_class_for_teacher, get_pupil_in_class, require_role


@login_required
def class_list(request):
    require_role(request.user, *STAFF_ROLES)
    classes = list(SchoolClass.objects.for_teacher(request.user).select_related("school"))
    # This school year's classes first; closed years below them, as an archive to read.
    current = [school_class for school_class in classes if school_class.archived_at is None]
    archived = [school_class for school_class in classes if school_class.archived_at is not None]
    return render(request, "accounts/class_list.html", {"classes": current, "archived_classes": archived})


@login_required
@require_http_methods(["GET", "POST"])
def class_create(request):
    require_role(request.user, *STAFF_ROLES)
    if request.user.school_id is None:
        messages.error(request, _("Je account hoort nog niet bij een school. Vraag de beheerder om dat in te stellen."))
        return redirect("accounts:class_list")
    form = SchoolClassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            school_class = form.save(commit=False)
            school_class.school = request.user.school
            school_class.save()
            school_class.teachers.add(request.user)
        messages.success(request, _("Klas %(name)s is aangemaakt. Voeg nu leerlingen toe.") % {"name": school_class})
        return redirect("accounts:class_detail", pk=school_class.pk)
    return render(request, "accounts/class_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def class_edit(request, pk):
    """Any teacher of the class changes its name, groep (or combination group) and school year."""
    school_class = get_class_for_teacher(request.user, pk)
    form = SchoolClassForm(request.POST or None, instance=school_class)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("De gegevens van %(name)s zijn opgeslagen.") % {"name": school_class})
        return redirect("accounts:class_detail", pk=school_class.pk)
    return render(request, "accounts/class_form.html", {"form": form, "school_class": school_class})


@login_required
@require_http_methods(["GET", "POST"])
def class_detail(request, pk):
    school_class = get_class_for_teacher(request.user, pk)
    form = AddPupilsForm(request.POST or None, school_class=school_class)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            created = school_class.add_pupils(form.cleaned_data["names"])
        messages.success(request, form.summary(len(created)))
        return redirect("accounts:class_detail", pk=school_class.pk)
    return render(request, "accounts/class_detail.html", class_page_context(request, school_class, form=form))


def class_page_context(request, school_class, form=None, teacher_form=None):
    teachers = list(school_class.teachers.order_by("first_name", "last_name", "username"))
    return {
        "school_class": school_class,
        "pupils": throttle.pupils_with_login_status(school_class.ordered_pupils()),
        "form": form if form is not None else AddPupilsForm(school_class=school_class),
        "teachers": teachers,
        "teacher_form": teacher_form if teacher_form is not None else AddTeacherForm(school_class=school_class),
    }


@login_required
@require_POST
def teacher_add(request, pk):
    """Make a colleague of the same school a teacher of the class, with exactly the same rights."""
    school_class = get_class_for_teacher(request.user, pk)
    form = AddTeacherForm(request.POST, school_class=school_class)
    if not form.is_valid():
        context = class_page_context(request, school_class, teacher_form=form)
        return render(request, "accounts/class_detail.html", context, status=400)
    colleague = form.cleaned_data["teacher"]
    school_class.teachers.add(colleague)
    messages.success(
        request,
        _("%(name)s is nu ook leerkracht van %(class)s.") % {"name": colleague.display_name, "class": school_class},
    )
    return redirect("accounts:class_detail", pk=school_class.pk)


@login_required
@require_http_methods(["GET", "POST"])
def teacher_remove(request, pk, teacher_id):
    """Take a teacher off the class. The last teacher always stays; leaving the class yourself asks first."""
    school_class = get_class_for_teacher(request.user, pk)
    teacher = get_object_or_404(school_class.teachers.all(), pk=teacher_id)
    leaving = teacher.pk == request.user.pk
    if request.method == "GET" or (leaving and request.POST.get("bevestigd") != "ja"):
        if not leaving:
            return redirect("accounts:class_detail", pk=school_class.pk)
        return render(request, "accounts/teacher_leave.html", {"school_class": school_class})
    with transaction.atomic():
        # Lock the class so two teachers removing each other at the same moment cannot leave it without one.
        SchoolClass.objects.select_for_update().get(pk=school_class.pk)
        if school_class.teachers.count() < 2:
            messages.error(request, _("Een klas heeft altijd minstens één leerkracht. Voeg eerst een collega toe."))
            return redirect("accounts:class_detail", pk=school_class.pk)
        school_class.teachers.remove(teacher)
    if leaving:
        messages.success(request, _("Je bent geen leerkracht meer van %(class)s.") % {"class": school_class})
        return redirect("accounts:class_list")
    messages.success(
        request,
        _("%(name)s is geen leerkracht meer van %(class)s.") % {"name": teacher.display_name, "class": school_class},
    )
    return redirect("accounts:class_detail", pk=school_class.pk)


@login_required
@require_POST
def pupil_remove(request, pk, pupil_id):
    school_class = get_class_for_teacher(request.user, pk)
    pupil = get_pupil_in_class(school_class, pupil_id)
    school_class.pupils.remove(pupil)
    messages.success(request, _("%(name)s is uit de klas gehaald.") % {"name": pupil.display_name})
    return redirect("accounts:class_detail", pk=school_class.pk)


@login_required
@require_POST
def pupil_reset_login(request, pk, pupil_id):
    school_class = get_class_for_teacher(request.user, pk)
    pupil = get_pupil_in_class(school_class, pupil_id)
    with transaction.atomic():
        pupil.reset_pupil_login()
        pupil.save(update_fields=["picture_code", "card_token", "password"])
        throttle.forget_failures(pupil)
    messages.success(
        request,
        _("%(name)s heeft een nieuwe plaatjescode en inlogkaart. De oude kaart werkt niet meer.")
        % {"name": pupil.display_name},
    )
    return redirect("accounts:class_detail", pk=school_class.pk)


@login_required
@require_POST
def pupil_unlock(request, pk, pupil_id):
    """Clear the wait after wrong picture codes (the URL still says "ontgrendelen", from the old hard lock)."""
    school_class = get_class_for_teacher(request.user, pk)
    pupil = get_pupil_in_class(school_class, pupil_id)
    throttle.clear_wait(pupil)
    messages.success(
        request, _("%(name)s hoeft niet meer te wachten en kan meteen inloggen.") % {"name": pupil.display_name}
    )
    return redirect("accounts:class_detail", pk=school_class.pk)


@login_required
def login_cards(request, pk):
    school_class = get_class_for_teacher(request.user, pk)
    pupil_id = request.GET.get("leerling")
    pupils = school_class.ordered_pupils()
    if pupil_id and pupil_id.isdigit():
        pupils = pupils.filter(pk=pupil_id)
    cards = [login_card_for(request, school_class, pupil) for pupil in pupils]
    context = {"school_class": school_class, "cards": cards, "site_address": request.get_host()}
    return render(request, "accounts/login_cards.html", context)
