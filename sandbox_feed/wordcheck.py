"""Word lists at work: screen a post or comment against its school's and class's lists and the privacy
patterns, and say what happens (blocked, wait for the teacher, flag, mask) in words a pupil understands.

Compiled matchers are kept per process, keyed by the lists' ids and versions read from the database on
each check: a list change bumps its version, so every process and thread builds the new matcher once
and can never use a stale one. A Matcher is immutable after construction (safe to share between
threads), and compiling a 2,000-word list takes about 0.2 s, which is why it is not rebuilt per request
(under ASGI each request runs in a new thread, so a per-thread cache would not help).
"""

from dataclasses import dataclass, field
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import ngettext

from . import wordfilter
from .choices import WordRule
from .models import WordEntry, WordList

MATCHERS_PER_PROCESS = 64

RULE_TO_ACTION = {
    WordRule.BLOCK: wordfilter.WordAction.BLOCK,
    WordRule.APPROVE: wordfilter.WordAction.APPROVE,
    WordRule.FLAG: wordfilter.WordAction.FLAG,
    WordRule.CENSOR: wordfilter.WordAction.CENSOR,
}


class WordsBlocked(ValidationError):
    """The text holds blocked words; `words` lists them as typed. Nothing was stored."""

    def __init__(self, words, reasons):
        message = ngettext(
            "Dit woord past niet in onze klas: %(words)s. Pas het aan, of stuur je tekst naar je leerkracht.",
            "Deze woorden passen niet in onze klas: %(words)s. Pas ze aan, of stuur je tekst naar je leerkracht.",
            len(words),
        ) % {"words": ", ".join(f"“{word}”" for word in words)}
        super().__init__([message, *reasons])
        self.code = "blocked"  # a list of messages carries no code of its own
        self.words = words


@dataclass(frozen=True)
class Screening:
    text: str  # what to store: censored words masked
    hits: list = field(default_factory=list)  # [{"word", "rule", "reason"}] for the teacher's queue


def lists_for(school_class):
    return WordList.objects.filter(Q(school_id=school_class.school_id) | Q(school_class=school_class))


@lru_cache(maxsize=MATCHERS_PER_PROCESS)
def _build(key):
    """The matcher for `key`, a sorted tuple of (list id, version, changed at); versions make the key
    change with every edit, so an entry here is never out of date."""
    entries, allow = [], []
    list_ids = [pk for pk, *_rest in key]
    for pattern, rule in WordEntry.objects.filter(word_list_id__in=list_ids).values_list("pattern", "rule"):
        if rule == WordRule.ALLOW:
            allow.append(pattern)
        else:
            entries.append((pattern, RULE_TO_ACTION[rule]))
    return wordfilter.build_matcher(entries, allow=allow)


def matcher_for(school_class):
    """The matcher of the class's lists (school and class): one query for their versions. The time of the
    last change is part of the key, so a list deleted and made again under a reused id is never confused
    with the old one."""
    return _build(tuple(sorted(lists_for(school_class).values_list("pk", "version", "updated_at"))))


def screen(school_class, author, raw_text, *, send_to_teacher=False):
    """Check what a pupil wrote. Raises WordsBlocked for blocked words unless the pupil chose to send it
    to the teacher anyway (then it waits, with rule "block" in its hits). Teachers are not screened."""
    if not author.is_pupil:
        return Screening(text=raw_text)
    hits = matcher_for(school_class).check(raw_text)
    blocked = [hit for hit in hits if hit.action == wordfilter.WordAction.BLOCK]
    if blocked and not send_to_teacher:
        words = list(dict.fromkeys(hit.text for hit in blocked))
        reasons = list(dict.fromkeys(str(hit.reason) for hit in blocked if hit.reason))
        raise WordsBlocked(words, reasons)
    text = wordfilter.censor(raw_text, hits)
    strongest = {}
    for hit in hits:  # one word can match two entries: keep the strongest rule per place
        place = (hit.start, hit.end)
        if place not in strongest or wordfilter.strongest_action([hit, strongest[place]]) == hit.action:
            strongest[place] = hit
    return Screening(
        text=text,
        hits=[
            {"word": hit.text, "rule": str(hit.action), "reason": str(hit.reason or "")}
            for _place, hit in sorted(strongest.items())
        ],
    )


def explain(hits):
    """Short sentences for the pupil about why their text waits."""
    return list(dict.fromkeys(hit["reason"] for hit in hits if hit.get("reason")))


@transaction.atomic
def touch(word_list):
    """Every change to a list's entries goes through here, so matchers everywhere rebuild."""
    WordList.objects.filter(pk=word_list.pk).update(version=F("version") + 1, updated_at=timezone.now())


def add_entry(word_list, pattern, rule, note=""):
    wordfilter.validate_pattern(pattern)
    entry, created = WordEntry.objects.update_or_create(
        word_list=word_list, pattern=pattern.strip().casefold(), defaults={"rule": rule, "note": note}
    )
    touch(word_list)
    return entry, created


def remove_entry(word_list, entry_id):
    deleted, _details = WordEntry.objects.filter(word_list=word_list, pk=entry_id).delete()
    if deleted:
        touch(word_list)
    return bool(deleted)


def load_starter_list(word_list):
    """Add the documented starter list (sandbox_feed/data/starter_words.json, notes included) to a list;
    entries the list already has keep their rule. Returns how many were added."""
    data = wordfilter.read_starter_list()
    existing = set(word_list.entries.values_list("pattern", flat=True))
    new = []
    for item in data["entries"]:
        pattern = item["pattern"].casefold()
        if pattern not in existing:
            existing.add(pattern)
            new.append(
                WordEntry(word_list=word_list, pattern=pattern, rule=WordRule(item["action"]), note=item["note"])
            )
    for pattern in data["allow"]:
        if pattern.casefold() not in existing:
            existing.add(pattern.casefold())
            new.append(WordEntry(word_list=word_list, pattern=pattern.casefold(), rule=WordRule.ALLOW))
    WordEntry.objects.bulk_create(new)
    touch(word_list)
    return len(new)
