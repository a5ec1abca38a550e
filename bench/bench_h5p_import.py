"""Importing a 100 MB .h5p: how much the importing process's peak memory (RSS) rises. Goal: under 64 MB.

Not a page, so this module has `memory()` instead of `setup()`. The package is our own multiple choice with
five 20 MB media files of random bytes (incompressible, stored) in content/, written to a temporary folder.
Each import runs in a fresh subprocess (`python -m bench.bench_h5p_import <package> <h5p root>`) against the
benchmark database, so nothing else this run allocated counts: the child first imports a small package
(imports, caches, the database connection), then measures the peak RSS around `storage.import_package()`.
"""

import json
import os
import random
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from bench.rss import ROOT, peak_rss_kb, reset_peak_rss, run_module

MB = 1024 * 1024
GOAL_MB = 64
MEDIA_FILES = 5
MEDIA_SIZE = 20 * MB  # H5P_MAX_FILE_SIZE's default: each file at the limit
RUNS = int(os.environ.get("BENCH_H5P_IMPORT_RUNS", "3"))


def write_package(path):
    """The 100 MB package at `path`, written chunk by chunk so the parent stays small too."""
    from h5p import builder

    path.write_bytes(builder.build_package("Grote video-opdracht", "OEF.MultiChoice-1.0", _question()))
    rng = random.Random(2026)  # the same bytes every run
    with zipfile.ZipFile(path, "a", zipfile.ZIP_STORED) as zf:
        for index in range(MEDIA_FILES):
            with zf.open(f"content/videos/les-{index + 1}.mp4", "w") as entry:
                for _ in range(MEDIA_SIZE // MB):
                    entry.write(rng.randbytes(MB))


def _question():
    return {"question": "<p>Wat zie je in de video?</p>", "answers": [{"text": "Een klas", "correct": True}]}


def child(package_path, h5p_root):
    """In the subprocess: import the package once, print {"rise_kb", "seconds"} as JSON."""
    sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
    import django

    django.setup()
    import io

    from django.conf import settings

    from h5p import builder
    from h5p.storage import import_package

    settings.H5P_ROOT = h5p_root
    settings.H5P_MAX_TOTAL_SIZE = 128 * MB  # 100 MB of media plus the libraries: just above the default
    warm_up = builder.build_package("Opwarmen", "OEF.MultiChoice-1.0", _question())
    import_package(io.BytesIO(warm_up), allow_libraries=True)

    reset_peak_rss()
    before = peak_rss_kb()
    start = time.perf_counter()
    with open(package_path, "rb") as fileobj:
        import_package(fileobj, allow_libraries=True)
    seconds = time.perf_counter() - start
    print(json.dumps({"rise_kb": peak_rss_kb() - before, "seconds": seconds}))


def memory():
    """Rows (label, size in MB, peak RSS rise in MB (the worst of RUNS), goal in MB, median seconds)."""
    with tempfile.TemporaryDirectory(prefix="oefenfeed-bench-h5p-") as folder:
        package_path = Path(folder) / "groot.h5p"
        write_package(package_path)
        size_mb = round(package_path.stat().st_size / MB)
        results = [
            run_module("bench.bench_h5p_import", package_path, Path(folder) / f"h5p-{run}") for run in range(RUNS)
        ]
    rise = max(result["rise_kb"] for result in results) / 1024
    seconds = sorted(result["seconds"] for result in results)[len(results) // 2]
    return [("h5p: import 100 MB package", size_mb, rise, GOAL_MB, seconds)]


if __name__ == "__main__":
    child(sys.argv[1], sys.argv[2])
