"""The consent register's rules: the latest decision per guardian counts, no decision means no,
and where guardians disagree no wins. Recording a no for this class feed hides that pupil's photos."""

from django.db import transaction

from . import live
from .choices import ConsentPurpose, PostStatus
from .models import ConsentDecision, Post


def _guardian_key(decision):
    return " ".join(decision.decided_by.casefold().split())


def state_from_decisions(decisions):
    """True only if at least one guardian decided and every guardian's latest decision is yes."""
    latest = {}
    for decision in sorted(decisions, key=lambda d: (d.decided_at, d.pk or 0)):
        latest[_guardian_key(decision)] = decision.decision
    return bool(latest) and all(latest.values())


def consent_map(pupil_ids, purpose):
    """{pupil_id: bool} for many pupils in one query."""
    return {pk: state == "yes" for pk, state in consent_states(pupil_ids, purpose).items()}


def state_word(decisions):
    """ "yes", "no" (a guardian's latest decision is no) or "missing" (nobody decided yet)."""
    if not decisions:
        return "missing"
    return "yes" if state_from_decisions(decisions) else "no"


def consent_states(pupil_ids, purpose=ConsentPurpose.CLASS_FEED):
    """{pupil_id: "yes" | "no" | "missing"} for many pupils in one query."""
    by_pupil = {pk: [] for pk in pupil_ids}
    for decision in ConsentDecision.objects.filter(pupil_id__in=pupil_ids, purpose=purpose):
        by_pupil[decision.pupil_id].append(decision)
    return {pk: state_word(decisions) for pk, decisions in by_pupil.items()}


def has_consent(pupil, purpose=ConsentPurpose.CLASS_FEED):
    return consent_map([pupil.pk], purpose)[pupil.pk]


def overview(pupils):
    """[(pupil, [bool per purpose in ConsentPurpose order])] for a class's consent table, in one query."""
    pupils = list(pupils)
    states = {p.pk: dict.fromkeys(ConsentPurpose.values, False) for p in pupils}
    grouped = {}
    for decision in ConsentDecision.objects.filter(pupil__in=pupils):
        grouped.setdefault((decision.pupil_id, decision.purpose), []).append(decision)
    for (pupil_id, purpose), decisions in grouped.items():
        states[pupil_id][purpose] = state_from_decisions(decisions)
    return [(pupil, [states[pupil.pk][purpose] for purpose in ConsentPurpose.values]) for pupil in pupils]


def register_states(pupils):
    """{pupil_id: {purpose: "yes" | "no" | "missing"}} for every purpose, in one query: the consent
    register's table."""
    pupils = list(pupils)
    grouped = {}
    for decision in ConsentDecision.objects.filter(pupil__in=pupils):
        grouped.setdefault((decision.pupil_id, decision.purpose), []).append(decision)
    return {
        pupil.pk: {purpose: state_word(grouped.get((pupil.pk, purpose), [])) for purpose in ConsentPurpose.values}
        for pupil in pupils
    }


def forms_missing(states):
    """How many pupils' forms are not back: no decision for the class feed yet (see queue.consents_missing)."""
    return sum(1 for by_purpose in states.values() if by_purpose[ConsentPurpose.CLASS_FEED] == "missing")


# What the register's radio buttons send, and the state each stands for.
REGISTER_CHOICE_STATE = {"ja": "yes", "nee": "no", "geen": "missing"}


class UndoNotPossible(ValueError):
    """A recorded decision cannot become "no form back": the register only grows."""


def changed_cells(states, chosen):
    """[(pupil_id, purpose, bool)] for every cell whose choice differs from its current state. `chosen` is
    {(pupil_id, purpose): "ja" | "nee" | "geen"}. "geen" where a decision exists raises UndoNotPossible with
    the cells concerned."""
    changes, undo = [], []
    for (pupil_id, purpose), choice in chosen.items():
        now = states[pupil_id][purpose]
        wanted = REGISTER_CHOICE_STATE[choice]
        if wanted == now:
            continue
        if wanted == "missing":
            undo.append((pupil_id, purpose))
            continue
        changes.append((pupil_id, purpose, wanted == "yes"))
    if undo:
        raise UndoNotPossible(undo)
    return changes


@transaction.atomic
def record_batch(*, pupils, changes, decided_by, method, recorded_by, decided_at=None):
    """One register form: each changed decision through record_decision (history, photo hiding and
    restoring), all in one transaction."""
    by_pk = {pupil.pk: pupil for pupil in pupils}
    return [
        record_decision(
            pupil=by_pk[pupil_id],
            purpose=purpose,
            decision=decision,
            decided_by=decided_by,
            method=method,
            recorded_by=recorded_by,
            decided_at=decided_at,
        )
        for pupil_id, purpose, decision in changes
    ]


@transaction.atomic
def record_decision(*, pupil, purpose, decision, decided_by, method, recorded_by, decided_at=None):
    kwargs = {"decided_at": decided_at} if decided_at else {}
    entry = ConsentDecision.objects.create(
        pupil=pupil,
        purpose=purpose,
        decision=decision,
        decided_by=decided_by,
        method=method,
        recorded_by=recorded_by,
        **kwargs,
    )
    if purpose == ConsentPurpose.CLASS_FEED:
        if has_consent(pupil, purpose):
            restore_photos_of(pupil)
        else:
            hide_photos_of(pupil)
    return entry


def hide_photos_of(pupil):
    """Withdrawal takes every photo of this pupil out of view at once, in every class; open pages drop it."""
    posts = list(
        Post.objects.filter(tags__pupil=pupil, photo_hidden=False)
        .exclude(photo="")
        .only("pk", "school_class_id", "status", "author_id")
    )
    hidden = Post.objects.filter(pk__in=[post.pk for post in posts]).update(photo_hidden=True)
    _announce_photos(posts)
    return hidden


def restore_photos_of(pupil):
    """A later yes brings back the photos a withdrawal hid, where everyone tagged on them now says yes
    and the post is in the feed. Photos still waiting for a teacher stay waiting."""
    posts = list(
        Post.objects.filter(tags__pupil=pupil, photo_hidden=True, status=PostStatus.VISIBLE)
        .exclude(photo="")
        .prefetch_related("tags")
    )
    everyone = {tag.pupil_id for post in posts for tag in post.tags.all()}
    states = consent_map(list(everyone), ConsentPurpose.CLASS_FEED)
    restorable = [post for post in posts if all(states[tag.pupil_id] for tag in post.tags.all())]
    restored = Post.objects.filter(pk__in=[post.pk for post in restorable]).update(photo_hidden=False)
    _announce_photos(restorable)
    return restored


def _announce_photos(posts):
    for post in posts:
        live.announce_item(post, "post_photo")
