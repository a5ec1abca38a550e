"""The consent register's rules: the latest decision per guardian counts, no decision means no,
and where guardians disagree no wins. Recording a no for this class feed hides that pupil's photos."""

from django.db import transaction

from .choices import ConsentPurpose
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
    by_pupil = {pk: [] for pk in pupil_ids}
    for decision in ConsentDecision.objects.filter(pupil_id__in=pupil_ids, purpose=purpose):
        by_pupil[decision.pupil_id].append(decision)
    return {pk: state_from_decisions(decisions) for pk, decisions in by_pupil.items()}


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
    if purpose == ConsentPurpose.CLASS_FEED and not has_consent(pupil, purpose):
        hide_photos_of(pupil)
    return entry


def hide_photos_of(pupil):
    """Withdrawal takes every photo of this pupil out of view at once, in every class."""
    return Post.objects.filter(tags__pupil=pupil).exclude(photo="").update(photo_hidden=True)
