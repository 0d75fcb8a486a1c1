"""The Bulgarian admin beyond wagtail.admin: images, documents, snippets, form submissions,
redirects, users, sites, locales and wagtail-localize (its "Translate this page" form, the update
form and the React translation editor, whose strings come from wagtail-localize's own JavaScript
catalogue plus the props the view renders).

The catalogues are in translations/<package>/bg/LC_MESSAGES/ (LOCALE_PATHS). Each test signs in a
staff member whose admin language is Bulgarian and checks the interface text a person reads
(text nodes and the placeholder/title/aria-label attributes, not scripts): known English strings of
that screen are gone and their Bulgarian is there. One test shows the same screens stay English for
an English-speaking staff member, so these checks can fail."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

SITE_PACKAGES = Path(polib.__file__).resolve().parent


class InterfaceText(HTMLParser):
    """The words a person reads on the page: text outside script/style/svg/template, and the
    attributes a screen reader or tooltip shows."""

    HIDDEN = {"script", "style", "svg", "template"}
    READ_ATTRIBUTES = {"placeholder", "title", "aria-label", "alt"}

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self.depth += 1
        self.parts.extend(value for name, value in attrs if name in self.READ_ATTRIBUTES and value)

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if not self.depth and data.strip():
            self.parts.append(" ".join(data.split()))


def interface_text(response):
    parser = InterfaceText()
    parser.feed(response.content.decode())
    return "\n".join(parser.parts)


def staff_member(django_user_model, language):
    from wagtail.users.models import UserProfile

    user = django_user_model.objects.create_superuser(
        username=f"staff-{language}", email=f"staff-{language}@example.org", password="a-long-password-123"
    )
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


@pytest.fixture
def bulgarian_staff(client, django_user_model):
    client.force_login(staff_member(django_user_model, "bg"))
    return client


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return interface_text(response)


def assert_bulgarian(text, *, absent, present):
    leftovers = [phrase for phrase in absent if re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text)]
    assert not leftovers, f"English left in the Bulgarian admin: {leftovers}"
    missing = [phrase for phrase in present if phrase not in text]
    assert not missing, f"Bulgarian missing: {missing}"


@pytest.fixture
def library(site_tree):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    factories.ImageFactory(title="Снимка от Сливен")
    get_document_model().objects.create(title="Годишен отчет", file=ContentFile(b"%PDF-1.4", name="report.pdf"))
    return site_tree


def test_images_index_reads_bulgarian(bulgarian_staff, library):
    text = read(bulgarian_staff, reverse("wagtailimages:index"))
    assert_bulgarian(
        text,
        absent=["Add an image", "Images", "Sort by", "Popular tags", "Collection", "Select all images in listing"],
        present=["Изображения", "Добавете изображение", "Снимка от Сливен", "Колекция"],
    )


def test_image_upload_form_reads_bulgarian(bulgarian_staff, library):
    text = read(bulgarian_staff, reverse("wagtailimages:add_multiple"))
    assert_bulgarian(
        text,
        absent=["Add images", "Drag and drop images into this area to upload immediately.",
                "Or choose from your computer"],
        present=["Добавете изображения", "Плъзнете и пуснете изображения тук, за да ги качите веднага.",
                 "Или изберете от компютъра си"],
    )


def test_documents_index_reads_bulgarian(bulgarian_staff, library):
    text = read(bulgarian_staff, reverse("wagtaildocs:index"))
    assert_bulgarian(
        text,
        absent=["Add a document", "Documents", "Select all documents in listing", "File"],
        present=["Документи", "Добавете документ", "Годишен отчет", "Изберете всички"],
    )


def test_snippet_listing_reads_bulgarian(bulgarian_staff, site_tree):
    text = read(bulgarian_staff, reverse("wagtailsnippets_projects_place:list"))
    assert_bulgarian(
        text,
        absent=["Snippets", "Select all", "Delete selected snippets"],
        present=["Фрагменти", "Перник", "Изберете всички"],
    )


def test_form_submissions_read_bulgarian(bulgarian_staff, site_tree):
    from wagtail.contrib.forms.models import FormSubmission

    contact = site_tree.bg["contact"]
    FormSubmission.objects.create(page=contact, form_data={"name": "Мария", "message": "Здравейте"})
    forms = read(bulgarian_staff, reverse("wagtailforms:index"))
    assert_bulgarian(forms, absent=["Forms", "Origin", "Page type"], present=["Форми", "Произход", "Тип страница"])
    submissions = read(bulgarian_staff, reverse("wagtailforms:list_submissions", args=[contact.pk]))
    assert_bulgarian(
        submissions,
        absent=["Submission date", "Delete selected submissions", "Date from", "Date to"],
        present=["Дата на изпращане", "Изтрийте избраните отговори", "Изпратени отговори на"],
    )


def test_redirects_read_bulgarian(bulgarian_staff, site_tree):
    from wagtail.contrib.redirects.models import Redirect

    Redirect.objects.create(old_path="/stara", redirect_link="https://example.org/")
    text = read(bulgarian_staff, reverse("wagtailredirects:index"))
    assert_bulgarian(
        text,
        absent=["Redirects", "Add redirect", "Import redirects", "Permanent", "From site", "Search redirects"],
        present=["Пренасочвания", "Добавете пренасочване", "Внасяне на пренасочвания", "Постоянно"],
    )


def test_users_and_groups_read_bulgarian(bulgarian_staff, site_tree):
    users = read(bulgarian_staff, reverse("wagtailusers_users:index"))
    assert_bulgarian(
        users,
        absent=["Add a user", "Users", "Username", "Access level", "Last login", "Select all users in listing"],
        present=["Потребители", "Добавете потребител", "Ниво на достъп", "Последен вход"],
    )
    groups = read(bulgarian_staff, reverse("wagtailusers_groups:index"))
    assert_bulgarian(groups, absent=["Add a group", "Groups"], present=["Групи", "Добавете група"])


def test_sites_and_locales_read_bulgarian(bulgarian_staff, site_tree):
    sites = read(bulgarian_staff, reverse("wagtailsites:index"))
    assert_bulgarian(sites, absent=["Add a site", "Sites", "Default?"], present=["Сайтове", "Добавете сайт"])
    locales = read(bulgarian_staff, reverse("wagtaillocales:index"))
    # The usage column is hard-coded English upstream; templates/wagtaillocales/index.html translates it.
    assert_bulgarian(
        locales,
        absent=["Locales", "Add a locale", "pages", "others", "Usage"],
        present=["Езици", "Добавете език", "Употреба", "страници", "български", "английски"],
    )


@pytest.fixture
def synced_translation(site_tree):
    """A Bulgarian page translated into English through wagtail-localize, as the seed does."""
    from wagtail_localize.models import Translation, TranslationSource

    source, _ = TranslationSource.get_or_create_from_instance(site_tree.untranslated)
    translation = Translation.objects.create(source=source, target_locale=site_tree.en_locale)
    translation.save_target(publish=True)
    return translation


def test_translate_this_page_reads_bulgarian(bulgarian_staff, site_tree):
    page = site_tree.bg["content"]
    text = read(bulgarian_staff, reverse("wagtail_localize:submit_page_translation", args=[page.pk]))
    assert_bulgarian(
        text,
        absent=["Translate page", "Locales", "Select all", "Translate this page", "Include subtree"],
        present=["Преведете страницата", "Езици"],
    )


def test_sync_translated_pages_reads_bulgarian(bulgarian_staff, synced_translation):
    url = reverse("wagtail_localize:update_translations", args=[synced_translation.source.pk])
    text = read(bulgarian_staff, url)
    assert_bulgarian(
        text,
        absent=["Update existing translations", "Publish immediately", "Use machine translation",
                "Why would I sync my page?"],
        present=["Обновете съществуващите преводи", "Публикувайте веднага", "Защо да синхронизирам страницата?"],
    )


def test_translation_editor_page_and_props_read_bulgarian(bulgarian_staff, synced_translation):
    target = synced_translation.get_target_instance()
    response = bulgarian_staff.get(reverse("wagtailadmin_pages:edit", args=[target.pk]))
    assert response.status_code == 200
    assert_bulgarian(interface_text(response), absent=["Translation of", "Translations"], present=["Превод на"])
    props = json.loads(re.search(r'data-props="([^"]*)"', response.content.decode()).group(1).replace("&quot;", '"'))
    # The React editor writes "Publish in " + this name and "Uses %s version": in Bulgarian both read
    # Bulgarian ("Публикувайте на английски") because WAGTAIL_CONTENT_LANGUAGES names the languages
    # through the catalogue.
    assert props["sourceLocale"]["displayName"] == "български"
    assert props["locale"]["displayName"] == "английски"


def test_translation_editor_javascript_catalogue_is_complete_in_bulgarian(bulgarian_staff):
    """Every msgid the React editor can show (wagtail-localize's djangojs template) has its Bulgarian
    in the catalogue the editor page loads."""
    response = bulgarian_staff.get(reverse("wagtail_localize:javascript_catalog"))
    assert response.status_code == 200
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});", response.content.decode(), re.S).group(1))
    template = polib.pofile(str(SITE_PACKAGES / "wagtail_localize/locale/en/LC_MESSAGES/djangojs.po"))
    missing = [entry.msgid for entry in template if not entry.obsolete and entry.msgid not in catalogue]
    assert not missing, missing
    assert catalogue["Download PO file"] == "Изтеглете PO файл"
    assert catalogue["Publish in "] == "Публикувайте на "
    assert catalogue["Save"] == "Запазете"


def test_the_same_screens_stay_english_for_english_staff(client, django_user_model, library):
    client.force_login(staff_member(django_user_model, "en"))
    assert "Add an image" in read(client, reverse("wagtailimages:index"))
    assert "Add a document" in read(client, reverse("wagtaildocs:index"))
    assert "Add redirect" in read(client, reverse("wagtailredirects:index"))
    page = library.bg["content"]
    assert "Translate page" in read(client, reverse("wagtail_localize:submit_page_translation", args=[page.pk]))


def test_translation_editor_gets_its_hard_coded_title_in_bulgarian(bulgarian_staff, synced_translation):
    """The editor's "<source> to <target> translation" is a template literal upstream; the page
    carries the translated title for static/js/translation-editor-title.js to put in its place."""
    target = synced_translation.get_target_instance()
    page = bulgarian_staff.get(reverse("wagtailadmin_pages:edit", args=[target.pk])).content.decode()
    script = re.search(r'<script src="([^"]*translation-editor-title\.js)" data-title="([^"]*)"', page)
    assert script, "the title script is missing from the translation editor"
    assert script.group(2) == "Превод от {source} на {target}"
    source = (Path(__file__).resolve().parents[1] / "static/js/translation-editor-title.js").read_text()
    assert "${source} to ${target} translation" in source  # the exact English text it replaces
