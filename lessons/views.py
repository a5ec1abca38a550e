"""Smartboard, presenter and pupil views of a lesson, and starting, following and ending a lesson run."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import SchoolClass
from sandbox_feed import events, live

from .choices import Audience
from .models import AlreadyRunning, LessonIndexPage, LessonRun, RunEnded, UnknownStep
from .permissions import get_class_for_teacher, get_lesson_for_staff, get_run_for_pupil, get_run_for_teacher


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


def _run_for_deck(request, lesson):
    """The run the smartboard or presenter reports its steps to: `?ronde=<id>` (the teacher's own run of this
    lesson, 404 otherwise), else the newest run of this lesson now running for one of the teacher's classes.
    None when no run of this lesson is running: the deck then only presents."""
    wanted = request.GET.get("ronde", "")
    if wanted:
        if not wanted.isdigit():
            raise Http404
        run = get_run_for_teacher(request.user, int(wanted))
        if run.lesson_id != lesson.pk:
            raise Http404
        return run if run.is_running else None
    # The class's wall settings come along: a feed assignment step names pupils as the wall does.
    return (
        LessonRun.objects.running()
        .for_teacher(request.user)
        .filter(lesson=lesson)
        .select_related("school_class__feed_wall")
        .first()
    )


@login_required
def smartboard(request, page_id):
    lesson = get_lesson_for_staff(request.user, page_id)
    run = _run_for_deck(request, lesson)
    return render(
        request,
        "lessons/smartboard.html",
        {"lesson": lesson, "steps": lesson.steps_for(Audience.SMARTBOARD), "run": run},
    )


@login_required
def presenter(request, page_id):
    lesson = get_lesson_for_staff(request.user, page_id)
    run = _run_for_deck(request, lesson)
    return render(request, "lessons/presenter.html", {"lesson": lesson, "steps": lesson.presenter_steps(), "run": run})


@login_required
@require_POST
def start_run(request, page_id):
    lesson = get_lesson_for_staff(request.user, page_id)
    class_id = request.POST.get("school_class", "")
    if not class_id.isdigit():
        messages.error(request, _("Kies eerst de klas waarvoor je de les start."))
        return redirect(lesson.url)
    # Only a class of this school year: an archived class's feed and lessons are history.
    school_class = get_object_or_404(SchoolClass.objects.for_teacher(request.user).active(), pk=int(class_id))
    replace = request.POST.get("replace", "")
    try:
        LessonRun.start(request.user, school_class, lesson, replace=int(replace) if replace.isdigit() else None)
    except AlreadyRunning as busy:
        # Ending someone's lesson is never silent: show which lesson runs and ask.
        return render(
            request,
            "lessons/runs/confirm_start.html",
            {"lesson": lesson, "school_class": school_class, "running": busy.run},
            status=409,
        )
    messages.success(
        request,
        _("De les is gestart voor %(klas)s. De leerlingen zien hem nu bij “Nu in de les”.") % {"klas": school_class},
    )
    return redirect(lesson.url)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def end_run(request, pk):
    """GET: what the lesson did (steps reached, answers) and a button to end it. POST: end it."""
    run = get_run_for_teacher(request.user, pk)
    if request.method != "POST":
        summary = LessonRun.objects.with_answers().get(pk=run.pk)
        return render(request, "lessons/runs/confirm_end.html", {"run": summary, "next": _safe_next(request)})
    if run.end():
        messages.success(
            request, _("De les is afgesloten en genoteerd als gegeven aan %(klas)s.") % {"klas": run.school_class}
        )
    else:
        messages.info(request, _("Deze les was al afgesloten."))
    return redirect(_safe_next(request) or "home:start")


def _safe_next(request):
    next_url = request.POST.get("next", "") or request.GET.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return next_url
    return ""


@login_required
@require_POST
def run_step(request, pk):
    """The smartboard or presenter reports the step the teacher shows; the class's pupils follow it."""
    run = get_run_for_teacher(request.user, pk)
    try:
        run.move_to(request.POST.get("block", ""))
    except UnknownStep:
        return JsonResponse(
            {"message": _("Deze stap hoort niet (meer) bij de les. Laad het smartbord opnieuw.")}, status=400
        )
    except RunEnded:
        return JsonResponse({"message": _("Deze les is al afgesloten.")}, status=409)
    return JsonResponse({"step": run.current_step_index, "of": run.step_count})


@login_required
def pupil_view(request, pk):
    run = get_run_for_pupil(request.user, pk)
    # The class's number before the run's state is read: a step or end committed in between is numbered
    # above it, so the page's websocket or polling brings it.
    live_seqs = f"{run.school_class_id}:{events.current_seq(run.school_class_id)}"
    run.refresh_from_db(fields=["ended_at", "current_step_id", "current_step_index", "step_count"])
    context = {"run": run, "live_seqs": live_seqs, "poll_seconds": live.POLL_SECONDS}
    if not run.is_running:
        context["did"] = run.pupil_did(request.user)
        return render(request, "lessons/runs/pupil_ended.html", context)
    lesson = run.lesson.specific
    steps, teacher_at = run.pupil_position(lesson)
    shown = teacher_at
    wanted = request.GET.get("stap", "")
    if wanted and teacher_at is not None:
        # Looking back (without JavaScript): any pupil step up to where the teacher is.
        for number, step in enumerate(steps[: teacher_at + 1]):
            if step.id == wanted:
                shown = number
    context.update(
        {
            "lesson": lesson,
            "steps": steps,
            "teacher_at": teacher_at,
            "shown": shown,
            "previous_step": steps[shown - 1] if shown else None,
            "next_step": steps[shown + 1] if shown is not None and shown < teacher_at else None,
            "here": reverse("lessons:pupil_view", args=[run.pk]),
        }
    )
    return render(request, "lessons/pupil_view.html", context)


@login_required
def run_history(request, class_id):
    """The lessons given to a class: date, lesson, steps reached, answers. For the class's teachers."""
    school_class = get_class_for_teacher(request.user, class_id)
    runs = LessonRun.objects.filter(school_class=school_class).with_answers()
    return render(request, "lessons/runs/history.html", {"school_class": school_class, "runs": runs})
