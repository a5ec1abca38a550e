"""The class feed: posts with their versions, comments, reactions, views, personas and the consent register."""

import html
import os
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role
from accounts.models import SchoolClass

from . import subqueries
from .choices import (
    REACTION_EMOJI,
    CitationVerdict,
    ConsentMethod,
    ConsentPurpose,
    EventAudience,
    ModerationAction,
    ModerationMode,
    PeopleOnPhoto,
    Permission,
    PersonaKind,
    PostKind,
    PostStatus,
    ReactionKind,
    RejectReason,
    ReportReason,
    ReviewOverride,
    SourceKind,
    WordRule,
)
from .citation import SourceInfo, attribution_line, check_citation, is_web_url


class PrivateFeedStorage(FileSystemStorage):
    """Feed photos never get a public URL: they live in FEED_MEDIA_ROOT, outside MEDIA_ROOT, and are
    served only by views.photo after a membership check. The folder is read from the settings on every
    use so tests can point it at a temporary folder."""

    @property
    def base_location(self):
        return str(settings.FEED_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Feed photos have no public URL; use the sandbox_feed:photo view.")


private_storage = PrivateFeedStorage()


def photo_path(instance, filename):
    return f"photos/{uuid.uuid4().hex}.jpg"


def thumb_path(instance, filename):
    return f"thumbs/{uuid.uuid4().hex}.jpg"


class FeedSettings(models.Model):
    school_class = models.OneToOneField(
        SchoolClass, verbose_name=_("klas"), on_delete=models.CASCADE, related_name="feed_settings"
    )
    posts_per_minute = models.PositiveSmallIntegerField(
        _("berichten per minuut per leerling"),
        default=6,
        help_text=_("Hoeveel berichten een leerling per minuut mag plaatsen."),
    )
    preview_before_post = models.BooleanField(
        _("eerst nadenken voor je plaatst"),
        default=True,
        help_text=_("Laat leerlingen hun bericht eerst bekijken: wie ziet dit, kun je het terugnemen?"),
    )

    moderation_mode = models.CharField(
        _("nakijken"), max_length=10, choices=ModerationMode.choices, default=ModerationMode.POST
    )
    paused = models.BooleanField(
        _("telefoons in de parkeerstand"),
        default=False,
        help_text=_("Niemand kan nu plaatsen, reageren of een emoji geven. Lezen kan wel."),
    )
    slow_mode_minutes = models.PositiveSmallIntegerField(
        _("rustig aan: minuten tussen twee berichten"),
        default=0,
        help_text=_("0 is uit. Bij 5 kan een leerling één bericht per 5 minuten plaatsen."),
    )
    open_from = models.TimeField(_("open vanaf"), null=True, blank=True, help_text=_("Leeg: de hele dag open."))
    open_until = models.TimeField(_("open tot"), null=True, blank=True)

    class Meta:
        verbose_name = _("feedinstellingen")
        verbose_name_plural = _("feedinstellingen")

    def __str__(self):
        return str(self.school_class)

    @classmethod
    def for_class(cls, school_class):
        feed_settings, _created = cls.objects.get_or_create(school_class=school_class)
        return feed_settings


class Persona(models.Model):
    """A fictional account a teacher makes for scenario posts (a news site, an influencer, a rumour)."""

    school_class = models.ForeignKey(
        SchoolClass, verbose_name=_("klas"), on_delete=models.CASCADE, related_name="personas"
    )
    name = models.CharField(_("naam"), max_length=60)
    kind = models.CharField(_("soort account"), max_length=20, choices=PersonaKind.choices, default=PersonaKind.OTHER)
    description = models.CharField(
        _("uitleg voor de leerkracht"), max_length=200, blank=True, help_text=_("Wat leerlingen hiervan kunnen leren.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gemaakt door"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("oefenaccount")
        verbose_name_plural = _("oefenaccounts")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["school_class", "name"], name="persona_name_unique_per_class")]

    def __str__(self):
        return self.name


class PostQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Every listing starts here. Teachers see all their classes' posts but drafts (deleted and hidden
        ones too, marked, so taking something back never hides it from them); a pupil sees visible posts
        of their classes and their own posts that wait, were rejected or hidden."""
        if not user.is_authenticated:
            return self.none()
        teaching = Q(school_class__teachers=user) & ~Q(status=PostStatus.DRAFT)
        if user.role != Role.PUPIL:
            return self.filter(teaching).distinct()
        own = Q(author=user) & Q(status__in=[PostStatus.PENDING, PostStatus.REJECTED, PostStatus.HIDDEN])
        # A pupil's classes of a closed school year are history (privacy.schoolyear): nothing of them is shown.
        mine = Q(school_class__pupils=user) & Q(school_class__archived_at__isnull=True)
        return self.filter(mine & (Q(status=PostStatus.VISIBLE) | own)).distinct()

    def for_feed(self, user=None, teacher=False):
        """What a feed page needs in a constant number of queries: the posts with their reaction counts, the
        viewer's own reactions and the time of the last edit computed by the database in the same query, and
        one more query for the comments as the viewer may see them: teachers all (marked by status), pupils
        visible ones and their own that wait or were refused. Teachers also get the open reports' number on
        posts and comments, and the photo tags (one query) for held photos."""
        if teacher:
            comments = Comment.objects.exclude(status=PostStatus.DRAFT)
        elif user is not None and user.is_authenticated:
            comments = Comment.objects.filter(
                Q(status=PostStatus.VISIBLE)
                | Q(author=user, status__in=[PostStatus.PENDING, PostStatus.REJECTED, PostStatus.HIDDEN])
            )
        else:
            comments = Comment.objects.filter(status=PostStatus.VISIBLE)
        comments = comments.select_related("author").annotate(
            edited_at=subqueries.last_edit(Comment, CommentVersion, "comment")
        )
        viewer_id = user.pk if user is not None and user.is_authenticated else None
        posts = self.annotate(
            edited_at=subqueries.last_edit(Post, PostVersion, "post", after_field="published_at"),
            reaction_list=subqueries.reactions_of(Post, Reaction, viewer_id),
        )
        lookups, related = [], ["author", "persona"]
        if teacher:
            posts = posts.annotate(open_report_count=subqueries.open_reports_of(Post, Report, "post"))
            comments = comments.annotate(open_report_count=subqueries.open_reports_of(Comment, Report, "comment"))
            lookups.append("tags__pupil")
            related.append("resubmission_of")  # only a teacher's card shows the earlier, rejected version
        lookups.append(models.Prefetch("comments", queryset=comments, to_attr="visible_comments"))
        return posts.select_related(*related).prefetch_related(*lookups)


class Moderated(models.Model):
    """What moderation records on a post and on a comment alike: the review state, the refusal with its
    reason and feedback, the revision it replaces, the word-list hits, and who reviewed or deleted it."""

    needs_review = models.BooleanField(_("wacht op nakijken"), default=False)
    reject_reason = models.CharField(_("reden van afkeuren"), max_length=20, choices=RejectReason.choices, blank=True)
    feedback = models.CharField(_("uitleg van de leerkracht"), max_length=300, blank=True)
    resubmission_of = models.ForeignKey(
        "self",
        verbose_name=_("verbeterde versie van"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resubmissions",
    )
    word_hits = models.JSONField(_("gevonden woorden"), default=list, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("nagekeken door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("nagekeken op"), null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verwijderd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True

    @property
    def deleted_by_author(self):
        return self.status == PostStatus.DELETED and self.deleted_by_id == self.author_id

    @property
    def plain_text(self):
        return html.unescape(strip_tags(self.text))


class Post(Moderated):
    school_class = models.ForeignKey(
        SchoolClass, verbose_name=_("klas"), on_delete=models.CASCADE, related_name="posts"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("geschreven door"), on_delete=models.CASCADE, related_name="feed_posts"
    )
    kind = models.CharField(_("soort"), max_length=20, choices=PostKind.choices, default=PostKind.PUPIL)
    persona = models.ForeignKey(
        Persona, verbose_name=_("oefenaccount"), null=True, blank=True, on_delete=models.PROTECT, related_name="posts"
    )
    status = models.CharField(_("status"), max_length=20, choices=PostStatus.choices, default=PostStatus.VISIBLE)
    status_reason = models.CharField(_("reden van de status"), max_length=200, blank=True)
    pinned = models.BooleanField(_("vastgezet"), default=False)
    revealed = models.BooleanField(_("onthuld als oefenbericht"), default=False)
    # Cleaned and linkified on write; templates render it as it is stored.
    text = models.TextField(_("tekst"), max_length=2000)

    photo = models.FileField(_("foto"), storage=private_storage, upload_to=photo_path, blank=True)
    thumbnail = models.FileField(_("miniatuur"), storage=private_storage, upload_to=thumb_path, blank=True)
    people_on_photo = models.CharField(
        _("mensen op de foto"), max_length=20, choices=PeopleOnPhoto.choices, default=PeopleOnPhoto.NONE
    )
    photo_hidden = models.BooleanField(
        _("foto verborgen"),
        default=False,
        help_text=_("Aan na het intrekken van toestemming, tot een leerkracht hem weer vrijgeeft."),
    )

    photo_released = models.BooleanField(
        _("foto vrijgegeven door de leerkracht"),
        default=False,
        help_text=_("De leerkracht heeft de foto bekeken en vrijgegeven; een later 'nee' verbergt hem toch."),
    )

    source_kind = models.CharField(
        _("van wie is dit werk?"), max_length=20, choices=SourceKind.choices, default=SourceKind.OWN
    )
    source_maker = models.CharField(_("maker"), max_length=120, blank=True)
    source_title = models.CharField(_("titel van de bron"), max_length=200, blank=True)
    source_url = models.URLField(_("webadres van de bron"), blank=True)
    source_date = models.CharField(_("datum van de bron"), max_length=40, blank=True)
    source_published = models.BooleanField(_("openbaar gepubliceerd"), default=False)
    source_permission = models.CharField(
        _("toestemming of licentie"), max_length=20, choices=Permission.choices, blank=True, default=Permission.UNKNOWN
    )
    citation_verdict = models.CharField(
        _("oordeel over de bronvermelding"), max_length=20, choices=CitationVerdict.choices, blank=True, default=""
    )
    citation_comment = models.CharField(_("opmerking bij de bronvermelding"), max_length=300, blank=True)

    locked = models.BooleanField(_("gesprek gesloten"), default=False)
    # A random key the composer carries (a hidden field, or the API's Idempotency-Key header): a submission
    # sent again (a double tap, a retry after a dropped connection) finds this post instead of making a second.
    submission_key = models.UUIDField(_("sleutel van het plaatsformulier"), null=True, blank=True, editable=False)

    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    published_at = models.DateTimeField(_("geplaatst op"), null=True, blank=True)
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)
    deleted_at = models.DateTimeField(_("verwijderd op"), null=True, blank=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")
        ordering = ["-pinned", "-id"]
        indexes = [
            models.Index(fields=["school_class", "status", "-id"]),
            models.Index(fields=["school_class", "needs_review"], name="post_review_idx"),
        ]
        constraints = [
            # NULLs are distinct: only posts that came with a key are held to one post per key.
            models.UniqueConstraint(fields=["author", "submission_key"], name="post_submission_key_unique"),
        ]

    def __str__(self):
        return f"{self.author} #{self.pk}"

    @property
    def shown_name(self):
        return self.persona.name if self.persona_id else self.author.display_name

    @property
    def uses_source(self):
        return self.source_kind != SourceKind.OWN

    @cached_property
    def reaction_counts(self):
        """(kind, emoji, label, count) for every reaction kind: the counts for_feed() had the database make, or
        else the (prefetched) reactions counted here."""
        if hasattr(self, "reaction_list"):
            counts, _mine = subqueries.parse_reactions(self.reaction_list)
        else:
            counts = {}
            for reaction in self.reactions.all():
                counts[reaction.kind] = counts.get(reaction.kind, 0) + 1
        return [(kind, REACTION_EMOJI[kind], kind.label, counts.get(kind.value, 0)) for kind in ReactionKind]

    def source_info(self):
        return SourceInfo(
            kind=self.source_kind,
            maker=self.source_maker,
            title=self.source_title,
            url=self.source_url,
            date=self.source_date,
            published=self.source_published,
            permission=self.source_permission,
        )

    @property
    def source_link(self):
        """The source address, only when it is a web address: never a script or data link in an href."""
        return self.source_url if is_web_url(self.source_url) else ""

    @property
    def attribution(self):
        return attribution_line(self.source_info())

    @property
    def citation_points(self):
        return check_citation(self.plain_text, self.source_info())

    def add_version(self, text, by):
        number = self.versions.count() + 1
        return PostVersion.objects.create(
            post=self, number=number, text=text, edited_by=by, source=PostVersion.source_of(self)
        )


class PostVersion(models.Model):
    """Append-only: every text a post ever had, so nothing posted is ever really gone."""

    post = models.ForeignKey(Post, verbose_name=_("bericht"), on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("versie"))
    text = models.TextField(_("tekst"))
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("door"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("gemaakt op"), default=timezone.now)
    # The source fields and whether a photo was there, as they were with this text (empty for versions
    # stored before sources were kept), so the versions page shows a changed source too.
    source = models.JSONField(_("bron en foto"), default=dict, blank=True)

    SOURCE_FIELDS = ("kind", "maker", "title", "url", "date", "published", "permission")

    class Meta:
        verbose_name = _("versie")
        verbose_name_plural = _("versies")
        ordering = ["post", "number"]
        constraints = [models.UniqueConstraint(fields=["post", "number"], name="post_version_number_unique")]

    def __str__(self):
        return f"{self.post_id} v{self.number}"

    @classmethod
    def source_of(cls, post):
        source = {name: getattr(post, f"source_{name}") for name in cls.SOURCE_FIELDS}
        source["photo"] = bool(post.photo)
        return source

    @property
    def attribution(self):
        """The attribution line this version showed ("" for the pupil's own work or an old version)."""
        if not self.source:
            return ""
        return attribution_line(SourceInfo(**{name: self.source.get(name, "") for name in self.SOURCE_FIELDS}))


class Comment(Moderated):
    """One level only: comments belong to a post, never to another comment."""

    post = models.ForeignKey(Post, verbose_name=_("bericht"), on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geschreven door"),
        on_delete=models.CASCADE,
        related_name="feed_comments",
    )
    text = models.TextField(_("tekst"), max_length=1000)
    status = models.CharField(_("status"), max_length=20, choices=PostStatus.choices, default=PostStatus.VISIBLE)
    status_reason = models.CharField(_("reden van de status"), max_length=200, blank=True)
    deleted_at = models.DateTimeField(_("verwijderd op"), null=True, blank=True)
    created_at = models.DateTimeField(_("geplaatst op"), auto_now_add=True)

    class Meta:
        verbose_name = _("reactie")
        verbose_name_plural = _("reacties")
        ordering = ["id"]
        indexes = [models.Index(fields=["post", "status"]), models.Index(fields=["needs_review"])]

    def __str__(self):
        return f"{self.author} op #{self.post_id}"


class Reaction(models.Model):
    post = models.ForeignKey(Post, verbose_name=_("bericht"), on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("van"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("soort"), max_length=10, choices=ReactionKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("emoji-reactie")
        verbose_name_plural = _("emoji-reacties")
        constraints = [models.UniqueConstraint(fields=["post", "user", "kind"], name="reaction_unique_per_user_kind")]

    def __str__(self):
        return f"{self.kind} #{self.post_id}"


class Mention(models.Model):
    """A classmate named with '@' in a post, or in a comment (`comment` set; `post` is then the comment's
    post, so both kinds share one visibility filter). Read rules: sandbox_feed.mentions."""

    post = models.ForeignKey(Post, verbose_name=_("bericht"), on_delete=models.CASCADE, related_name="mentions")
    comment = models.ForeignKey(
        Comment,
        verbose_name=_("reactie"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="mentions",
    )
    pupil = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("genoemd"), on_delete=models.CASCADE, related_name="+"
    )
    # Only for comment mentions; a post mention is read when a PostView exists.
    seen_at = models.DateTimeField(_("gelezen op"), null=True, blank=True)

    class Meta:
        verbose_name = _("vermelding")
        verbose_name_plural = _("vermeldingen")
        constraints = [
            models.UniqueConstraint(
                fields=["post", "pupil"], condition=models.Q(comment__isnull=True), name="mention_unique"
            ),
            models.UniqueConstraint(
                fields=["comment", "pupil"],
                condition=models.Q(comment__isnull=False),
                name="mention_comment_unique",
            ),
        ]

    def __str__(self):
        where = f"#{self.post_id}" if self.comment_id is None else f"#{self.post_id} reactie {self.comment_id}"
        return f"@{self.pupil} {where}"


class PhotoTag(models.Model):
    """A classmate who is recognisable on a post's photo; the consent gate checks each tag."""

    post = models.ForeignKey(Post, verbose_name=_("bericht"), on_delete=models.CASCADE, related_name="tags")
    pupil = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("leerling op de foto"),
        on_delete=models.CASCADE,
        related_name="photo_tags",
    )

    class Meta:
        verbose_name = _("getagde leerling")
        verbose_name_plural = _("getagde leerlingen")
        constraints = [models.UniqueConstraint(fields=["post", "pupil"], name="photo_tag_unique")]

    def __str__(self):
        return f"{self.pupil} op #{self.post_id}"


class PostView(models.Model):
    """A classmate saw a post (first time only), for the footprint page's 'seen by' counts."""

    post = models.ForeignKey(Post, verbose_name=_("bericht"), on_delete=models.CASCADE, related_name="views")
    pupil = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gezien door"), on_delete=models.CASCADE, related_name="+"
    )
    seen_at = models.DateTimeField(_("gezien op"), default=timezone.now)

    class Meta:
        verbose_name = _("weergave")
        verbose_name_plural = _("weergaven")
        constraints = [models.UniqueConstraint(fields=["post", "pupil"], name="post_view_unique")]

    def __str__(self):
        return f"{self.pupil} zag #{self.post_id}"


class ConsentDecision(models.Model):
    """Append-only register: one row per decision by one parent or guardian. See consent.py for the rules."""

    pupil = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("leerling"), on_delete=models.CASCADE, related_name="consent_decisions"
    )
    purpose = models.CharField(_("doel"), max_length=30, choices=ConsentPurpose.choices)
    decision = models.BooleanField(_("toestemming"))
    decided_by = models.CharField(
        _("besloten door"), max_length=80, help_text=_("Naam of rol van de ouder of verzorger, bijvoorbeeld: moeder.")
    )
    method = models.CharField(_("hoe"), max_length=20, choices=ConsentMethod.choices)
    decided_at = models.DateTimeField(_("wanneer"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("toestemmingsbesluit")
        verbose_name_plural = _("toestemmingsregister")
        ordering = ["decided_at", "id"]

    def __str__(self):
        return f"{self.pupil} {self.purpose}: {self.decision}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Consent decisions are append-only; record a new decision instead.")
        super().save(*args, **kwargs)


class PupilModeration(models.Model):
    """A teacher's settings for one pupil in one class: review override and a mute with an end."""

    school_class = models.ForeignKey(
        SchoolClass, verbose_name=_("klas"), on_delete=models.CASCADE, related_name="pupil_moderation"
    )
    pupil = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("leerling"), on_delete=models.CASCADE, related_name="+"
    )
    review = models.CharField(
        _("nakijken"), max_length=10, choices=ReviewOverride.choices, blank=True, default=ReviewOverride.CLASS
    )
    muted_until = models.DateTimeField(_("gepauzeerd tot"), null=True, blank=True)
    mute_reason = models.CharField(_("waarom gepauzeerd"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("nakijken per leerling")
        verbose_name_plural = _("nakijken per leerling")
        constraints = [
            models.UniqueConstraint(fields=["school_class", "pupil"], name="pupil_moderation_unique"),
        ]

    def __str__(self):
        return f"{self.pupil} in {self.school_class}"

    @property
    def is_muted(self):
        return self.muted_until is not None and self.muted_until > timezone.now()


class Report(models.Model):
    """A pupil's report of a post or comment; the reporter is told the outcome once a teacher acts."""

    school_class = models.ForeignKey(SchoolClass, verbose_name=_("klas"), on_delete=models.CASCADE, related_name="+")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gemeld door"), on_delete=models.CASCADE, related_name="+"
    )
    post = models.ForeignKey(
        Post, verbose_name=_("bericht"), null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    comment = models.ForeignKey(
        Comment, verbose_name=_("reactie"), null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    reason = models.CharField(_("reden"), max_length=20, choices=ReportReason.choices)
    created_at = models.DateTimeField(_("gemeld op"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("afgehandeld door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=ModerationAction.choices, blank=True)

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(post__isnull=False, comment__isnull=True) | Q(post__isnull=True, comment__isnull=False),
                name="report_targets_post_or_comment",
            ),
        ]
        indexes = [models.Index(fields=["school_class", "resolved_at"])]

    def __str__(self):
        return f"{self.get_reason_display()} #{self.pk}"


class ModerationLog(models.Model):
    """Append-only audit log of every moderation action: who, when, what and why."""

    school_class = models.ForeignKey(
        SchoolClass, verbose_name=_("klas"), on_delete=models.CASCADE, related_name="moderation_log"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("door"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(_("actie"), max_length=20, choices=ModerationAction.choices)
    post = models.ForeignKey(
        Post, verbose_name=_("bericht"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.ForeignKey(
        Comment, verbose_name=_("reactie"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    pupil = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("leerling"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.CharField(_("reden"), max_length=20, choices=RejectReason.choices, blank=True)
    detail = models.CharField(_("toelichting"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("wanneer"), default=timezone.now)

    class Meta:
        verbose_name = _("logboekregel")
        verbose_name_plural = _("logboek moderatie")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("The moderation log is append-only.")
        super().save(*args, **kwargs)


class WordList(models.Model):
    """A school's list (coordinators) or a class's list (teachers). `version` goes up on every change,
    so a compiled matcher knows when it is out of date."""

    school = models.OneToOneField(
        "accounts.School",
        verbose_name=_("school"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="word_list",
    )
    school_class = models.OneToOneField(
        SchoolClass,
        verbose_name=_("klas"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="word_list",
    )
    version = models.PositiveIntegerField(_("versie"), default=1)
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    class Meta:
        verbose_name = _("woordenlijst")
        verbose_name_plural = _("woordenlijsten")
        constraints = [
            models.CheckConstraint(
                condition=Q(school__isnull=False, school_class__isnull=True)
                | Q(school__isnull=True, school_class__isnull=False),
                name="word_list_for_school_or_class",
            ),
        ]

    def __str__(self):
        return str(self.school or self.school_class)


class WordEntry(models.Model):
    word_list = models.ForeignKey(WordList, verbose_name=_("lijst"), on_delete=models.CASCADE, related_name="entries")
    pattern = models.CharField(
        _("woord"), max_length=60, help_text=_("Hele woorden. Een * aan het begin of eind vangt samenstellingen.")
    )
    rule = models.CharField(_("wat gebeurt er"), max_length=10, choices=WordRule.choices)
    note = models.CharField(_("waarom"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("woord")
        verbose_name_plural = _("woorden")
        ordering = ["pattern"]
        constraints = [models.UniqueConstraint(fields=["word_list", "pattern"], name="word_entry_unique")]

    def __str__(self):
        return self.pattern


class ClassEventCounter(models.Model):
    """The last sequence number a class handed out, and up to which number its old events were pruned.

    events.record() raises `last_seq` inside the transaction of the change it records; the row stays locked
    until that transaction ends, so a class's numbers follow the order in which their changes commit: once a
    client has seen number N, nothing numbered below N can still appear.
    """

    school_class = models.OneToOneField(
        SchoolClass, verbose_name=_("klas"), primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    last_seq = models.PositiveBigIntegerField(_("laatste volgnummer"), default=0)
    pruned_through = models.PositiveBigIntegerField(_("opgeruimd tot en met"), default=0)

    class Meta:
        verbose_name = _("teller van klasgebeurtenissen")
        verbose_name_plural = _("tellers van klasgebeurtenissen")

    def __str__(self):
        return f"{self.school_class_id}: {self.last_seq}"


class ClassEvent(models.Model):
    """One change in a class's feed, numbered per class: what happened and to which post or comment, by id
    only (never text), and who may hear of it. Written in the transaction of the change; a client that
    missed the broadcast asks for the events after the last number it saw. Post and comment are plain
    ids, not foreign keys: an event outlives what it is about (a pupil's data can be erased)."""

    school_class = models.ForeignKey(SchoolClass, verbose_name=_("klas"), on_delete=models.CASCADE, related_name="+")
    seq = models.PositiveBigIntegerField(_("volgnummer"))
    kind = models.CharField(_("soort"), max_length=40)
    post_id = models.PositiveBigIntegerField(_("bericht"), null=True, blank=True)
    comment_id = models.PositiveBigIntegerField(_("reactie"), null=True, blank=True)
    audience = models.CharField(
        _("voor wie"), max_length=10, choices=EventAudience.choices, default=EventAudience.CLASS
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("leerling"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Bij 'één leerling': wie het hoort."),
    )
    created_at = models.DateTimeField(_("wanneer"), default=timezone.now)

    class Meta:
        verbose_name = _("klasgebeurtenis")
        verbose_name_plural = _("klasgebeurtenissen")
        ordering = ["school_class", "seq"]
        constraints = [models.UniqueConstraint(fields=["school_class", "seq"], name="class_event_seq_unique")]

    def __str__(self):
        return f"{self.school_class_id}#{self.seq} {self.kind}"


class Wall(models.Model):
    """The smartboard wall of a class (wall.py): the post in the spotlight, and whether names are shown as
    "Leerling A, B, ..." so the class can talk about a post without pointing at its author."""

    school_class = models.OneToOneField(
        SchoolClass, verbose_name=_("klas"), primary_key=True, on_delete=models.CASCADE, related_name="feed_wall"
    )
    spotlight = models.ForeignKey(
        Post,
        verbose_name=_("in de schijnwerper"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hide_names = models.BooleanField(_("namen verbergen"), default=False)
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    class Meta:
        verbose_name = _("muur")
        verbose_name_plural = _("muren")

    def __str__(self):
        return str(self.school_class_id)


class FeedAssignment(models.Model):
    """A lesson step "opdracht in de feed" posted into the class feed during one lesson run: one pinned
    post per run and step block, however often a smartboard asks (assignments.py)."""

    run = models.ForeignKey(
        "lessons.LessonRun", verbose_name=_("lesronde"), on_delete=models.CASCADE, related_name="feed_assignments"
    )
    block_id = models.CharField(_("stap"), max_length=64)
    post = models.OneToOneField(
        Post, verbose_name=_("bericht"), on_delete=models.CASCADE, related_name="feed_assignment"
    )
    created_at = models.DateTimeField(_("geplaatst op"), auto_now_add=True)

    class Meta:
        verbose_name = _("opdracht in de feed")
        verbose_name_plural = _("opdrachten in de feed")
        constraints = [
            models.UniqueConstraint(fields=["run", "block_id"], name="feed_assignment_once_per_run_and_step"),
        ]

    def __str__(self):
        return f"{self.run_id}/{self.block_id}"


class CommentVersion(models.Model):
    """Append-only, as PostVersion: every text a comment ever had."""

    comment = models.ForeignKey(Comment, verbose_name=_("reactie"), on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("versie"))
    text = models.TextField(_("tekst"))
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("door"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("gemaakt op"), default=timezone.now)

    class Meta:
        verbose_name = _("versie van een reactie")
        verbose_name_plural = _("versies van reacties")
        ordering = ["comment", "number"]
        constraints = [
            models.UniqueConstraint(fields=["comment", "number"], name="comment_version_number_unique"),
        ]

    def __str__(self):
        return f"{self.comment_id} v{self.number}"
