"""A small site for the backup test, built with the test factories in the process that runs
``manage.py shell``: a home page and a content page in both languages, an image (a file under
MEDIA_ROOT) and a private document (a file under PRIVATE_MEDIA_ROOT). Far less work than the full
seed, and enough for what the test proves: data and files come back from the backups."""

from django.core.files.base import ContentFile
from wagtail.models import Collection, Page, Site


def build():
    from home.models import OrganisationSettings
    from partners.models import PartnerDocument
    from tests import factories
    from tests.conftest import translate

    bulgarian = factories.locale("bg")
    factories.locale("en")
    # A database that a transactional test has flushed has no tree root or root collection left.
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=bulgarian))
    collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
    factories.ImageFactory(collection=collection)
    home = factories.HomePageFactory(parent=root, locale=bulgarian)
    site = Site.objects.filter(is_default_site=True).first() or Site(hostname="127.0.0.1", is_default_site=True)
    site.root_page = home
    site.save()
    if not OrganisationSettings.objects.filter(site=site).exists():
        factories.OrganisationSettingsFactory(site=site)
    translate(home, title="Home", mission="Integrated development of communities.")
    translate(factories.ContentPageFactory(parent=home, locale=bulgarian), title="About us")
    document = PartnerDocument(title="Report", collection=collection)
    document.file.save("report.pdf", ContentFile(b"%PDF-1.4 private report\n"), save=False)
    document.save()
