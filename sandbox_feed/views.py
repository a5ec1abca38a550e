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

from . import consent, feed_class, live, moderation, post_cards, services, views_moderation, wordcheck
from .choices import PostKind, PostStatus, RejectReason, ReportReason
from .citation import check_citation
from .forms import (
    CitationReviewForm,
    CommentEditForm,
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
from .models import CommentVersion, ConsentDecision, FeedSettings, Persona, Post, PostView
from .permissions import (
    EDITABLE,
    can_interact,
    get_class_to_moderate,
    get_comment,
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
    if not hasattr(school_class, "header_context"):  # a form's answer: the class as the feed page reads it
        school_class = feed_class.load(request.user, school_class.pk)
    # The class's event number was read first (in feed_class.load): whatever happens after it is numbered
    # above it, and the page's websocket or polling asks for exactly that.
    teacher = school_class.viewer_is_teacher
    before = request.GET.get("voor")
    try:
        before = int(before) if before else None
    except ValueError:
        before = None
    pinned, posts, next_cursor = services.feed_page(request.user, school_class, before, teacher=teacher)
    services.decorate(request.user, pinned + posts, teacher)
    services.record_views(request.user, pinned + posts)
    card_context = {
        "is_teacher": teacher,
        "comment_error": comment_error,
        "reject_reasons": RejectReason.choices,
        "report_reasons": ReportReason.choices,
        "live_seq": school_class.live_seq,
    }
    post_cards.render(request, pinned + posts, card_context)
    feed_settings = school_class.page_feed_settings
    context = {
        **school_class.header_context,
        "school_class": school_class,
        "is_teacher": teacher,
        "pinned": pinned,
        "posts": posts,
        "next_cursor": next_cursor,
        "form": form or _composer(request, school_class, teacher),
        "checklist": checklist,
        "feed_settings": feed_settings,
        "closed_message": moderation.closed_message(feed_settings),
        "live_seqs": f"{school_class.pk}:{school_class.live_seq}",
        "poll_seconds": live.POLL_SECONDS,
    }
    if not teacher:
        context["muted_until"] = school_class.viewer_muted_until
        context["my_reports"] = views_moderation.my_reports(request.user, school_class)
    else:
        context["queue_here"] = school_class.queue_here
    return render(request, "sandbox_feed/feed.html", context, status=status)


@login_required
@require_GET
def feed(request, class_id):
    return _render_feed(request, feed_class.load(request.user, class_id))


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
    """The composer's fields, filled in: text, source, photo and tags. Every save is a new version."""
    post = get_own_post(request.user, pk, statuses=EDITABLE)
    data = request.POST if request.method == "POST" else None
    form = EditPostForm(data, request.FILES if data is not None else None, post=post)
    if request.method == "POST" and form.is_valid():
        was_judged = post.citation_verdict
        try:
            services.edit_post(
                post,
                form.cleaned_data["text"],
                request.user,
                form.cleaned_data["send_to_teacher"],
                fields=form.model_fields(),
                photo=form.photo_change(),
                tagged_pupils=form.cleaned_data.get("tagged") or [],
            )
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
            if was_judged and not post.citation_verdict:
                messages.info(request, _("Je leerkracht kijkt je bronvermelding opnieuw na."))
            return redirect(feed_url(post, f"bericht-{post.pk}"))
    if form.errors and form.photo_files:
        messages.info(request, _("Je nieuwe foto is nog niet opgeslagen: kies hem opnieuw als je klaar bent."))
    return render(
        request,
        "sandbox_feed/post_edit.html",
        {"post": post, "form": form, "school_class": post.school_class},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def post_delete(request, pk):
    """Asks first (GET), deletes on the answer (POST): no single tap deletes. A draft is discarded instead."""
    post = get_own_post(request.user, pk)
    if post.status == PostStatus.DRAFT:
        return redirect("sandbox_feed:post_discard", pk=post.pk)
    if request.method == "GET":
        return render(
            request,
            "sandbox_feed/confirm_delete.html",
            {
                "school_class": post.school_class,
                "item": post,
                "what": "post",
                "action_url": reverse("sandbox_feed:post_delete", args=[post.pk]),
                "back_url": feed_url(post, f"bericht-{post.pk}"),
            },
        )
    services.delete_post(post, by=request.user)
    messages.success(
        request, _("Je bericht is weg uit de feed. Wie het al zag, heeft het gezien: kijk op je voetafdruk.")
    )
    return done(request, feed_url(post))


@login_required
@require_http_methods(["GET", "POST"])
def post_discard(request, pk):
    """'Toch niet plaatsen': a draft nobody saw is thrown away for real. GET asks, POST discards."""
    post = get_own_post(request.user, pk)
    if post.status != PostStatus.DRAFT:
        if request.method == "POST" and post.published_at is not None:
            # Placed meanwhile (a second tab): deleting it is the normal, confirmed way.
            return redirect("sandbox_feed:post_delete", pk=post.pk)
        raise Http404
    if request.method == "GET":
        return render(
            request,
            "sandbox_feed/confirm_discard.html",
            {
                "school_class": post.school_class,
                "action_url": reverse("sandbox_feed:post_discard", args=[post.pk]),
                "back_url": reverse("sandbox_feed:preview", args=[post.pk]),
            },
        )
    services.discard_draft(post)
    messages.success(request, _("Je bericht is niet geplaatst. Niemand heeft het gezien."))
    return redirect(feed_url(post))


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
    draft = services.comment_needs_thinking(post, request.user)
    try:
        comment = services.add_comment(
            post,
            request.user,
            form.cleaned_data["text"],
            send_to_teacher=form.cleaned_data["send_to_teacher"],
            draft=draft,
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
    if comment.status == PostStatus.DRAFT:
        return done(request, reverse("sandbox_feed:comment_preview", args=[comment.pk]))
    if comment.status == PostStatus.PENDING:
        messages.info(request, _("Je reactie wacht op de juf of meester."))
    return done(request, feed_url(post, f"bericht-{post.pk}"))


def _get_own_comment(user, pk, draft=None):
    """A comment the user wrote, not deleted, in a class they are in and that is not archived."""
    comment = get_comment(user, pk)
    if comment.author_id != user.pk or comment.status == PostStatus.DELETED:
        raise Http404
    if comment.post.school_class.archived_at is not None:
        raise Http404
    if draft is not None and (comment.status == PostStatus.DRAFT) != draft:
        raise Http404
    return comment


@login_required
@require_GET
def comment_preview(request, pk):
    """'Eerst nadenken' for a comment: the draft as the class will see it, with the same three questions."""
    comment = _get_own_comment(request.user, pk, draft=True)
    return render(
        request,
        "sandbox_feed/comment_preview.html",
        {"comment": comment, "post": comment.post, "school_class": comment.post.school_class},
    )


@login_required
@require_POST
def comment_publish(request, pk):
    comment = _get_own_comment(request.user, pk)
    post = comment.post
    if comment.status != PostStatus.DRAFT:  # pressed twice: it is placed already
        return redirect(feed_url(post, f"bericht-{post.pk}"))
    try:
        services.publish_comment(comment)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("sandbox_feed:comment_preview", pk=comment.pk)
    if comment.status == PostStatus.PENDING:
        messages.info(request, _("Je reactie wacht op de juf of meester."))
    else:
        messages.success(request, _("Je reactie staat in de feed."))
    return redirect(feed_url(post, f"bericht-{post.pk}"))


@login_required
@require_http_methods(["GET", "POST"])
def comment_discard(request, pk):
    """'Toch niet plaatsen' for a comment draft: GET asks, POST throws it away for real."""
    comment = _get_own_comment(request.user, pk, draft=True)
    post = comment.post
    if request.method == "GET":
        return render(
            request,
            "sandbox_feed/confirm_discard.html",
            {
                "school_class": post.school_class,
                "comment": comment,
                "action_url": reverse("sandbox_feed:comment_discard", args=[comment.pk]),
                "back_url": reverse("sandbox_feed:comment_preview", args=[comment.pk]),
            },
        )
    services.discard_comment_draft(comment)
    messages.success(request, _("Je reactie is niet geplaatst. Niemand heeft hem gezien."))
    return redirect(feed_url(post, f"bericht-{post.pk}"))


@login_required
@require_http_methods(["GET", "POST"])
def comment_edit(request, pk):
    comment = _get_own_comment(request.user, pk)
    if comment.status not in (PostStatus.DRAFT, PostStatus.VISIBLE, PostStatus.PENDING):
        raise Http404
    form = CommentEditForm(request.POST or None, initial={"text": comment.plain_text})
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_comment(
                comment, form.cleaned_data["text"], request.user, form.cleaned_data["send_to_teacher"]
            )
        except ValidationError as error:
            form.add_error(None, error)
            form.words_blocked = isinstance(error, wordcheck.WordsBlocked)
        else:
            if comment.status == PostStatus.DRAFT:
                return redirect("sandbox_feed:comment_preview", pk=comment.pk)
            if comment.status == PostStatus.PENDING:
                messages.info(request, _("Je aangepaste reactie wacht op de juf of meester."))
            else:
                messages.success(request, _("Je reactie is aangepast. De oude versie blijft bewaard."))
            return redirect(feed_url(comment.post, f"reactie-{comment.pk}-item"))
    return render(
        request,
        "sandbox_feed/comment_edit.html",
        {"comment": comment, "form": form, "school_class": comment.post.school_class},
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def comment_versions(request, pk):
    """Every text a comment had: for who may see the comment (get_comment: author, classmates while it is
    visible, teachers)."""
    comment = get_comment(request.user, pk)
    if comment.status == PostStatus.DRAFT and comment.author_id != request.user.pk:
        raise Http404
    versions = list(CommentVersion.objects.filter(comment=comment))
    if not versions:  # a comment from before versions were kept
        versions = [CommentVersion(comment=comment, number=1, text=comment.text, created_at=comment.created_at)]
    return render(
        request,
        "sandbox_feed/comment_versions.html",
        {"comment": comment, "versions": versions, "school_class": comment.post.school_class},
    )


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
    """Every version of a post: for its author (also after deleting), the teachers, and classmates while
    the post is visible to them."""
    try:
        post = get_post_with_history(request.user, pk)
    except Http404:
        post = get_post(request.user, pk)
    if post.status == PostStatus.DRAFT and post.author_id != request.user.pk:
        raise Http404  # a draft is nobody's but its author's, not even the teacher's
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
    """The consent register: the whole class on one form (only changed cells are recorded), and one
    guardian's decision on its own (for a second parent who disagrees)."""
    from django.utils.translation import ngettext

    from .forms_consent import ConsentRegisterForm

    school_class = get_class_to_moderate(request.user, class_id)
    pupils = list(school_class.ordered_pupils())
    states = consent.register_states(pupils)
    batch = request.method == "POST" and "register" in request.POST
    single = request.method == "POST" and not batch
    register_form = ConsentRegisterForm(request.POST if batch else None, pupils=pupils, states=states)
    form = ConsentForm(request.POST if single else None, school_class=school_class)
    if batch and register_form.is_valid():
        try:
            changes = consent.changed_cells(states, register_form.chosen())
        except consent.UndoNotPossible:
            register_form.add_error(
                None,
                _(
                    "Een besluit dat al is vastgelegd, kan niet terug naar 'geen formulier terug'. "
                    "Kies ja of nee; er is nog niets opgeslagen."
                ),
            )
        else:
            data = register_form.cleaned_data
            consent.record_batch(
                pupils=pupils,
                changes=changes,
                decided_by=data["decided_by"],
                method=data["method"],
                recorded_by=request.user,
                decided_at=register_form.decided_at(),
            )
            if changes:
                messages.success(
                    request,
                    ngettext("%(n)d besluit is vastgelegd.", "%(n)d besluiten zijn vastgelegd.", len(changes))
                    % {"n": len(changes)},
                )
            else:
                messages.info(request, _("Er was niets veranderd, dus er is niets vastgelegd."))
            return redirect("sandbox_feed:consent", class_id=school_class.pk)
    if single and form.is_valid():
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
    history = (
        ConsentDecision.objects.filter(pupil__in=pupils).select_related("pupil", "recorded_by").order_by("-decided_at")
    )
    return render(
        request,
        "sandbox_feed/consent.html",
        {
            "school_class": school_class,
            "form": form,
            "register_form": register_form,
            "missing": consent.forms_missing(states),
            "history": history[:100],
            "purposes": ConsentDecision._meta.get_field("purpose").choices,
        },
        status=400 if form.errors or register_form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def personas(request, class_id):
    school_class = get_class_to_moderate(request.user, class_id)
    if request.method == "POST" and school_class.archived_at is not None:
        raise moderation.ClassArchived
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
    if school_class.archived_at is not None:
        raise moderation.ClassArchived
    form = FeedSettingsForm(request.POST)
    if form.is_valid():
        FeedSettings.objects.update_or_create(school_class=school_class, defaults=form.cleaned_data)
        messages.success(request, _("De instellingen van de feed zijn opgeslagen."))
    else:
        messages.error(request, _("Kies een aantal berichten per minuut tussen 1 en 60."))
    return redirect("sandbox_feed:personas", class_id=school_class.pk)
