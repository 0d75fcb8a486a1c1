"""Fixtures for the partner area: a small site (home, project, press index in both languages),
two partner organisations with one member each, a staff member, and materials on disk in a
temporary PRIVATE_MEDIA_ROOT."""

import itertools
import os
import tempfile

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile

# The browser tests start the site in another process: it must write documents to a
# temporary directory too, never into the working copy.
os.environ.setdefault("PRIVATE_MEDIA_ROOT", tempfile.mkdtemp(prefix="mir-test-private-"))

PASSWORD = "correct horse battery staple 42"
_sequence = itertools.count(1)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """PBKDF2 at Django's production strength takes over a second per password on this machine."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language: a request in an earlier test leaves its own
    language active in this thread, and reverse() would follow it."""
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        yield




@pytest.fixture
def site_tree(db):
    """Home, project index, one project and a press index, in Bulgarian with English
    translations, under the default Site."""
    from wagtail.models import Locale, Page, Site

    from home.models import HomePage, PressIndexPage
    from projects.models import ProjectIndexPage, ProjectPage

    bulgarian, _ = Locale.objects.get_or_create(language_code="bg")
    english, _ = Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Начало", slug="home-test", locale=bulgarian, mission="Мисия"))
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True, site_name="Test")
    projects = home.add_child(instance=ProjectIndexPage(title="Проекти", slug="projects", locale=bulgarian))
    project = projects.add_child(
        instance=ProjectPage(
            title="Тестов проект", slug="test-project", locale=bulgarian, summary="Резюме", lead_organisation="Водеща"
        )
    )
    other_project = projects.add_child(
        instance=ProjectPage(
            title="Друг проект", slug="other-project", locale=bulgarian, summary="Резюме", lead_organisation="Водеща"
        )
    )
    press = home.add_child(instance=PressIndexPage(title="Прес център", slug="press", locale=bulgarian))

    english_home = home.copy_for_translation(english)
    english_home.title = "Home"
    english_home.save_revision().publish()
    english_projects = projects.copy_for_translation(english)
    english_projects.save_revision().publish()
    english_project = project.copy_for_translation(english)
    english_project.title = "Test project"
    english_project.save_revision().publish()
    english_press = press.copy_for_translation(english)
    english_press.save_revision().publish()
    return {
        "home": home,
        "project": project,
        "other_project": other_project,
        "english_project": english_project.specific,
        "press": press,
        "english_press": english_press.specific,
    }


def make_user(email, *, password=PASSWORD, verified=True, **fields):
    from allauth.account.models import EmailAddress

    user = get_user_model().objects.create_user(username=email.split("@")[0], email=email, password=password, **fields)
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


@pytest.fixture
def organisations(db, site_tree):
    from partners.models import PartnerOrganisation

    funder = PartnerOrganisation.objects.create(
        name="Example Funder",
        organisation_type="funder",
        contact_name="Contact Person",
        contact_email="contact@example.org",
    )
    funder.projects.add(site_tree["project"])
    municipality = PartnerOrganisation.objects.create(name="Example Municipality", organisation_type="municipality")
    return {"right": funder, "other": municipality}


@pytest.fixture
def partner(organisations):
    from partners.models import PartnerMembership

    user = make_user("partner@example.org")
    PartnerMembership.objects.create(user=user, organisation=organisations["right"])
    return user


@pytest.fixture
def other_partner(organisations):
    from partners.models import PartnerMembership

    user = make_user("other@example.org")
    PartnerMembership.objects.create(user=user, organisation=organisations["other"])
    return user


@pytest.fixture
def staff(db):
    """An editor: admin access and permission to choose and change documents (not a superuser)."""
    from wagtail.models import Collection, GroupCollectionPermission

    user = make_user("staff@example.org")
    editors, _ = Group.objects.get_or_create(name="Test editors")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_document", "change_document", "choose_document"):
        GroupCollectionPermission.objects.create(
            group=editors,
            collection=Collection.get_first_root_node(),
            permission=Permission.objects.get(content_type__app_label="wagtaildocs", codename=codename),
        )
    for codename in ("view_downloadlog", "view_accountevent", "add_invitation", "view_invitation"):
        editors.permissions.add(Permission.objects.get(codename=codename))
    user.groups.add(editors)
    return user


@pytest.fixture
def stranger(db):
    """Signed in, but neither a partner nor staff (e.g. an account whose membership was removed)."""
    return make_user("stranger@example.org")


def make_document(title="Annual report", *, content=b"%PDF-1.4 test file\n", filename=None, collection=None, **fields):
    from wagtail.models import Collection

    from partners.models import PartnerDocument

    organisations = fields.pop("organisations", [])
    number = next(_sequence)
    document = PartnerDocument(title=title, collection=collection or Collection.get_first_root_node(), **fields)
    document.file.save(filename or f"material-{number}.pdf", ContentFile(content), save=False)
    document.save()
    if organisations:
        document.organisations.set(organisations)
    return document


@pytest.fixture
def material(organisations, site_tree):
    """A report shared with the right organisation only."""
    return make_document(
        "Quarterly financial statement ZQX",
        kind="financial_statement",
        project=site_tree["project"],
        organisations=[organisations["right"]],
    )


@pytest.fixture
def public_document(db):
    return make_document("Public leaflet", filename="leaflet.pdf")


@pytest.fixture
def partner_materials_collection(db):
    from wagtail.models import Collection

    return Collection.objects.get(name="Материали за партньори")


def translated(text, language="bg"):
    """An interface string as the site shows it in that language (Bulgarian when the
    translations are compiled, the English source otherwise)."""
    from django.utils import translation

    with translation.override(language):
        return translation.gettext(text)
