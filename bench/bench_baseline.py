"""The baselines every page is compared with, measured in the same run: a bare Django view (with the project's
middleware, and without any, to show what the middleware costs per request) and a minimal Wagtail page (a plain
`Page` in the site's base layout, served by Wagtail with a template of the benchmarks' own). One more row shows the
floor of every logged-in page: the bare view reading `request.user` (the session and the user, two queries)."""

from django.test import Client, override_settings
from wagtail.models import Page as WagtailPage
from wagtail.models import Site

from accounts.choices import Role
from accounts.models import School, SchoolClass, User

from .cases import BARE_VIEW, WAGTAIL_PAGE, Page

SIZES = [1]


def _minimal_page():
    root = Site.objects.get(is_default_site=True).root_page
    page = root.get_children().filter(slug="bench-minimaal").first()
    if page is None:
        page = root.add_child(instance=WagtailPage(title="Minimale pagina", slug="bench-minimaal"))
    return page


def setup(size):
    school, _ = School.objects.get_or_create(name="Benchschool")
    school_class, created = SchoolClass.objects.get_or_create(
        join_code="BASELINE", defaults={"name": "Basis", "groep": 7, "school": school}
    )
    teacher, _ = User.objects.get_or_create(
        username="bench-baseline-teacher", defaults={"role": Role.TEACHER, "school": school}
    )
    if created:
        school_class.teachers.add(teacher)
        school_class.add_pupils([("Basis", "B")])
    pupil_client = Client()
    pupil_client.force_login(school_class.pupils.get())
    with override_settings(MIDDLEWARE=[]):
        # The client builds its handler, with the middleware of this moment, on its first request.
        no_middleware = Client()
        no_middleware.get("/__bench__/bare/")
    page = _minimal_page()
    return [
        Page(BARE_VIEW, pupil_client, "/__bench__/bare/", is_baseline=True, max_queries=0),
        Page("bare view, no middleware", no_middleware, "/__bench__/bare/", baseline=BARE_VIEW, max_queries=0),
        # What any logged-in page pays before it does anything (not a baseline: the goals stay against the bare view).
        Page("bare view, reads request.user", pupil_client, "/__bench__/who/", baseline=BARE_VIEW, max_queries=2),
        Page(WAGTAIL_PAGE, pupil_client, page.url, is_baseline=True, baseline=BARE_VIEW),
    ]
