"""The word filter: compiling a school-sized list, and checking one full-length post against it.

Not a page, so this module has `run()` instead of `setup()`. The list is the starter list padded with
made-up Dutch-looking words to 2,000 entries, in the mix a real list grows into: mostly whole words,
some compounds with `*`, and an allow-list of harmless compounds.
"""

import os
import random
import re
import statistics
import time

from sandbox_feed.wordfilter import WordAction, build_matcher, load_starter_list

SIZE = 2000
CHECKS = int(os.environ.get("BENCH_WORDFILTER_CHECKS", "2000"))
BUILDS = 5

# Just under 500 characters, the post limit: accents, an emoji, a phone number, a few list words and letter tricks.
POST = (
    "Gisteren zijn we met groep 7 naar het museum geweest 😄. Het was supergaaf, vooral de ridders. "
    "Daarna hebben we in het park geluncht en Sanne viel bijna in de vijver, "
    "haha. Sommige jongens deden weer stom en riepen k4nker naar elkaar, dat vond de juf niet leuk. Mijn "
    "opa heeft longkanker gehad, dus ik weet hoe erg het is. Volgende week maken we een werkstuk over het "
    "café van vroeger en de reis van de ooievaar naar Afrika. Wie wil met mij samenwerken? Bel me op "
    "06-12345678 of zeg het in de pauze!"
)
ASCII_POST = POST.replace("😄", ":)").replace("café", "cafe").replace("06-12345678", "woensdag.")

SYLLABLES = [consonant + vowel for consonant in "bklmnprstvz" for vowel in "aeiou"]
ENDINGS = ["", "r", "n", "l", "k", "t", "s", "m", "rt", "nk", "ls"]


def _made_up_words(count, rng):
    words = set()
    while len(words) < count:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) + rng.choice(ENDINGS))
    return sorted(words)


def school_sized_list():
    entries, allow = load_starter_list()
    rng = random.Random(2026)  # the same list every run, so numbers compare across runs
    actions = list(WordAction)
    for i, word in enumerate(_made_up_words(SIZE - len(entries), rng)):
        shape = i % 10
        pattern = f"{word}*" if shape < 2 else f"*{word}" if shape == 2 else f"*{word}*" if shape == 3 else word
        entries.append((pattern, actions[i % len(actions)]))
        if shape < 2 and i % 4 == 0:
            allow.append(f"{word}onderzoek")  # like kankeronderzoek next to kanker*
    return entries, allow


def _timed(function, times):
    timings = []
    for _ in range(times):
        start = time.perf_counter()
        function()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings), max(timings)


def run():
    entries, allow = school_sized_list()

    def fresh_build():
        re.purge()  # re caches compiled patterns by their text: without this, builds after the first are free
        build_matcher(entries, allow)

    rows = [("wordfilter: compile matcher", len(entries), *_timed(fresh_build, BUILDS), None)]
    matcher = build_matcher(entries, allow)
    for label, post in (
        ("wordfilter: check 500 chars, emoji", POST),
        ("wordfilter: check 500 chars, ASCII", ASCII_POST),
    ):
        matcher.check(post)  # warm up
        rows.append((label, len(entries), *_timed(lambda post=post: matcher.check(post), CHECKS), None))
    return rows
