"""Benchmarks: time and count queries of the busiest pages as the data grows. Run with `make bench`.

Each bench_*.py module in this folder has `SIZES` and `setup(size)` returning (label, client, url) tuples
to measure, and/or `run()` for something that is not a page, returning rows (label, size, median ms,
max ms, queries or None) it measured itself (bench_live.py serves the ASGI application with uvicorn in a
thread for it), and/or `memory()` returning rows (label, size, peak memory rise in MB, goal in MB, median
seconds). The database is a fresh SQLite file (or DATABASE_URL), migrated once; nothing here is a test.
"""

import importlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oefenfeed.settings.test")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='oefenfeed-bench-')}/bench.sqlite3"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

REPEAT = int(os.environ.get("BENCH_REPEAT", "20"))


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
    return statistics.median(timings), max(timings), len(queries)


def main():
    call_command("migrate", verbosity=0)
    modules = sorted(p.stem for p in Path(__file__).parent.glob("bench_*.py"))
    only = os.environ.get("BENCH_ONLY")  # e.g. BENCH_ONLY=queue make bench
    if only:
        modules = [name for name in modules if only in name]
    print(f"{'benchmark':<38} {'size':>6} {'median ms':>10} {'max ms':>8} {'queries':>8}")
    for name in modules:
        module = importlib.import_module(f"bench.{name}")
        for size in getattr(module, "SIZES", ()):
            for label, client, url in module.setup(size):
                reset_queries()
                median, worst, queries = measure(client, url)
                print(f"{label:<38} {size:>6} {median:>10.1f} {worst:>8.1f} {queries:>8}")
        for label, size, median, worst, queries in module.run() if hasattr(module, "run") else ():
            # Three decimals: these are sub-millisecond timings.
            queries = "-" if queries is None else queries
            print(f"{label:<38} {size:>6} {median:>10.3f} {worst:>8.3f} {queries:>8}")
        for label, size, rise, goal, seconds in module.memory() if hasattr(module, "memory") else ():
            verdict = "ok" if rise < goal else "OVER GOAL"
            print(f"{label:<38} {size:>6} peak RSS +{rise:.1f} MB (goal < {goal} MB: {verdict}), {seconds:.2f} s")


if __name__ == "__main__":
    main()
