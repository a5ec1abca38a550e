"""'Schooljaar afsluiten' for one school: the dry run (GET, or POST with "Overzicht bijwerken" after ticking
who leaves a combination group) and the close (POST with the ticked box). Rules: privacy.permissions;
what happens: privacy.schoolyear and privacy.retention."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.models import SchoolClass

from . import permissions, retention, schoolyear
from .forms import SchoolYearCloseForm
from .models import SchoolYearClosure


@login_required
@require_http_methods(["GET", "POST"])
def close_school_year(request, school_id):
    school = permissions.get_school_to_close(request.user, school_id)
    choosable = [pupil for move in schoolyear.plan(school).moves if move.must_choose for pupil in move.pupils]
    form = SchoolYearCloseForm(request.POST or None, choosable=choosable)
    leaving_ids = form.leaving_ids()
    the_plan = schoolyear.plan(school, leaving_ids=leaving_ids)
    if request.method == "POST" and "preview" not in request.POST and form.is_valid():
        posted_year = form.cleaned_data["school_year"]
        if SchoolYearClosure.objects.filter(school=school, school_year=posted_year).exists():
            # A second click, or another coordinator was first.
            messages.info(
                request, _("Schooljaar %(year)s is al afgesloten. Er is niets veranderd.") % {"year": posted_year}
            )
            return redirect("privacy:close_school_year", school_id=school.pk)
        if posted_year != the_plan.school_year:
            messages.warning(request, _("Er is intussen iets veranderd. Kijk het overzicht nog een keer na."))
            return redirect("privacy:close_school_year", school_id=school.pk)
        if not form.cleaned_data["confirm"]:
            form.add_error("confirm", _("Vink eerst aan dat je het overzicht hebt nagekeken."))
        else:
            return _close(request, school, leaving_ids)
    if not form.is_bound:
        form = SchoolYearCloseForm(initial={"school_year": the_plan.school_year}, choosable=choosable)
    context = {
        "school": school,
        "plan": the_plan,
        "form": form,
        "leaving_ids": set(leaving_ids),
        "due": retention.due(school=school),
        "year_end": retention.school_year_end(the_plan.school_year) if the_plan.school_year else None,
        "today": timezone.localdate(),
        "closures": SchoolYearClosure.objects.filter(school=school),
        "new_classes": _current_classes(school, the_plan),
    }
    return render(request, "privacy/schoolyear.html", context, status=400 if form.errors else 200)


def _close(request, school, leaving_ids):
    try:
        result = schoolyear.close(school, actor=request.user, leaving_ids=leaving_ids)
    except schoolyear.AlreadyClosed as error:
        messages.info(
            request,
            _("Schooljaar %(year)s is al afgesloten. Er is niets veranderd.") % {"year": error.closure.school_year},
        )
        return redirect("privacy:close_school_year", school_id=school.pk)
    except schoolyear.NothingToClose:
        messages.info(request, _("Er is geen schooljaar om af te sluiten. Er is niets veranderd."))
        return redirect("privacy:close_school_year", school_id=school.pk)
    applied = retention.apply(school=school)
    counts = result.closure.counts
    messages.success(
        request,
        _(
            "Schooljaar %(year)s is afgesloten: %(archived)s klassen gearchiveerd, %(created)s nieuwe klassen, "
            "%(up)s leerlingen naar de volgende groep, %(leaving)s leerlingen van school."
        )
        % {
            "year": result.closure.school_year,
            "archived": counts["classes_archived"],
            "created": counts["classes_created"],
            "up": counts["pupils_moving_up"],
            "leaving": counts["pupils_leaving"],
        },
    )
    if applied.erased or applied.photo_count:
        messages.info(
            request,
            _("De bewaartermijn was voorbij: %(pupils)s leerlingen gewist en %(photos)s foto's verwijderd.")
            % {"pupils": len(applied.erased), "photos": applied.photo_count},
        )
    return redirect("privacy:close_school_year", school_id=school.pk)


def _current_classes(school, the_plan):
    """After a close: the school's classes of the new year, to show the result."""
    if the_plan.school_year is not None:
        return SchoolClass.objects.none()
    return SchoolClass.objects.active().filter(school=school).order_by("groep", "name", "pk")
