"""Browser harness: Playwright drives Debian's Chromium (no downloaded browser) against a live server.

Locally the browser tests skip with a reason when Chromium is missing; with CI=true that is a failure.
"""

import os
import shutil
from importlib import import_module
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test body
# are still plain synchronous calls, so allow them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _missing_reason():
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (make test installs it)"
    return None


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)
            # The live server needs committed data; serialized_rollback puts Wagtail's migration data
            # (locale, root page, groups) back after each test's flush.
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture(scope="session")
def browser():
    reason = _missing_reason()
    if reason:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"Browser tests must run under CI=true: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _ensure_wagtail_base():
    """Wagtail's migration data (default locale, root page, root collection) that every page and image needs.

    serialized_rollback restores it in most orders, but not after every mix of earlier tests; make sure.
    """
    from django.apps import apps
    from django.conf import settings
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import Collection, GroupPagePermission, Locale, Page

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root"))
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")
    # Our own data migrations (lesson tags, the review workflow, the library permission) and
    # Wagtail's groups with their page permissions on the root page: all idempotent, all lost to a flush.
    root = Page.objects.get(depth=1)
    for name, codenames in (
        ("Moderators", ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")),
        ("Editors", ("add_page", "change_page", "lock_page")),
    ):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
        for codename in codenames:
            permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)
    import_module("lessons.migrations.0002_goal_and_theme_rows").create_rows(apps, None)
    import_module("h5p.migrations.0002_grant_install_library").grant(apps, None)
    from curriculum.review import set_up_review

    set_up_review(apps)


@pytest.fixture
def context(browser, live_server, transactional_db):
    _ensure_wagtail_base()
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture
def assert_accessible():
    """Run axe-core (WCAG 2.1 A and AA rules) on the page as it is now; fail listing every violation."""
    if not AXE.exists():
        pytest.fail(f"axe-core is missing at {AXE}: run `make assets`")
    script = AXE.read_text()

    def check(page, context_label=""):
        # Through the DevTools protocol, not a <script> element: the strict CSP refuses inline scripts.
        page.evaluate(script + "\n;true")
        result = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
        problems = [
            f"{violation['id']} ({violation['impact']}): {violation['help']} -> "
            + ", ".join(node["target"][0] for node in violation["nodes"][:5])
            for violation in result["violations"]
        ]
        assert not problems, f"Accessibility problems on {context_label or page.url}:\n" + "\n".join(problems)

    return check


@pytest.fixture
def login_as(context, live_server):
    """Give the browser context a logged-in session for `user`, without going through a login form."""

    def login(user, target=None):
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.save()
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": live_server.url}]
        )
        return target or context.new_page()

    return login


@pytest.fixture
def asgi_server(transactional_db):
    """The real ASGI application (HTTP and websockets) under uvicorn in a thread of this process, so the
    in-memory channel layer and the test database are shared with the test. Yields the base URL."""
    import socket
    import threading
    import time

    import uvicorn
    from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler

    from oefenfeed.asgi import application

    _ensure_wagtail_base()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(
        ASGIStaticFilesHandler(application), host="127.0.0.1", port=port, log_level="warning", lifespan="off"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("The ASGI test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def session_for():
    """A session cookie (name, value) for `user`, to put in any browser context."""

    def make(user):
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.save()
        return settings.SESSION_COOKIE_NAME, session.session_key

    return make
