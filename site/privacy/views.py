"""Download a pupil's data, erase a pupil, the coordinator's overview, the research export, the register of
processing activities and the parents' privacy page. Rules: privacy.permissions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.choices import Role
from accounts.models import User

from . import permissions, register
from .erase import AlreadyErased, erase_pupil, inventory
from .export import export_response
from .forms import EraseConfirmForm, ResearchExportForm
from .models import ConsentProof, PrivacyLog
from .research import K, ResearchExport
from .research_files import research_response

LOG_LINES = 20


@login_required
@require_GET
def school_overview(request):
    """Coordinators (and administrators): every class of the school with its pupils, the pupils taken out
    of every class, the latest lines of the privacy log and the consent proof of erased pupils."""
    user = request.user
    if not (permissions.is_administrator(user) or user.role == Role.COORDINATOR):
        raise PermissionDenied
    pupils = User.objects.order_by("first_name", "initial", "pk")
    classes = (
        permissions.classes_managed_by(user)
        .select_related("school")
        .prefetch_related(Prefetch("pupils", queryset=pupils, to_attr="pupil_list"))
        .order_by("school__name", "groep", "name", "pk")
    )
    log = PrivacyLog.objects.select_related("school")
    proof = ConsentProof.objects.select_related("school").order_by("-erased_at", "pseudonym", "decided_at", "pk")
    if not permissions.is_administrator(user):
        log = log.filter(school_id=user.school_id)
        proof = proof.filter(school_id=user.school_id)
    context = {
        "classes": classes,
        "pupils_without_class": permissions.pupils_without_class_for(user),
        "log": log[:LOG_LINES],
        "consent_proof": proof,
        "schools": permissions.schools_managed_by(user),
    }
    return render(request, "privacy/school.html", context)


@login_required
@require_GET
def export(request, pupil_id):
    """The zip, streamed. A GET that only reads; the privacy log notes who downloaded it."""
    pupil = permissions.get_pupil_for_export(request.user, pupil_id)
    return export_response(pupil, actor=request.user)


@login_required
@require_http_methods(["GET", "POST"])
def erase(request, pupil_id):
    """GET: what goes and what stays, and the confirmation. POST (with CSRF and the ticked box): erase."""
    pupil = permissions.get_pupil_for_erase(request.user, pupil_id)
    form = EraseConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            result = erase_pupil(pupil, actor=request.user)
        except AlreadyErased:
            messages.info(request, _("Deze leerling was al gewist."))
            return redirect("privacy:school")
        messages.success(
            request,
            _("De leerling is gewist. In het privacylogboek staat dit onder %(pseudonym)s.")
            % {"pseudonym": result.pseudonym},
        )
        return redirect("privacy:school")
    goes, stays = inventory(pupil)
    context = {
        "pupil": pupil,
        "classes": pupil.pupil_classes.select_related("school").order_by("groep", "name"),
        "goes": goes,
        "stays": stays,
        "form": form,
    }
    return render(request, "privacy/erase_confirm.html", context, status=400 if form.errors else 200)


@require_GET
def parents(request):
    """For parents, public: what Oefenfeed keeps about a pupil, why, how long, who sees it, and how to ask
    the school for a copy or erasure. Plain Dutch (B1); the retention periods come from the settings."""
    return render(request, "privacy/parents.html", {"retention": register.retention_for_parents(), "k": K})


@login_required
@require_GET
def processing_register(request):
    """The register of processing activities for coordinators and administrators, printable."""
    user = request.user
    if not permissions.can_read_register(user):
        raise PermissionDenied
    context = {
        "schools": permissions.schools_managed_by(user),
        "activities": register.ACTIVITIES,
        "security": register.SECURITY,
        "today": timezone.localdate(),
    }
    return render(request, "privacy/register.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def research_export(request):
    """GET: what the anonymised export holds, and the choices. POST (with CSRF): the file, streamed and logged."""
    user = request.user
    if not permissions.can_export_research(user):
        raise PermissionDenied
    administrator = permissions.is_administrator(user)
    form = ResearchExportForm(request.POST if request.method == "POST" else None, administrator=administrator)
    if request.method == "POST" and form.is_valid():
        schools, whole_board = permissions.research_scope_for(user, form.cleaned_data.get("school"))
        export = ResearchExport(schools, whole_board=whole_board)
        return research_response(export, form.cleaned_data["file_format"], actor=user)
    context = {"form": form, "k": K, "own_school": None if administrator else user.school}
    return render(request, "privacy/research.html", context, status=400 if form.errors else 200)
