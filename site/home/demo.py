"""The Wagtail root page of the demo site."""

from wagtail.models import Page, Site

from .models import HomePage


def seed(stdout):
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title="Oefenfeed", slug="oefenfeed"))
        site = Site.objects.filter(is_default_site=True).first()
        old_root = site.root_page if site else None
        if site is None:
            Site.objects.create(hostname="localhost", root_page=home, is_default_site=True, site_name="Oefenfeed")
        else:
            site.root_page = home
            site.site_name = "Oefenfeed"
            site.save()
        if old_root is not None and old_root.specific_class is Page and old_root.pk != home.pk:
            old_root.delete()
    stdout.write("Demo site root ready.")
