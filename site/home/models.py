"""The Wagtail root page of the site; the lesson library and curriculum pages live under it."""

from wagtail.models import Page


class HomePage(Page):
    """Root of the page tree. Its URL (/) is answered by home.views.index, which knows the user's role."""

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    subpage_types = ["lessons.LessonIndexPage", "curriculum.CurriculumIndexPage"]

    class Meta:
        verbose_name = "startpagina"
