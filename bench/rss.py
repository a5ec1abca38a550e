"""Peak memory of a benchmark step, measured in a subprocess of its own (Linux: /proc/self/status VmHWM)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def peak_rss_kb():
    """The process's peak RSS so far (VmHWM), in kB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc/self/status")


def reset_peak_rss():
    """Set VmHWM back to the current RSS (Linux 4.0+), so the peak measured is the step's own."""
    Path("/proc/self/clear_refs").write_text("5")


def run_module(module, *args):
    """Run `python -m module args` and return the JSON object its last output line holds."""
    result = subprocess.run(
        [sys.executable, "-m", module, *map(str, args)],
        cwd=ROOT,
        env=os.environ.copy(),  # the same settings module and the benchmark's migrated database
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"{module} subprocess failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])
