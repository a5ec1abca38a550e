"""Template access to the curriculum, so start pages can link to it without importing this app."""

from django import template

from curriculum.models import CurriculumIndexPage

register = template.Library()


@register.simple_tag
def curriculum_index():
    return CurriculumIndexPage.objects.live().first()
