"""Template context shared by every page: the logged-in user's role, for the navigation."""

from .choices import Role


def roles(request):
    return {"Role": Role}
