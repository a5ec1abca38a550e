"""Moodle's attempt rules for xAPI statements from the player, with the actor and limits set by the server.

A top-level answered/completed statement with a result closes the attempt in progress or opens a new one;
a statement with a subContentId (a question inside the activity) is stored on the attempt in progress,
opening one when none is (H5P sends the questions' statements before the activity's own "completed").

Content types that restore a finished state send "answered"/"completed" again while they start; frame.js drops
statements sent before the pupil's first input in the frame, so a reload adds no attempt. The rules here do
not try to spot such a repeat: a repeat and a new try with the same score look the same to the server.
"""

from decimal import Decimal, InvalidOperation
from urllib.parse import parse_qs, urlsplit

from django.db import IntegrityError, transaction
from django.db.models import Max

from .models import H5PAttempt, H5PStatement, H5PSubContentResult

KEPT_VERBS = {"answered", "completed"}
SUB_CONTENT_EXTENSION = "http://h5p.org/x-api/h5p-subContentId"


class StatementError(ValueError):
    """The statement is not one we accept; the message says why (in Dutch, for the log and the client)."""


def _decimal(value):
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def parse_score(result):
    """(raw, max, scaled) with raw clamped to 0..max: scores come from the browser."""
    score = result.get("score") if isinstance(result.get("score"), dict) else {}
    raw, maximum = _decimal(score.get("raw")), _decimal(score.get("max"))
    if maximum is not None and maximum < 0:
        maximum = Decimal(0)
    if raw is not None:
        raw = max(raw, Decimal(0))
        if maximum is not None:
            raw = min(raw, maximum)
    scaled = None
    if raw is not None and maximum:
        scaled = (raw / maximum).quantize(Decimal("0.0001"))
    return raw, maximum, scaled


def _bool(value):
    return value if isinstance(value, bool) else None


def sub_content_id_of(statement, object_iri):
    """The subContentId, after checking that the statement's object is this content (or a part of it)."""
    obj = statement.get("object") if isinstance(statement.get("object"), dict) else {}
    object_id = obj.get("id")
    if not isinstance(object_id, str):
        raise StatementError("Het statement heeft geen object.id.")
    parts = urlsplit(object_id)
    base = parts._replace(query="", fragment="").geturl()
    if base != object_iri:
        raise StatementError("Het statement hoort niet bij deze activiteit.")
    from_query = parse_qs(parts.query).get("subContentId", [""])[0]
    extensions = (obj.get("definition") or {}).get("extensions") or {}
    from_extension = extensions.get(SUB_CONTENT_EXTENSION, "") if isinstance(extensions, dict) else ""
    sub_content_id = str(from_query or from_extension or "")[:64]
    if parts.query and not from_query:
        raise StatementError("Het object.id van het statement is onbekend.")
    return sub_content_id


def verb_of(statement):
    verb = statement.get("verb") if isinstance(statement.get("verb"), dict) else {}
    verb_id = verb.get("id")
    if not isinstance(verb_id, str) or not verb_id:
        raise StatementError("Het statement heeft geen verb.id.")
    return verb_id.rstrip("/").rsplit("/", 1)[-1], verb_id


def actor_for(user, home_page):
    """The server's actor: a pseudonymous account, never what the browser sent."""
    return {"objectType": "Agent", "name": user.display_name, "account": {"homePage": home_page, "name": str(user.pk)}}


def _open_attempt(content, user):
    for _try in range(3):
        last = H5PAttempt.objects.filter(content=content, user=user).aggregate(n=Max("number"))["n"] or 0
        try:
            with transaction.atomic():
                return H5PAttempt.objects.create(content=content, user=user, number=last + 1)
        except IntegrityError:
            continue  # a parallel request took the number; count again
    raise IntegrityError("could not number the attempt")


def _attempt_in_progress(content, user):
    latest = H5PAttempt.objects.filter(content=content, user=user).order_by("-number").first()
    return latest if latest is not None and latest.completion is None and latest.raw_score is None else None


@transaction.atomic
def record(content, user, statement, *, object_iri, home_page):
    """Store `statement` for (content, user) by the attempt rules. Returns the attempt, or None if not kept."""
    if not isinstance(statement, dict):
        raise StatementError("Een statement moet een JSON-object zijn.")
    verb, verb_id = verb_of(statement)
    sub_content_id = sub_content_id_of(statement, object_iri)
    result = statement.get("result")
    if verb not in KEPT_VERBS or not isinstance(result, dict):
        return None
    raw, maximum, scaled = parse_score(result)
    fields = {
        "raw_score": raw,
        "max_score": maximum,
        "scaled": scaled,
        "duration": str(result.get("duration", ""))[:40],
        "completion": _bool(result.get("completion")) if "completion" in result else True,
        "success": _bool(result.get("success")),
    }
    attempt = _attempt_in_progress(content, user)
    if sub_content_id:
        attempt = attempt or _open_attempt(content, user)
        definition = (statement.get("object") or {}).get("definition") or {}
        description = definition.get("description") if isinstance(definition.get("description"), dict) else {}
        H5PSubContentResult.objects.update_or_create(
            attempt=attempt,
            sub_content_id=sub_content_id,
            defaults={
                **fields,
                "interaction_type": str(definition.get("interactionType", ""))[:40],
                "description": str(next(iter(description.values()), ""))[:2000],
                "response": str(result.get("response", ""))[:2000],
            },
        )
    else:
        attempt = attempt or _open_attempt(content, user)
        for name, value in fields.items():
            setattr(attempt, name, value)
        attempt.save()
    kept = dict(statement)
    kept["actor"] = actor_for(user, home_page)
    H5PStatement.objects.create(
        content=content, user=user, attempt=attempt, verb=verb_id[:255], sub_content_id=sub_content_id, statement=kept
    )
    return attempt
