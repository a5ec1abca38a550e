"""WSGI entry point, for hosts without websockets; live updates need the ASGI entry point."""

import os
import sys
from pathlib import Path

SITE_DIR = Path(__file__).resolve().parents[1]
for folder in (SITE_DIR, SITE_DIR.parent):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oefenfeed.settings.production")

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
