"""Class feed pages: the feed with its composer, post actions, the footprint, consent and personas."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.choices import Role
from accounts.permissions import require_role

from . import consent, events, live, moderation, queue, services, views_moderation, wordcheck
from .choices import PostKind, PostStatus, RejectReason, ReportReason
from .citation import check_citation
from .forms import (
    CitationReviewForm,
    CommentForm,
    ConsentForm,
    EditPostForm,
    FeedSettingsForm,
    PersonaForm,
    PostForm,
    ReactionForm,
    ReleasePhotoForm,
    TeacherPostForm,
)
from .models import ConsentDecision, FeedSettings, Persona, Post, PostView
from .permissions import (
    EDITABLE,
    can_interact,
    get_class_to_moderate,
    get_feed_class,
    get_own_post,
    get_post,
    get_post_for_photo,
    get_post_to_moderate,
    get_post_with_history,
    is_feed_teacher,
)
from .responses import done


def feed_url(post_or_class_id, anchor=None):
    class_id = post_or_class_id if isinstance(post_or_class_id, int) else post_or_class_id.school_class_id
    url = reverse("sandbox_feed:feed", args=[class_id])
    return f"{url}#{anchor}" if anchor else url


def _composer(request, school_class, teacher, data=None, files=None):
    form_class = TeacherPostForm if teacher else PostForm
    return form_class(data, files, school_class=school_class, author=request.user)


def _render_feed(request, school_class, form=None, checklist=None, status=200, comment_error=None):
    # The number first: whatever happens after it is numbered above it, and the page's websocket or
    # polling asks for exactly that.
    live_seq = events.current_seq(school_class.pk)
    teacher = is_feed_teacher(request.user, school_class)
    before = request.GET.get("voor")
    try:
        before = int(before) if before else None
    except ValueError:
        before = None
    pinned, posts, next_cursor = services.feed_page(request.user, school_class, before, teacher=teacher)
    services.decorate(request.user, pinned + posts, teacher)
    services.record_views(request.user, pinned + posts)
    feed_settings = FeedSettings.for_class(school_class)
    context = {
        "school_class": school_class,
        "is_teacher": teacher,
        "pinned": pinned,
        "posts": posts,
        "next_cursor": next_cursor,
        "form": form or _composer(request, school_class, teacher),
        "checklist": checklist,
        "comment_form": CommentForm(),
        "comment_error": comment_error,
        "feed_settings": feed_settings,
        "closed_message": moderation.closed_message(feed_settings),
        "reject_reasons": RejectReason.choices,
        "report_reasons": ReportReason.choices,
        "live_seqs": f"{school_class.pk}:{live_seq}",
        "poll_seconds": live.POLL_SECONDS,
    }
    if not teacher:
        standing = moderation.pupil_settings(school_class, request.user)
        context["muted_until"] = standing.muted_until if standing and standing.is_muted else None
        context["my_reports"] = views_moderation.my_reports(request.user, school_class)
    else:
        context["queue_here"] = queue.count_in([school_class])
    return render(request, "sandbox_feed/feed.html", context, status=status)


@login_required
@require_GET
def feed(request, class_id):
    school_class = get_feed_class(request.user, class_id)
    return _render_feed(request, school_class)


@login_required
@require_POST
def post_create(request, class_id):
    school_class = get_feed_class(request.user, class_id)
    teacher = is_feed_teacher(request.user, school_class)
    form = _composer(request, school_class, teacher, request.POST, request.FILES)
    if not form.is_valid():
        return _render_feed(request, school_class, form=form, status=400)
    if request.POST.get("action") == "check":
        checklist = check_citation(form.cleaned_data["text"], form.source_info())
        if form.photo_files:
            messages.info(request, _("Je foto is nog niet geplaatst: kies hem opnieuw als je klaar bent."))
        return _render_feed(request, school_class, form=form, checklist=checklist)
    draft = not teacher and FeedSettings.for_class(school_class).preview_before_post
    try:
        post = services.create_post(
            school_class=school_class,
            author=request.user,
            raw_text=form.cleaned_data["text"],
            fields=form.model_fields(),
            photo_files=form.photo_files,
            tagged_pupils=form.cleaned_data.get("tagged") or [],
            draft=draft,
            send_to_teacher=form.cleaned_data.get("send_to_teacher", False),
            submission_key=form.cleaned_data.get("submission_key"),
        )
    except ValidationError as error:
        form.add_error(None, error)
        form.words_blocked = isinstance(error, wordcheck.WordsBlocked)
        if form.photo_files:
            messages.info(request, _("Je foto is nog niet geplaatst: kies hem opnieuw als je klaar bent."))
        return _render_feed(request, school_class, form=form, status=400 if form.words_blocked else 429)
    # A repeated submission gets the post the first one made, wherever that post is now.
    if post.status == PostStatus.DRAFT:
        return redirect("sandbox_feed:preview", pk=post.pk)
    _announce_result(request, post)
    return redirect(feed_url(post, f"bericht-{post.pk}"))


def _announce_result(request, post):
    if post.status == PostStatus.PENDING and post.status_reason == _("De foto wacht op de leerkracht."):
        messages.info(
            request,
            _("Je bericht wacht op de leerkracht, omdat er mensen op de foto staan zonder toestemming voor de klas."),
        )
    elif post.status == PostStatus.PENDING:
        messages.info(request, _("Je bericht wacht op de juf of meester.") + " " + post.status_reason)
    else:
        messages.success(request, _("Je bericht staat in de feed."))


def _get_draft(user, pk):
    post = get_own_post(user, pk)
    if post.status != PostStatus.DRAFT:
        raise Http404
    return post


@login_required
@require_GET
def preview(request, pk):
    """'Think before you post': the draft as classmates will see it, with who can see it and what stays."""
    post = _get_draft(request.user, pk)
    post.show_photo = bool(post.photo)
    return render(
        request,
        "sandbox_feed/preview.html",
        {"post": post, "school_class": post.school_class, "checklist": post.citation_points},
    )


@login_required
@require_POST
def publish(request, pk):
    post = get_own_post(request.user, pk)
    if post.published_at is not None:  # pressed twice, or the page was resent: it is online already
        return redirect(feed_url(post, f"bericht-{post.pk}"))
    post = _get_draft(request.user, pk)
    try:
        services.publish(post)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("sandbox_feed:preview", pk=post.pk)
    _announce_result(request, post)
    return redirect(feed_url(post, f"bericht-{post.pk}"))


@login_required
@require_http_methods(["GET", "POST"])
def post_edit(request, pk):
    post = get_own_post(request.user, pk, statuses=EDITABLE)
    form = EditPostForm(request.POST or None, initial={"text": post.plain_text})
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_post(post, form.cleaned_data["text"], request.user, form.cleaned_data["send_to_teacher"])
        except ValidationError as error:
            form.add_error(None, error)
            form.words_blocked = isinstance(error, wordcheck.WordsBlocked)
        else:
            if post.status == PostStatus.DRAFT:
                return redirect("sandbox_feed:preview", pk=post.pk)
            if post.status == PostStatus.PENDING:
                messages.info(request, _("Je aangepaste bericht wacht op de juf of meester."))
            else:
                messages.success(request, _("Je bericht is aangepast. De oude versie blijft bewaard."))
            return redirect(feed_url(post, f"bericht-{post.pk}"))
    return render(
        request, "sandbox_feed/post_edit.html", {"post": post, "form": form}, status=400 if form.errors else 200
    )


@login_required
@require_POST
def post_delete(request, pk):
    post = get_own_post(request.user, pk)
    services.delete_post(post, by=request.user)
    messages.success(
        request, _("Je bericht is weg uit de feed. Wie het al zag, heeft het gezien: kijk op je voetafdruk.")
    )
    return done(request, feed_url(post))


@login_required
@require_POST
def comment_create(request, pk):
    post = get_post(request.user, pk)
    form = CommentForm(request.POST)
    if not can_interact(request.user, post):
        raise Http404
    if not form.is_valid():
        error = {"post_id": post.pk, "messages": form.errors.get("text", []), "text": request.POST.get("text", "")}
        return _render_feed(request, post.school_class, comment_error=error, status=400)
    try:
        comment = services.add_comment(
            post, request.user, form.cleaned_data["text"], send_to_teacher=form.cleaned_data["send_to_teacher"]
        )
    except ValidationError as refusal:
        # Keep what the pupil typed in the field, with the reason next to it.
        error = {
            "post_id": post.pk,
            "messages": refusal.messages,
            "text": form.cleaned_data["text"],
            "blocked": isinstance(refusal, wordcheck.WordsBlocked),
        }
        return _render_feed(request, post.school_class, comment_error=error, status=400)
    if comment.status == PostStatus.PENDING:
        messages.info(request, _("Je reactie wacht op de juf of meester."))
    return done(request, feed_url(post, f"bericht-{post.pk}"))


@login_required
@require_POST
def reaction_toggle(request, pk):
    post = get_post(request.user, pk)
    form = ReactionForm(request.POST)
    if not can_interact(request.user, post) or not form.is_valid():
        raise Http404
    active = form.cleaned_data["active"]
    try:
        if active is None:
            services.toggle_reaction(post, request.user, form.cleaned_data["kind"])
        else:
            services.set_reaction(post, request.user, form.cleaned_data["kind"], active)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    return done(request, feed_url(post, f"bericht-{post.pk}"))


def _serve(request, pk, field):
    post = get_post_for_photo(request.user, pk)
    response = FileResponse(getattr(post, field).open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=300"
    return response


@login_required
@require_GET
def photo(request, pk):
    return _serve(request, pk, "photo")


@login_required
@require_GET
def thumbnail(request, pk):
    return _serve(request, pk, "thumbnail")


@login_required
@require_GET
def versions(request, pk):
    post = get_post_with_history(request.user, pk)
    post_versions = list(post.versions.select_related("edited_by"))
    views = list(PostView.objects.filter(post=post))
    rows = services.footprint_rows(post_versions, views, post.deleted_at)
    return render(request, "sandbox_feed/versions.html", {"post": post, "rows": rows, "view_count": len(views)})


@login_required
@require_GET
def footprint(request, class_id):
    """'Mijn digitale voetafdruk': every post, every version, deleted ones too, and who saw them."""
    school_class = get_feed_class(request.user, class_id)
    require_role(request.user, Role.PUPIL)
    posts = list(
        Post.objects.filter(school_class=school_class, author=request.user)
        .exclude(status=PostStatus.DRAFT)
        .prefetch_related("views", "versions")
        .order_by("-id")
    )
    entries = [
        (post, services.footprint_rows(list(post.versions.all()), list(post.views.all()), post.deleted_at))
        for post in posts
    ]
    return render(request, "sandbox_feed/footprint.html", {"school_class": school_class, "entries": entries})


@login_required
@require_POST
def release(request, pk):
    """Release a held photo (and its post): only after the teacher confirms having looked, never over a
    parent's recorded no."""
    post = get_post_to_moderate(request.user, pk)
    try:
        moderation.release_photo(post, request.user, confirmed=ReleasePhotoForm(request.POST).is_valid())
    except ValidationError as error:
        messages.error(request, error.messages[0])
    except moderation.AlreadyHandled as error:
        messages.warning(request, str(error))
    else:
        messages.success(request, _("Het bericht en de foto zijn nu zichtbaar voor de klas."))
    return done(request, feed_url(post, f"bericht-{post.pk}"))


@login_required
@require_POST
def review_citation(request, pk):
    post = get_post_to_moderate(request.user, pk)
    form = CitationReviewForm(request.POST)
    if form.is_valid():
        services.review_citation(post, form.cleaned_data["citation_verdict"], form.cleaned_data["citation_comment"])
        messages.success(request, _("Je oordeel over de bronvermelding is opgeslagen."))
    else:
        messages.error(request, _("Kies goed of nog niet goed."))
    return done(request, feed_url(post, f"bericht-{post.pk}"))


@login_required
@require_POST
def reveal(request, pk):
    post = get_post_to_moderate(request.user, pk)
    if post.kind != PostKind.SCENARIO:
        raise Http404
    services.reveal(post)
    messages.success(request, _("De klas ziet nu dat dit een oefenbericht was."))
    return done(request, feed_url(post, f"bericht-{post.pk}"))


@login_required
@require_http_methods(["GET", "POST"])
def consent_overview(request, class_id):
    school_class = get_class_to_moderate(request.user, class_id)
    form = ConsentForm(request.POST or None, school_class=school_class)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        consent.record_decision(
            pupil=data["pupil"],
            purpose=data["purpose"],
            decision=data["decision"],
            decided_by=data["decided_by"],
            method=data["method"],
            recorded_by=request.user,
            decided_at=data.get("decided_at"),
        )
        messages.success(request, _("Het besluit is vastgelegd."))
        return redirect("sandbox_feed:consent", class_id=school_class.pk)
    pupils = school_class.ordered_pupils()
    history = (
        ConsentDecision.objects.filter(pupil__in=pupils).select_related("pupil", "recorded_by").order_by("-decided_at")
    )
    return render(
        request,
        "sandbox_feed/consent.html",
        {
            "school_class": school_class,
            "form": form,
            "rows": consent.overview(pupils),
            "history": history[:100],
            "purposes": ConsentDecision._meta.get_field("purpose").choices,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def personas(request, class_id):
    school_class = get_class_to_moderate(request.user, class_id)
    form = PersonaForm(request.POST or None)
    settings_form = FeedSettingsForm(
        initial={
            "posts_per_minute": FeedSettings.for_class(school_class).posts_per_minute,
            "preview_before_post": FeedSettings.for_class(school_class).preview_before_post,
        }
    )
    if request.method == "POST" and form.is_valid():
        persona = form.save(commit=False)
        persona.school_class = school_class
        persona.created_by = request.user
        if Persona.objects.filter(school_class=school_class, name=persona.name).exists():
            form.add_error("name", _("Er is al een oefenaccount met deze naam."))
        else:
            persona.save()
            messages.success(request, _("Oefenaccount %(name)s is gemaakt.") % {"name": persona.name})
            return redirect("sandbox_feed:personas", class_id=school_class.pk)
    return render(
        request,
        "sandbox_feed/personas.html",
        {
            "school_class": school_class,
            "form": form,
            "settings_form": settings_form,
            "personas": Persona.objects.filter(school_class=school_class),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def feed_settings(request, class_id):
    school_class = get_class_to_moderate(request.user, class_id)
    form = FeedSettingsForm(request.POST)
    if form.is_valid():
        FeedSettings.objects.update_or_create(school_class=school_class, defaults=form.cleaned_data)
        messages.success(request, _("De instellingen van de feed zijn opgeslagen."))
    else:
        messages.error(request, _("Kies een aantal berichten per minuut tussen 1 en 60."))
    return redirect("sandbox_feed:personas", class_id=school_class.pk)
