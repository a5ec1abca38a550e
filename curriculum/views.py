"""The curriculum page's routes: coverage matrix (page, print, CSV), class progress and the dashboard.

Each reads the request, asks permissions.py, builds its data in coverage/progress/dashboard and renders.
The curriculum page's `serve` has already sent visitors to the login and refused pupils.
"""

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from oefenfeed.csvsafe import SafeWriter

from .coverage import build_matrix, csv_rows
from .dashboard import build_dashboard
from .forms import CoverageFilterForm
from .permissions import can_see_dashboard, get_class_for_progress, require_dashboard
from .progress import class_progress as build_class_progress


def coverage(page, request, printable=False):
    form = CoverageFilterForm(request.GET or None)
    matrix = build_matrix(form.framework_code)
    template = "curriculum/coverage_print.html" if printable else "curriculum/coverage.html"
    return page.render(
        request,
        template=template,
        context_overrides={
            "filter_form": form,
            "matrix": matrix,
            "query": request.GET.urlencode(),
            "printed_at": timezone.localtime(),
            "can_see_dashboard": can_see_dashboard(request.user),
        },
    )


def coverage_csv(page, request):
    form = CoverageFilterForm(request.GET or None)
    matrix = build_matrix(form.framework_code)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"curriculum-dekking-{form.framework_code or 'alle-kaders'}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response.write("\ufeff")  # so spreadsheet programs read the accents as UTF-8
    SafeWriter(response, delimiter=";").writerows(csv_rows(matrix))
    return response


def class_progress(page, request, class_id):
    school_class = get_class_for_progress(request.user, class_id)
    progress = build_class_progress(school_class)
    return page.render(
        request,
        template="curriculum/class_progress.html",
        context_overrides={"school_class": school_class, "progress": progress},
    )


def dashboard(page, request):
    require_dashboard(request.user)
    return page.render(
        request,
        template="curriculum/dashboard.html",
        context_overrides={"dashboard": build_dashboard(request.user), "title": _("Dashboard curriculum")},
    )
