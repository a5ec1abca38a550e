"""Moderation pages: the teacher's queue, actions on posts and comments (from the queue and from the
feed), the class's moderation settings with per-pupil rules and its word list, the school's word list,
the audit log, and the pupil's side: report, revise and resubmit, take back a comment."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.choices import Role
from accounts.models import SchoolClass
from accounts.permissions import get_pupil_in_class, require_role

from . import events, live, moderation, queue, services, wordcheck
from .choices import REJECT_REASON_EXPLAINED, ModerationAction, PostStatus, RejectReason
from .forms import (
    CommentForm,
    ModerationSettingsForm,
    MuteForm,
    PostForm,
    RejectForm,
    ReportForm,
    ReviewOverrideForm,
    WordEntryForm,
)
from .models import FeedSettings, ModerationLog, PupilModeration, Report, WordList
from .permissions import (
    can_edit_word_list,
    can_interact,
    can_see_audit,
    get_class_to_moderate,
    get_comment,
    get_comment_to_moderate,
    get_own_post,
    get_post,
    get_post_to_moderate,
)
from .responses import done

ITEM_ACTIONS = {
    "goedkeuren": ModerationAction.APPROVE,
    "afkeuren": ModerationAction.REJECT,
    "verbergen": ModerationAction.HIDE,
    "tonen": ModerationAction.UNHIDE,
    "verwijderen": ModerationAction.DELETE,
}
POST_FLAGS = {
    "sluiten": ("locked", True),
    "openen": ("locked", False),
    "vastzetten": ("pinned", True),
    "losmaken": ("pinned", False),
}
DONE_MESSAGES = {
    ModerationAction.APPROVE: gettext_lazy("Goedgekeurd: de klas ziet het nu."),
    ModerationAction.REJECT: gettext_lazy(
        "Afgekeurd: de leerling ziet de reden en jouw uitleg, en kan het verbeteren."
    ),
    ModerationAction.HIDE: gettext_lazy("Verborgen voor de leerlingen."),
    ModerationAction.UNHIDE: gettext_lazy("Weer zichtbaar voor de klas."),
    ModerationAction.DELETE: gettext_lazy("Verwijderd uit de feed. Jij en je collega's kunnen het nog terugzien."),
    ModerationAction.LOCK: gettext_lazy("Het gesprek is gesloten: er kunnen geen reacties meer bij."),
    ModerationAction.UNLOCK: gettext_lazy("Het gesprek is weer open."),
    ModerationAction.PIN: gettext_lazy("Vastgezet bovenaan de feed."),
    ModerationAction.UNPIN: gettext_lazy("Losgemaakt."),
    ModerationAction.DISMISS_REPORT: gettext_lazy("Bekeken: het mag blijven staan. Wie het meldde, hoort dat."),
}


def _safe_next(request):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return ""


def _back(request, fallback):
    return done(request, _safe_next(request) or fallback)


def _feed_anchor(post):
    from .views import feed_url

    return feed_url(post, f"bericht-{post.pk}")


def _act(request, item, action):
    """Run one moderation action and tell the teacher what happened, in Dutch."""
    try:
        if action == ModerationAction.REJECT:
            form = RejectForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Kies een reden uit de klassenregels."))
                return False
            moderation.apply(
                item, request.user, action, reason=form.cleaned_data["reason"], feedback=form.cleaned_data["feedback"]
            )
        elif action == ModerationAction.DISMISS_REPORT:
            moderation.dismiss_reports(item, request.user)
        else:
            moderation.apply(item, request.user, action)
    except moderation.AlreadyHandled as error:
        messages.warning(request, str(error))
        return False
    messages.success(request, DONE_MESSAGES[action])
    return True


def _ask_before_delete(request, item, kind):
    """No single tap deletes, also without JavaScript: a "Verwijderen" without `confirmed=1` (confirm.js adds it
    once the teacher said yes to its question) answers with a page that asks first, and nothing changes.
    An item that is gone already goes on to the action, which says so."""
    if request.POST.get("confirmed") == "1" or item.status in (PostStatus.DELETED, PostStatus.DRAFT):
        return None
    post = item if kind == "post" else item.post
    if post.school_class.archived_at is not None:
        raise moderation.ClassArchived
    next_url = _safe_next(request)
    return render(
        request,
        "sandbox_feed/confirm_moderate_delete.html",
        {
            "school_class": post.school_class,
            "item": item,
            "kind": kind,
            "author_name": post.shown_name if kind == "post" else item.author.display_name,
            "action_url": reverse(f"sandbox_feed:moderate_{kind}", args=[item.pk, "verwijderen"]),
            "next": next_url,
            "back_url": next_url or _feed_anchor(post),
        },
    )


@login_required
@require_POST
def moderate_post(request, pk, action):
    post = get_post_to_moderate(request.user, pk)
    if action == "verwijderen" and (question := _ask_before_delete(request, post, "post")):
        return question
    if action in POST_FLAGS:
        field, value = POST_FLAGS[action]
        try:
            moderation.set_post_flag(post, request.user, field, value)
            messages.success(request, DONE_MESSAGES[moderation.FLAG_ACTIONS[(field, value)]])
        except moderation.AlreadyHandled as error:
            messages.warning(request, str(error))
    elif action == "gezien":
        _act(request, post, ModerationAction.DISMISS_REPORT)
    elif action in ITEM_ACTIONS:
        _act(request, post, ITEM_ACTIONS[action])
    else:
        raise Http404
    return _back(request, _feed_anchor(post))


@login_required
@require_POST
def moderate_comment(request, pk, action):
    comment = get_comment_to_moderate(request.user, pk)
    if action == "verwijderen" and (question := _ask_before_delete(request, comment, "comment")):
        return question
    if action == "gezien":
        _act(request, comment, ModerationAction.DISMISS_REPORT)
    elif action in ITEM_ACTIONS:
        _act(request, comment, ITEM_ACTIONS[action])
    else:
        raise Http404
    return _back(request, _feed_anchor(comment.post))


@login_required
@require_GET
def review_queue(request):
    require_role(request.user, Role.TEACHER, Role.COORDINATOR, Role.ADMINISTRATOR)
    class_ids = list(SchoolClass.objects.for_teacher(request.user).values_list("pk", flat=True))
    # The numbers before the queue itself, as on the feed page: what comes later is numbered above them.
    live_seqs = events.current_seqs(class_ids)
    posts, comments, records = queue.items_for(request.user)
    for item in posts + comments:
        item.record = records.get(item.author_id)
    return render(
        request,
        "sandbox_feed/queue.html",
        {
            "posts": posts,
            "comments": comments,
            "reasons": RejectReason.choices,
            "limit": queue.QUEUE_LIMIT,
            "live_seqs": ",".join(f"{class_id}:{seq}" for class_id, seq in live_seqs.items()),
            "poll_seconds": live.POLL_SECONDS,
        },
    )


@login_required
@require_GET
def audit_log(request, class_id):
    school_class = get_object_or_404(SchoolClass.objects.select_related("school"), pk=class_id)
    if not can_see_audit(request.user, school_class):
        raise Http404
    entries = (
        ModerationLog.objects.filter(school_class=school_class)
        .select_related("actor", "pupil", "post__author", "comment")
        .order_by("-created_at", "-id")[:300]
    )
    return render(request, "sandbox_feed/audit.html", {"school_class": school_class, "entries": entries})


@login_required
@require_POST
def park(request, class_id):
    """The one lesson-mode switch on the feed page: phones in the parking spot, or back out."""
    school_class = get_class_to_moderate(request.user, class_id)
    paused = request.POST.get("paused") == "1"
    moderation.update_settings(school_class, request.user, paused=paused)
    if paused:
        messages.success(request, _("De telefoons staan in de parkeerstand: niemand kan nu plaatsen."))
    else:
        messages.success(request, _("De feed is weer open."))
    return _back(request, f"/feed/{school_class.pk}/")


@login_required
@require_http_methods(["GET", "POST"])
def moderation_settings(request, class_id):
    """One page per class: mode, lesson mode and schedule, per-pupil rules, the class's word list."""
    school_class = get_class_to_moderate(request.user, class_id)
    feed_settings = FeedSettings.for_class(school_class)
    form = ModerationSettingsForm(request.POST or None, instance=FeedSettings.for_class(school_class))
    if request.method == "POST" and form.is_valid():
        moderation.update_settings(
            school_class, request.user, **{name: form.cleaned_data[name] for name in form.Meta.fields}
        )
        messages.success(request, _("De instellingen zijn opgeslagen."))
        return redirect("sandbox_feed:moderation_settings", class_id=school_class.pk)
    standings = {s.pupil_id: s for s in PupilModeration.objects.filter(school_class=school_class)}
    pupils = list(school_class.ordered_pupils())
    for pupil in pupils:
        pupil.standing = standings.get(pupil.pk)
    word_list, _created = WordList.objects.get_or_create(school_class=school_class)
    return render(
        request,
        "sandbox_feed/moderation_settings.html",
        {
            "school_class": school_class,
            "form": form,
            "feed_settings": feed_settings,
            "pupils": pupils,
            "mute_form": MuteForm(),
            "override_form": ReviewOverrideForm(),
            "word_list": word_list,
            "entries": word_list.entries.all(),
            "word_form": WordEntryForm(),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def pupil_rule(request, class_id, pupil_id, what):
    school_class = get_class_to_moderate(request.user, class_id)
    pupil = get_pupil_in_class(school_class, pupil_id)
    if what == "pauzeren":
        form = MuteForm(request.POST)
        if form.is_valid():
            moderation.mute(
                school_class, pupil, request.user, form.cleaned_data["minutes"], form.cleaned_data["reason"]
            )
            messages.success(request, _("%(name)s is gepauzeerd.") % {"name": pupil.display_name})
        else:
            messages.error(request, _("Kies hoe lang."))
    elif what == "pauze-opheffen":
        try:
            moderation.unmute(school_class, pupil, request.user)
            messages.success(request, _("%(name)s kan weer meedoen.") % {"name": pupil.display_name})
        except moderation.AlreadyHandled as error:
            messages.warning(request, str(error))
    elif what == "nakijken":
        form = ReviewOverrideForm(request.POST)
        if form.is_valid():
            moderation.set_review_override(school_class, pupil, request.user, form.cleaned_data["review"])
            messages.success(request, _("Opgeslagen voor %(name)s.") % {"name": pupil.display_name})
    else:
        raise Http404
    return redirect("sandbox_feed:moderation_settings", class_id=school_class.pk)


def _word_list_for(user, list_id):
    word_list = get_object_or_404(WordList.objects.select_related("school", "school_class"), pk=list_id)
    if not can_edit_word_list(user, word_list):
        raise Http404
    return word_list


@login_required
@require_POST
def word_entry(request, list_id, what):
    word_list = _word_list_for(request.user, list_id)
    if what == "toevoegen":
        form = WordEntryForm(request.POST)
        if form.is_valid():
            wordcheck.add_entry(
                word_list, form.cleaned_data["pattern"], form.cleaned_data["rule"], form.cleaned_data["note"]
            )
            messages.success(request, _("Het woord staat op de lijst."))
        else:
            messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
    elif what == "weghalen":
        if wordcheck.remove_entry(word_list, request.POST.get("entry")):
            messages.success(request, _("Het woord is van de lijst gehaald."))
    elif what == "startlijst":
        added = wordcheck.load_starter_list(word_list)
        messages.success(
            request,
            ngettext(
                "%(count)s woord uit de startlijst toegevoegd.",
                "%(count)s woorden uit de startlijst toegevoegd.",
                added,
            )
            % {"count": added},
        )
    else:
        raise Http404
    moderation.log_word_list(word_list, request.user, what)
    return _back(request, "/")


@login_required
@require_GET
def school_word_list(request):
    """The coordinator's list for the whole school."""
    user = request.user
    if not user.is_authenticated or not user.is_coordinator or user.school_id is None:
        raise PermissionDenied
    word_list, _created = WordList.objects.get_or_create(school_id=user.school_id)
    return render(
        request,
        "sandbox_feed/word_list.html",
        {"word_list": word_list, "entries": word_list.entries.all(), "word_form": WordEntryForm()},
    )


# The pupil's side ------------------------------------------------------------------------------------------


@login_required
@require_POST
def report_post(request, pk):
    post = get_post(request.user, pk)
    return _report(request, post, post)


@login_required
@require_POST
def report_comment(request, pk):
    comment = get_comment(request.user, pk)
    return _report(request, comment, comment.post)


def _report(request, item, post):
    if not request.user.is_pupil or item.author_id == request.user.pk:
        raise Http404
    form = ReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies wat er aan de hand is."))
    else:
        moderation.report(item, request.user, form.cleaned_data["reason"])
        messages.success(
            request, _("Dank je wel! Je leerkracht kijkt ernaar. Je hoort hier wat er met je melding gebeurt.")
        )
    return done(request, _feed_anchor(post))


@login_required
@require_http_methods(["GET", "POST"])
def resubmit_post(request, pk):
    """A rejected post, revised: a new post that links to the rejected one, so the teacher sees the change."""
    original = get_own_post(request.user, pk, statuses=[PostStatus.REJECTED])
    school_class = original.school_class
    form = PostForm(request.POST or None, request.FILES or None, school_class=school_class, author=request.user)
    if request.method == "GET":
        form.initial_from(original)
    if request.method == "POST" and form.is_valid():
        try:
            post = services.create_post(
                school_class=school_class,
                author=request.user,
                raw_text=form.cleaned_data["text"],
                fields=form.model_fields(),
                photo_files=form.photo_files,
                tagged_pupils=form.cleaned_data.get("tagged") or [],
                send_to_teacher=form.cleaned_data.get("send_to_teacher", False),
                resubmission_of=original,
                submission_key=form.cleaned_data.get("submission_key"),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Je verbeterde bericht is naar je leerkracht gestuurd."))
            return redirect(_feed_anchor(post))
    return render(
        request,
        "sandbox_feed/resubmit.html",
        {
            "original": original,
            "form": form,
            "school_class": school_class,
            "explained": REJECT_REASON_EXPLAINED.get(original.reject_reason, ""),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def resubmit_comment(request, pk):
    original = get_comment(request.user, pk)
    if original.author_id != request.user.pk or original.status != PostStatus.REJECTED:
        raise Http404
    form = CommentForm(request.POST or None, initial={"text": original.plain_text})
    if request.method == "POST" and form.is_valid():
        if not can_interact(request.user, original.post):
            raise Http404
        try:
            services.add_comment(
                original.post,
                request.user,
                form.cleaned_data["text"],
                send_to_teacher=form.cleaned_data["send_to_teacher"],
                resubmission_of=original,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Je verbeterde reactie is naar je leerkracht gestuurd."))
            return redirect(_feed_anchor(original.post))
    return render(
        request,
        "sandbox_feed/resubmit_comment.html",
        {
            "original": original,
            "form": form,
            "school_class": original.post.school_class,
            "explained": REJECT_REASON_EXPLAINED.get(original.reject_reason, ""),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def delete_comment(request, pk):
    """The author takes back a comment: GET asks first, POST deletes (no single tap deletes)."""
    comment = get_comment(request.user, pk)
    if comment.author_id != request.user.pk or comment.status == PostStatus.DELETED:
        raise Http404
    if request.method == "GET":
        return render(
            request,
            "sandbox_feed/confirm_delete.html",
            {
                "school_class": comment.post.school_class,
                "item": comment,
                "what": "comment",
                "action_url": reverse("sandbox_feed:delete_comment", args=[comment.pk]),
                "back_url": _feed_anchor(comment.post),
            },
        )
    services.delete_comment(comment, request.user)
    messages.success(request, _("Je reactie is weg uit de feed. Je leerkracht kan hem nog zien."))
    return done(request, _feed_anchor(comment.post))


def my_reports(user, school_class):
    """A pupil's recent reports in this class with what became of them (for the feed page)."""
    if not user.is_authenticated or not user.is_pupil:
        return []
    # Only the report's own fields are shown: what was reported is not (it may be gone).
    rows = list(Report.objects.filter(reporter_id=user.pk, school_class_id=school_class.pk).order_by("-id")[:5])
    for row in rows:
        row.outcome_text = moderation.report_outcome_text(row)
    return rows
