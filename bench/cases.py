"""What a page benchmark measures and the goal it is held to (see run.py)."""

from dataclasses import dataclass

from django.test import Client

# Baselines measured first in every run (bench_baseline.py); pages name the one they are compared with.
BARE_VIEW = "bare view"
WAGTAIL_PAGE = "minimal Wagtail page"


@dataclass(frozen=True)
class Page:
    """One page to time with the test client.

    `baseline`: the baseline this page is compared with; `max_times`: its median may be at most this many
    times the baseline's (a share of the baseline's speed of 25% is max_times=4; timing goals only report).
    `max_queries`: at most this many queries per request; `constant`: the same number of queries at every size
    of the module's SIZES. Query goals are enforced: `make bench` exits non-zero when one is missed.
    `is_baseline`: this row is itself the baseline named `label`."""

    label: str
    client: Client
    url: str
    baseline: str | None = None
    max_times: float | None = None
    max_queries: int | None = None
    constant: bool = False
    is_baseline: bool = False

    @classmethod
    def from_row(cls, row):
        """Modules may still return (label, client, url) tuples: a page without goals."""
        return row if isinstance(row, cls) else cls(*row)
