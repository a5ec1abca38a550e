"""Benchmarks: time and count queries of the busiest pages as the data grows. Run with `make bench`.

Each bench_*.py module in this folder has `SIZES` and `setup(size)` returning the pages to measure (cases.Page,
or (label, client, url) tuples for a page without goals), and/or `run()` for something that is not a page,
returning rows (label, size, median ms, max ms, queries or None) it measured itself (bench_live.py serves the
ASGI application with uvicorn in a thread for it), and/or `memory()` returning rows (label, size, peak memory
rise in MB, goal in MB, median seconds). The database is a fresh SQLite file (or DATABASE_URL), migrated once;
nothing here is a test.

One table comes out: each page's median, its time as a multiple of the baseline it is compared with (measured
in the same run by bench_baseline.py, which sorts first), its queries per request and its goal. Timings only
report ("slower" beside a missed timing goal); a missed query goal (too many, or a count that changes with the
data size where it must stay constant) makes the run exit non-zero.
"""

import importlib
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oefenfeed.settings.test")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='oefenfeed-bench-')}/bench.sqlite3"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.cases import Page  # noqa: E402

REPEAT = int(os.environ.get("BENCH_REPEAT", "20"))
# The memory and live benchmarks run in subprocesses or servers of their own and take most of a run's time;
# BENCH_QUICK=1 leaves them out (the page table alone).
QUICK = os.environ.get("BENCH_QUICK") == "1"
SLOW_MODULES = {"bench_h5p_import", "bench_research_export", "bench_live"}

HEADER = f"{'benchmark':<40} {'size':>6} {'median ms':>10} {'x base':>7} {'queries':>8}  goal"


def measure(client, url):
    client.get(url)  # warm caches and templates
    timings = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(timings), len(queries)


class Table:
    """Prints the rows as they come and remembers what the verdict needs."""

    def __init__(self):
        self.baselines = {}
        self.queries_by_label = defaultdict(dict)  # label -> {size: queries} for pages that must stay constant
        self.missed = []

    def page(self, page, size):
        reset_queries()
        median, queries = measure(page.client, page.url)
        if page.is_baseline:
            self.baselines[page.label] = median
        base = self.baselines.get(page.baseline)
        times = median / base if base else None
        goals, verdicts = [], []
        if page.max_times is not None:
            share = 100 / page.max_times
            goals.append(f"<= {page.max_times:g}x {page.baseline} ({share:.0f}% of its speed)")
            if times is not None and times > page.max_times:
                verdicts.append("slower")
        if page.max_queries is not None:
            goals.append(f"<= {page.max_queries} queries")
            if queries > page.max_queries:
                verdicts.append("TOO MANY QUERIES")
                self.missed.append(f"{page.label} ({size}): {queries} queries, goal <= {page.max_queries}")
        if page.constant:
            goals.append("same at every size")
            seen = self.queries_by_label[page.label]
            if seen and queries not in seen.values():
                verdicts.append("NOT CONSTANT")
                self.missed.append(f"{page.label}: queries {dict(seen)} and {queries} at {size}")
            seen[size] = queries
        goal = "; ".join(goals) or "-"
        if goals:
            goal += " -> " + (", ".join(verdicts) or "ok")
        times_text = f"{times:>6.2f}x" if times is not None else f"{'-':>7}"
        print(f"{page.label:<40} {size:>6} {median:>10.2f} {times_text} {queries:>8}  {goal}", flush=True)

    def timing(self, label, size, median, worst, queries):
        queries = "-" if queries is None else queries
        # Three decimals: these are sub-millisecond timings. The worst run stands where a page has its goal.
        unit = "" if "(ratio)" in label else " ms"  # a ratio row carries numbers, not milliseconds
        print(f"{label:<40} {size:>6} {median:>10.3f} {'-':>7} {queries:>8}  max {worst:.3f}{unit}", flush=True)

    def memory(self, label, size, rise, goal, seconds):
        verdict = "ok" if rise < goal else "OVER GOAL"
        goal_text = f"peak RSS +{rise:.1f} MB, goal < {goal} MB: {verdict}"
        print(f"{label:<40} {size:>6} {seconds * 1000:>10.0f} {'-':>7} {'-':>8}  {goal_text}", flush=True)


def main():
    call_command("migrate", verbosity=0)
    modules = sorted(p.stem for p in Path(__file__).parent.glob("bench_*.py"))
    only = os.environ.get("BENCH_ONLY")  # e.g. BENCH_ONLY=queue make bench
    if only:
        modules = [name for name in modules if only in name or name == "bench_baseline"]
    if QUICK:
        modules = [name for name in modules if name not in SLOW_MODULES]
    templates = [
        {**settings.TEMPLATES[0], "DIRS": [Path(__file__).parent / "templates", *settings.TEMPLATES[0]["DIRS"]]}
    ]
    table = Table()
    started = time.perf_counter()
    print(HEADER)
    with override_settings(ROOT_URLCONF="bench.urls", TEMPLATES=templates):
        for name in modules:
            module = importlib.import_module(f"bench.{name}")
            for size in getattr(module, "SIZES", ()):
                for row in module.setup(size):
                    table.page(Page.from_row(row), size)
            for row in module.run() if hasattr(module, "run") else ():
                table.timing(*row)
            for row in module.memory() if hasattr(module, "memory") else ():
                table.memory(*row)
    print(f"\n{time.perf_counter() - started:.0f} s in all.")
    if table.missed:
        print("Query goals missed:\n  " + "\n  ".join(table.missed))
        raise SystemExit(1)


if __name__ == "__main__":
    main()
