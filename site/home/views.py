"""The public home page and the start page of each role."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from accounts.choices import Role
from accounts.models import SchoolClass
from accounts.permissions import require_role

from .waiting import waiting_for

START_PAGES = {
    Role.PUPIL: "home:pupil",
    Role.TEACHER: "home:teacher",
    Role.COORDINATOR: "home:coordinator",
    Role.ADMINISTRATOR: "home:coordinator",
}


def index(request):
    if request.user.is_authenticated:
        return redirect("home:start")
    return render(request, "home/index.html")


@login_required
def start(request):
    return redirect(START_PAGES[request.user.role])


@login_required
def pupil_start(request):
    require_role(request.user, Role.PUPIL)
    classes = SchoolClass.objects.for_pupil(request.user).select_related("school")
    return render(request, "home/pupil_start.html", {"classes": classes})


@login_required
def teacher_start(request):
    require_role(request.user, Role.TEACHER)
    classes = SchoolClass.objects.for_teacher(request.user).select_related("school")
    return render(request, "home/teacher_start.html", {"classes": classes})


@login_required
def coordinator_start(request):
    require_role(request.user, Role.COORDINATOR, Role.ADMINISTRATOR)
    classes = SchoolClass.objects.for_teacher(request.user).select_related("school")
    context = {"classes": classes, "waiting": waiting_for(request.user)}
    return render(request, "home/coordinator_start.html", context)
