"""Smartboard, presenter and pupil views of a lesson, and starting and ending a lesson run."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import SchoolClass

from .choices import Audience
from .models import LessonIndexPage, LessonRun
from .permissions import get_lesson_for_staff, get_run_for_pupil, get_run_for_teacher


@login_required
def library(request):
    """A stable address for the lesson library page, wherever coordinators put it in the page tree."""
    index = get_object_or_404(LessonIndexPage.objects.live())
    return redirect(index.url)


@login_required
def class_progress(request, class_id):
    """A stable address for a class's progress (lessons given, learning goals, next lesson), which lives on
    the curriculum page: class pages link here without looking that page up."""
    from curriculum.models import CurriculumIndexPage

    curriculum = get_object_or_404(CurriculumIndexPage.objects.live())
    return redirect(curriculum.url + curriculum.reverse_subpage("class_progress", args=[class_id]).lstrip("/"))


@login_required
def smartboard(request, page_id):
    lesson = get_lesson_for_staff(request.user, page_id)
    return render(
        request, "lessons/smartboard.html", {"lesson": lesson, "steps": lesson.steps_for(Audience.SMARTBOARD)}
    )


@login_required
def presenter(request, page_id):
    lesson = get_lesson_for_staff(request.user, page_id)
    return render(request, "lessons/presenter.html", {"lesson": lesson, "steps": lesson.presenter_steps()})


@login_required
@require_POST
def start_run(request, page_id):
    lesson = get_lesson_for_staff(request.user, page_id)
    class_id = request.POST.get("school_class", "")
    if not class_id.isdigit():
        messages.error(request, _("Kies eerst de klas waarvoor je de les start."))
        return redirect(lesson.url)
    school_class = get_object_or_404(SchoolClass.objects.for_teacher(request.user), pk=int(class_id))
    LessonRun.start(request.user, school_class, lesson)
    messages.success(
        request,
        _("De les is gestart voor %(klas)s. De leerlingen zien hem nu bij “Nu in de les”.") % {"klas": school_class},
    )
    return redirect(lesson.url)


@login_required
@require_POST
def end_run(request, pk):
    run = get_run_for_teacher(request.user, pk)
    run.end()
    messages.success(
        request, _("De les is afgesloten en genoteerd als gegeven aan %(klas)s.") % {"klas": run.school_class}
    )
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return redirect(next_url)
    return redirect("home:start")


@login_required
def pupil_view(request, pk):
    run = get_run_for_pupil(request.user, pk)
    lesson = run.lesson.specific
    return render(
        request, "lessons/pupil_view.html", {"run": run, "lesson": lesson, "steps": lesson.steps_for(Audience.PUPIL)}
    )
