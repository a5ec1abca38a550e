"""Word lists for the class feed: find rude words, bullying and shared personal details in a pupil's text.

Pure Python, no database: `build_matcher(entries, allow)` turns a list into an immutable `Matcher`, and
`Matcher.check(text)` returns `Hit`s with offsets into the text exactly as the pupil typed it.

How a word matches (the same folding is applied to the text and to every pattern, so they meet halfway):

1. Case, accents and look-alikes are folded: NFKD, accents dropped, casefolded ("Kánker" -> "kanker"),
   fullwidth and styled letters become plain ones, Cyrillic and Greek look-alikes ("kanker" typed with
   a Cyrillic a, U+0430) become Latin, invisible characters (soft hyphen, zero-width space) disappear.
2. Letter tricks are folded: 0->o, 3->e, 4->a, 5->s, 7->t always; @->a, $->s, €->e, !->1, |->1 only
   between two letters or digits, so "kanker!" and "@Sanne" keep their punctuation. "1" stays
   ambiguous: it stands for i as well as l, so "1ul" and "lu1" hit "lul", while "lui" does not.
3. Runs of one character collapse to one ("kuuuut" -> "kut", "kannker" -> "kanker", "l00ser" -> "loser"),
   in patterns too, so "boom" still matches "boom". Dutch vowel length changes words, so this also makes
   "negeer" hit "neger" and "stoom" hit "stom"; the allow-list repairs that (see 5).
4. A pattern matches whole words: letters and digits on both sides end a word (Unicode-aware, so "ij",
   "é" and emoji are handled). A `*` at the start and/or the end lets the word go on: `kanker*` hits
   "kankerlijer", `*kanker` hits "teringkanker". A `*` in the middle is not allowed. A space, hyphen or
   apostrophe in a pattern stands for any run of non-letters, or none ("rot op" hits "rot-op", "rotop").
5. A hit always covers whole words; if those words fully match the allow-list ("kankeronderzoek"), the
   hit does not count. Allow entries use the same syntax and folding with one difference: vowel length
   counts. A single vowel matches one vowel or an emphatic three or more, a double vowel exactly two. So
   allowing "negeer" lets "negeer" through but not "neger", and "hoera" also allows "hoeraaaa".

Personal details (phone numbers, e-mail addresses, street addresses, postcodes) are always checked and
always ask for the teacher's approval, with a reason a pupil of eight can read.

What it cannot do: spaced-out letters ("k a n k e r"), an l or i next to a 1 that stands for the same
letter ("kil1" is not "kil"), meaning (irony, context) or pictures. Offsets count Unicode code
points (Python string indices), not UTF-16 units as JavaScript does.
"""

import json
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

STARTER_LIST = Path(__file__).resolve().parent / "data" / "starter_words.json"
MAX_PATTERN_LENGTH = 60


class WordAction(models.TextChoices):
    BLOCK = "block", _("Blokkeren")
    APPROVE = "approve", _("Eerst naar de leerkracht")
    FLAG = "flag", _("Markeren voor de leerkracht")
    CENSOR = "censor", _("Maskeren")


class HitKind(models.TextChoices):
    WORD = "word", _("Woord uit de woordenlijst")
    PHONE = "phone", _("Telefoonnummer")
    EMAIL = "email", _("E-mailadres")
    ADDRESS = "address", _("Adres")
    POSTCODE = "postcode", _("Postcode")


# Strongest first: `strongest_action` and the order of hits on the same words follow it.
ACTION_PRIORITY = (WordAction.BLOCK, WordAction.APPROVE, WordAction.FLAG, WordAction.CENSOR)
_RANK = MappingProxyType({action: rank for rank, action in enumerate(ACTION_PRIORITY)})

WORD_REASONS = MappingProxyType(
    {
        WordAction.BLOCK: _("Dit woord kan iemand pijn doen. Daarom kun je het zo niet plaatsen."),
        WordAction.APPROVE: _("Dit woord kan iemand pijn doen. Je leerkracht leest je bericht eerst."),
        WordAction.FLAG: _("Dit woord kan iemand verdrietig maken. Je leerkracht kijkt nog even mee."),
        WordAction.CENSOR: _("Dit woord is niet netjes. Daarom zie je het met sterretjes."),
    }
)
PRIVACY_REASONS = MappingProxyType(
    {
        HitKind.PHONE: _("Een telefoonnummer deel je niet in een feed. Iedereen kan je dan bellen of appen."),
        HitKind.EMAIL: _("Een e-mailadres deel je niet in een feed. Dan kunnen vreemden je mailen."),
        HitKind.ADDRESS: _("Een adres deel je niet in een feed. Dan weet iedereen waar iemand woont."),
        HitKind.POSTCODE: _("Een postcode deel je niet in een feed. Daarmee kan iemand vinden waar je woont."),
    }
)


@dataclass(frozen=True, slots=True)
class Hit:
    """One match. `text` is `original[start:end]`, exactly as typed; `pattern` is the list entry that matched
    (empty for personal details, see `kind`); `reason` is a lazy translated sentence for the pupil."""

    text: str
    start: int
    end: int
    pattern: str
    action: WordAction
    kind: HitKind
    reason: Promise


# --- folding ------------------------------------------------------------------------------------------

# Look-alikes that NFKD leaves alone. Cyrillic and Greek letters are the usual way round a word filter.
_LOOKALIKES = MappingProxyType(
    {
        **dict(zip("аеорсхуікјѕԁмтвн", "aeopcxyikjsdmtbh", strict=True)),  # Cyrillic
        **dict(zip("αβεικνορτυχω", "abeiknoptuxw", strict=True)),  # Greek
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ı": "i",
        "æ": "ae",
        "œ": "oe",
        "’": "'",
        "‘": "'",
        "ʼ": "'",
    }
)
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
# Digits stand for letters everywhere; 1 stays "1", which patterns read as i or l.
_DIGIT_TRICKS = str.maketrans("03457", "oeast")
# Symbols stand for letters only inside a word, so "kanker!" and "@Sanne" keep their punctuation.
_SYMBOL_TRICKS = str.maketrans("@$€!|", "ase11")
_SYMBOLS_BEFORE_LETTER = re.compile(r"[@$€!|]+(?=[^\W_])")  # the letter before is checked in _untrick
_RUN = re.compile(r"(.)\1+", re.DOTALL)
_ANY_RUN = re.compile(r"(.)\1*", re.DOTALL)
_CONSONANT_RUN = re.compile(r"([^aeiou])\1+", re.DOTALL)  # the allow-list's view: vowel length kept
_VOWELS = "aeiou"
_WORD = r"[^\W_]"  # a letter or digit in any script: the edge of a word


def _fold_char(ch):
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", ch).casefold())
    kept = []
    for c in folded:
        if unicodedata.category(c) in ("Mn", "Me", "Cf"):
            continue  # accents, variation selectors, soft hyphens, zero-width characters
        kept.append(_LOOKALIKES.get(c, c))
    return "".join(kept)


def _fold(text):
    """Return (folded, starts, ends): starts[i]:ends[i] is the stretch of `text` that folded character i
    came from. Both are None when folding kept every position (plain ASCII)."""
    if text.isascii():
        return text.lower(), None, None
    pieces, starts, ends = [], [], []
    pos = 0
    for run in _NON_ASCII_RUN.finditer(text):
        a, b = run.span()
        pieces.append(text[pos:a].lower())
        starts.extend(range(pos, a))
        ends.extend(range(pos + 1, a + 1))
        for i in range(a, b):
            folded = _fold_char(text[i])
            if folded:
                pieces.append(folded)
                starts.extend([i] * len(folded))
                ends.extend([i + 1] * len(folded))
            elif ends:
                # A dropped accent or invisible character belongs to the letter before it, so a hit on
                # that letter covers it and masking does not leave a stray accent behind.
                ends[-1] = i + 1
        pos = b
    pieces.append(text[pos:].lower())
    starts.extend(range(pos, len(text)))
    ends.extend(range(pos + 1, len(text) + 1))
    return "".join(pieces), starts, ends


def _untrick(folded):
    def inside_word(m):
        start = m.start()
        return m.group().translate(_SYMBOL_TRICKS) if start and folded[start - 1].isalnum() else m.group()

    return _SYMBOLS_BEFORE_LETTER.sub(inside_word, folded.translate(_DIGIT_TRICKS))


class _Collapsed:
    """The skeleton that words are matched against: folded, untricked, runs collapsed. Keeps where each
    character came from, first in the folded text and from there in the original."""

    __slots__ = ("ends", "folded", "run_at", "run_span", "shift", "skeleton", "starts", "text", "untricked")

    def __init__(self, text):
        self.text = text
        self.folded, self.starts, self.ends = _fold(text)
        self.untricked = untricked = _untrick(self.folded)
        pieces, self.run_at, self.run_span, self.shift = [], [], [], []
        pos = removed = 0
        for run in _RUN.finditer(untricked):
            a, b = run.span()
            pieces.append(untricked[pos : a + 1])
            self.run_at.append(a - removed)  # where the run's one character sits in the skeleton
            self.run_span.append((a, b))
            removed += b - a - 1
            self.shift.append(removed)
            pos = b
        pieces.append(untricked[pos:])
        self.skeleton = "".join(pieces)

    def _folded_span(self, i):
        k = bisect_right(self.run_at, i)
        if k and self.run_at[k - 1] == i:
            return self.run_span[k - 1]
        j = i + (self.shift[k - 1] if k else 0)
        return j, j + 1

    def folded_span(self, start, end):
        """Map a skeleton span to the folded text."""
        return self._folded_span(start)[0], self._folded_span(end - 1)[1]

    def strict(self, start, end):
        """The skeleton span as the allow-list sees it: consonant runs collapsed, vowel runs kept."""
        folded_start, folded_end = self.folded_span(start, end)
        return _CONSONANT_RUN.sub(r"\1", self.untricked[folded_start:folded_end])

    def folded_to_original(self, start, end):
        if self.starts is None:
            return start, end
        return self.starts[start], self.ends[end - 1]


# --- patterns -----------------------------------------------------------------------------------------

_SEPARATORS = " -'’"
_SEPARATOR = r"[\W_]*"
_CLASS = MappingProxyType({"i": "[i1]", "l": "[l1]", "1": "[1il]"})


def _pattern_skeleton(body, strict=False):
    folded = "".join(_fold_char(c) if not c.isascii() else c.lower() for c in body)
    return (_CONSONANT_RUN if strict else _RUN).sub(r"\1", folded.translate(_DIGIT_TRICKS))


def validate_pattern(pattern):
    """Raise ValidationError (Dutch message) when `pattern` cannot be a word-list entry; return it tidied
    (NFC, outer spaces stripped). Shared by build_matcher and whatever form edits a list."""
    p = unicodedata.normalize("NFC", pattern or "").strip()
    if not p:
        raise ValidationError(_("Vul een woord in."), code="empty")
    if len(p) > MAX_PATTERN_LENGTH:
        raise ValidationError(
            _("Een woord mag hoogstens %(max)d tekens lang zijn."), code="too_long", params={"max": MAX_PATTERN_LENGTH}
        )
    if not p.strip("* "):
        raise ValidationError(
            _("Alleen sterretjes passen op elk woord. Zet er ook letters bij."), code="only_wildcards"
        )
    body = p.removeprefix("*").removesuffix("*")
    if "*" in body:
        raise ValidationError(
            _("Een sterretje mag alleen helemaal aan het begin of aan het eind staan."), code="wildcard_position"
        )
    if any(not (c.isalnum() or c in _SEPARATORS) for c in body) or not (body[0].isalnum() and body[-1].isalnum()):
        raise ValidationError(
            _(
                "Gebruik alleen letters, cijfers, spaties, streepjes en apostrofs, en begin en eindig met een "
                "letter of cijfer. Een sterretje mag aan het begin of het eind."
            ),
            code="invalid_characters",
        )
    if sum(c.isalpha() for c in _pattern_skeleton(body)) < 2:
        raise ValidationError(
            _("Een woord moet minstens twee letters hebben. Dubbele letters tellen als één."), code="too_short"
        )
    return p


def _parse(pattern, strict=False):
    """Return the matching key of a valid pattern: (leading *, units, trailing *). Two patterns with the
    same key match exactly the same words. `strict` is the allow-list's reading, where vowel length counts."""
    lead, trail = pattern.startswith("*"), pattern.endswith("*")
    units = []
    for run in _ANY_RUN.finditer(_pattern_skeleton(pattern.strip("*"), strict)):
        c, length = run.group(1), len(run.group())
        if c in _SEPARATORS:
            if units and units[-1] != _SEPARATOR:
                units.append(_SEPARATOR)
            continue
        unit = _CLASS.get(c) or re.escape(c)
        if not strict:
            units.append(unit)
        elif length == 1 and c in _VOWELS:
            units.append(f"{unit}(?:{unit}{unit}+)?")  # "hoera" allows "hoeraaa", not "hoeraa"
        else:
            units.append(unit * length)
    return lead, tuple(units), trail


class _Trie:
    """Patterns sharing a beginning share a branch, so the combined regex tries each letter once."""

    __slots__ = ("children", "ends")

    def __init__(self):
        self.children = {}
        self.ends = {}  # trailing * (bool) -> patterns ending here

    def add(self, units, trail, pattern):
        node = self
        for unit in units:
            node = node.children.setdefault(unit, _Trie())
        node.ends.setdefault(trail, []).append(pattern)

    def render(self, leaves):
        """Regex for this branch. With `leaves` (a list), every end gets an empty group, numbered in text
        order, and leaves[n - 1] lists its patterns; without, ends are plain (for the allow-list)."""
        # Longer continuations come before ends, so "kanker op" wins over "kanker" at the same spot.
        alternatives = [unit + child.render(leaves) for unit, child in self.children.items()]
        for trail in (False, True):
            if trail in self.ends:
                if leaves is None:
                    alternatives.append(_WORD + "*" if trail else "")
                else:
                    leaves.append(tuple(self.ends[trail]))
                    alternatives.append((_WORD + "*" if trail else f"(?!{_WORD})") + "()")
        if len(alternatives) == 1:
            return alternatives[0]
        return "(?:" + "|".join(alternatives) + ")"


def _trie_pair(parsed):
    anchored, floating = _Trie(), _Trie()
    for (lead, units, trail), pattern in parsed:
        (floating if lead else anchored).add(units, trail, pattern)
    return anchored, floating


def _compile_action(parsed):
    """One regex per action: patterns anchored at a word start, then patterns with a leading `*`, which
    may start anywhere inside a word (the hit is widened to the whole word afterwards)."""
    anchored, floating = _trie_pair(parsed)
    leaves, parts = [], []
    if anchored.children:
        parts.append(f"(?<!{_WORD})" + anchored.render(leaves))
    if floating.children:
        parts.append(floating.render(leaves))
    return re.compile("|".join(parts)), tuple(leaves)


def _compile_allow(parsed):
    anchored, floating = _trie_pair(parsed)
    parts = []
    if anchored.children:
        parts.append(anchored.render(None))
    if floating.children:
        parts.append(_WORD + "*" + floating.render(None))
    return re.compile("|".join(parts))


# --- personal details ---------------------------------------------------------------------------------

# Each regex starts with a character class, so `re` skips in C to where a match can start; "not glued to
# a word" is checked after the first character, by a lookbehind over that character and the one before.
_SEP = r"(?:[ .]|\ ?[-/]\ ?)?"  # after the area code: "06-", "050 ", "0591 / "
# A Dutch number is 0 + 9 digits behind an area code of 06 or 3-4 digits; that keeps dates
# ("01-02-2026 12"), years, times and sums ("3 + 4 = 7") out.
_PHONE = re.compile(
    rf"""[+0(](?<![\w+].)(?:
        (?:(?<=\+)31|(?<=0)031)[ .-]?(?:\(0\)[ .-]?)?[1-9](?:[ .-]?\d){{8}}  # +31 6 12345678, 0031 50 1234567
        |(?<=0)6{_SEP}\d(?:[ .]?\d){{7}}                                     # 06-12345678, 06 12 34 56 78
        |(?<=\()06\){_SEP}\d(?:[ .]?\d){{7}}                                 # (06) 12345678
        |(?<=0)[1-57-9]\d{_SEP}\d(?:[ .]?\d){{6}}                            # 050 123 4567, 020-1234567
        |(?<=0)[1-57-9]\d\d{_SEP}\d(?:[ .]?\d){{5}}                          # 0591-123456
    )(?!\d)""",
    re.VERBOSE,
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?![\w-])")
_POSTCODE = re.compile(r"[1-9](?<![\w-].)\d{3} ?[a-z]{2}(?![\w-])")
_STREET_SUFFIX = "straat|weg|laan|plein|dijk|kade|gracht|singel|dreef|hof|pad|steeg|park|markt"
_HOUSE_NUMBER_AFTER_STREET = re.compile(rf"(?:{_STREET_SUFFIX})\s*[1-9]")  # cheap: only then look for a street
# A number after "snelweg" or "pretpark" is usually a count, not a house number.
_NOT_A_HOUSE_NUMBER = (
    "uur|uren|minuut|minuten|min|seconden|sec|keer|x|km|kilometer|meter|m|dag|dagen|week|weken|maand|maanden"
    "|jaar|euro|procent|kinderen|mensen|auto's|autos|rondjes|stappen"
)
_ADDRESS = re.compile(
    rf"""(?<![\w'])
    (?:(?:van(?:\s+(?:de|der|den|het|'t))?|ter|ten|sint|st\.?)\s+)?   # Van Schaikweg, Ten Katestraat
    (?!onderweg\b)[^\W\d_](?:[^\W\d_]|['-])*[^\W\d_](?:{_STREET_SUFFIX})
    \s*[1-9]\d{{0,3}}(?:-?[a-z])?(?!\w)                                # 12, 94a, 7-b
    (?!\s*(?:{_NOT_A_HOUSE_NUMBER})\b)""",
    re.VERBOSE,
)
_DIGIT = re.compile(r"\d")
_MAX_STREET_NAME = 60  # how far before a house number a street name may start


def _privacy_matches(folded):
    if "@" in folded:
        yield from ((HitKind.EMAIL, m) for m in _EMAIL.finditer(folded))
    if not _DIGIT.search(folded):
        return  # no number, so no phone number, address or postcode
    yield from ((HitKind.PHONE, m) for m in _PHONE.finditer(folded))
    yield from ((HitKind.POSTCODE, m) for m in _POSTCODE.finditer(folded))
    first = _HOUSE_NUMBER_AFTER_STREET.search(folded)
    if first:
        start = max(0, first.start() - _MAX_STREET_NAME)
        yield from ((HitKind.ADDRESS, m) for m in _ADDRESS.finditer(folded, start))


def _privacy_hits(collapsed):
    hits = []
    taken = []  # folded spans already reported: a phone number inside an e-mail address is one hit
    for kind, m in _privacy_matches(collapsed.folded):
        if any(m.start() < end and start < m.end() for start, end in taken):
            continue
        start, end = collapsed.folded_to_original(*m.span())
        typed = collapsed.text[start:end]
        # Postcodes are written with capitals ("7811 AB"); "2026 en" and "1000 km" are not postcodes.
        if kind == HitKind.POSTCODE and not (typed[-2:].isupper() and typed[-2:] not in ("SA", "SD", "SS")):
            continue
        taken.append(m.span())
        hits.append(Hit(typed, start, end, "", WordAction.APPROVE, kind, PRIVACY_REASONS[kind]))
    return hits


# --- the matcher --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Matcher:
    """A compiled word list. Immutable: after build_matcher nothing changes, so one instance can serve
    every thread. Build it once per version of a list; compiling 2,000 entries takes a moment."""

    entries: tuple  # ((pattern, WordAction), ...) as given, validated
    allow: tuple  # (pattern, ...)
    _regexes: tuple  # ((WordAction, re.Pattern, leaves), ...) in ACTION_PRIORITY order
    _allow: re.Pattern | None

    def __repr__(self):
        return f"<Matcher: {len(self.entries)} entries, {len(self.allow)} allowed>"

    def check(self, text):
        """All hits in `text`, ordered by position (longer first, then stronger action)."""
        if not text:
            return []
        collapsed = _Collapsed(text)
        skeleton = collapsed.skeleton
        hits = _privacy_hits(collapsed)
        for action, regex, leaves in self._regexes:
            for m in regex.finditer(skeleton):
                start, end = m.span()
                while start and skeleton[start - 1].isalnum():
                    start -= 1  # a leading * matched inside a word: the hit is the whole word
                if self._allow is not None and self._allow.fullmatch(collapsed.strict(start, end)):
                    continue
                span = collapsed.folded_to_original(*collapsed.folded_span(start, end))
                typed = text[span[0] : span[1]]
                if not any(c.isalpha() for c in typed):
                    continue  # "101" is a number, not "lol"
                pattern = leaves[m.lastindex - 1][0]
                hits.append(Hit(typed, *span, pattern, action, HitKind.WORD, WORD_REASONS[action]))
        # One word can be hit under two actions ("kutwijf": censor and flag); both are kept, so the
        # strongest decides the post and the censor hit still masks the word.
        hits.sort(key=lambda hit: (hit.start, -hit.end, _RANK[hit.action]))
        return hits


def build_matcher(entries, allow=()):
    """Compile `entries`, an iterable of (pattern, action) pairs, and the `allow` patterns into a Matcher.
    Raises ValidationError for a bad pattern (see validate_pattern) and ValueError for an unknown action.
    An allow entry equal to an entry switches that entry off: that is how a class list can overrule a
    school list, so it is not an error here; a form may want to warn about it."""
    checked = tuple((validate_pattern(pattern), WordAction(action)) for pattern, action in entries)
    allowed = tuple(validate_pattern(pattern) for pattern in allow)
    by_action = {action: [] for action in ACTION_PRIORITY}
    for pattern, action in checked:
        by_action[action].append((_parse(pattern), pattern))
    allow_parsed = [(_parse(pattern, strict=True), pattern) for pattern in allowed]
    regexes = tuple((action, *_compile_action(pairs)) for action, pairs in by_action.items() if pairs)
    return Matcher(checked, allowed, regexes, _compile_allow(allow_parsed) if allow_parsed else None)


def strongest_action(hits):
    """The action that decides what happens to the post: block > approve > flag > censor; None if no hits."""
    return min((hit.action for hit in hits), key=_RANK.__getitem__, default=None)


def censor(text, hits):
    """`text` with every censor hit masked: first character kept, the rest of the hit's non-space
    characters as *. The length stays the same, so the offsets of other hits remain valid."""
    masked = list(text)
    for hit in hits:
        if hit.action != WordAction.CENSOR:
            continue
        for i in range(hit.start + 1, hit.end):
            if not masked[i].isspace():
                masked[i] = "*"
    return "".join(masked)


def load_starter_list():
    """(entries, allow) from data/starter_words.json, read on every call: the caller builds and caches the
    matcher, and a changed file must not need a restart to be seen by a new build."""
    data = read_starter_list()
    entries = [(item["pattern"], WordAction(item["action"])) for item in data["entries"]]
    return entries, list(data["allow"])


def read_starter_list():
    """The starter list file as it is: {"entries": [{"pattern", "action", "note"}], "allow": [...]}."""
    return json.loads(STARTER_LIST.read_text(encoding="utf-8"))
