#!/usr/bin/env python
"""Django's command-line utility for Oefenfeed. Puts site/ on sys.path (its packages have their own names)."""

import os
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent


def main():
    sys.path.insert(0, str(BASE_DIR / "site"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oefenfeed.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
