"""Template access to the curriculum, so start pages and class pages can link to it without importing this app."""

from django import template

from curriculum.models import CurriculumIndexPage

register = template.Library()


@register.simple_tag
def curriculum_index():
    return CurriculumIndexPage.objects.live().first()


@register.simple_tag(takes_context=True)
def curriculum_url(context, curriculum, name, *args):
    """The address of a route of the curriculum page: 'coverage', 'coverage_print', 'coverage_csv',
    'dashboard', or 'class_progress' with the class id."""
    request = context.get("request")
    return curriculum.get_url(request=request) + curriculum.reverse_subpage(name, args=args).lstrip("/")
