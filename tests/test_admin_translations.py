"""The admin in Bulgarian: the upstream catalogues shipped in translations/<package>/ are complete
(scripts/check_admin_translations.py, so an upgrade that adds strings fails CI), they compile, the
project's own catalogue wins, and a staff member whose admin language is Bulgarian meets Bulgarian
on the main admin screens and in the admin's JavaScript catalogue."""

import re
import shutil
import subprocess

import polib
import pytest
from django.conf import settings

from scripts import check_admin_translations as checker
from tests import factories

CATALOGUES = sorted(checker.TRANSLATIONS.glob("*/bg/LC_MESSAGES/*.po"))


def unescape(text):
    """Wagtail puts the sidebar's labels in JSON (\\uXXXX escapes); read them as text."""
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)


def has_catalogue(package):
    return (checker.TRANSLATIONS / package).is_dir()


# --- The catalogues ------------------------------------------------------------------------------


def test_the_wagtail_admin_catalogues_are_shipped():
    packages = {path.parts[-4] for path in CATALOGUES}
    assert "wagtail.admin" in packages
    assert {p.name for p in CATALOGUES if p.parts[-4] == "wagtail.admin"} == {"django.po", "djangojs.po"}


def test_every_upstream_msgid_the_admin_shows_is_translated():
    """Strict: every catalogue of every installed wagtail, wagtail-localize and allauth app, ours
    or upstream's Bulgarian (what `check_admin_translations.py --strict` checks)."""
    reports = [
        checker.check(package, domain, template, upstream)
        for (package, domain), (template, upstream) in checker.upstream_catalogues().items()
    ]
    assert reports, "no catalogue under translations/ was checked"
    failures = {f"{r.package}/{r.domain}": (r.missing[:10], r.problems[:10]) for r in reports if r.failed}
    assert failures == {}


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: f"{p.parts[-4]}/{p.name}")
def test_catalogue_is_bulgarian_without_fuzzy_or_empty_entries(path):
    catalogue = polib.pofile(str(path))
    assert catalogue.metadata["Language"] == "bg"
    assert catalogue.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    assert [e.msgid for e in catalogue if "fuzzy" in e.flags or not checker.is_translated(e)] == []


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="GNU gettext's msgfmt is not installed")
@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: f"{p.parts[-4]}/{p.name}")
def test_catalogue_passes_msgfmt_check(path):
    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_the_project_catalogue_comes_before_the_upstream_ones():
    assert settings.LOCALE_PATHS[0] == settings.BASE_DIR / "locale"
    shipped = {checker.TRANSLATIONS / p.parts[-4] for p in CATALOGUES}
    assert shipped <= set(settings.LOCALE_PATHS[1:])


# --- The check script can fail -------------------------------------------------------------------


@pytest.fixture
def upgrade(tmp_path, monkeypatch):
    """A package "demo" whose new release added a msgid the project has not translated yet."""
    monkeypatch.setattr(checker, "TRANSLATIONS", tmp_path / "translations")
    template = tmp_path / "en.po"
    catalogue = polib.POFile()
    for msgid in ("Publish", "Schedule %(title)s"):
        catalogue.append(polib.POEntry(msgid=msgid, msgstr=""))
    catalogue.save(str(template))
    return template, tmp_path / "missing-upstream-bg.po"


def write_ours(entries):
    path = checker.project_file("demo", "django")
    path.parent.mkdir(parents=True)
    catalogue = polib.POFile()
    catalogue.metadata = dict(checker.HEADER)
    for entry in entries:
        catalogue.append(entry)
    catalogue.save(str(path))


def test_check_lists_a_msgid_an_upgrade_added(upgrade):
    write_ours([polib.POEntry(msgid="Publish", msgstr="Публикувайте")])
    report = checker.check("demo", "django", *upgrade)
    assert report.failed
    assert report.missing == ["Schedule %(title)s"]


def test_check_rejects_a_translation_that_lost_its_placeholder(upgrade):
    write_ours([
        polib.POEntry(msgid="Publish", msgstr="Публикувайте"),
        polib.POEntry(msgid="Schedule %(title)s", msgstr="Насрочете"),
    ])
    report = checker.check("demo", "django", *upgrade)
    assert report.missing == []
    assert report.problems and "placeholder" in report.problems[0]


def test_check_does_not_count_a_fuzzy_entry_as_translated(upgrade):
    write_ours([
        polib.POEntry(msgid="Publish", msgstr="Публикувайте"),
        polib.POEntry(msgid="Schedule %(title)s", msgstr="Насрочете %(title)s", flags=["fuzzy"]),
    ])
    report = checker.check("demo", "django", *upgrade)
    assert report.missing == ["Schedule %(title)s"]


def test_update_keeps_translations_and_leaves_new_msgids_empty(upgrade):
    write_ours([polib.POEntry(msgid="Publish", msgstr="Публикувайте"), polib.POEntry(msgid="Gone", msgstr="Няма")])
    path = checker.update("demo", "django", *upgrade)
    entries = {e.msgid: e.msgstr for e in polib.pofile(str(path))}
    assert entries == {"Publish": "Публикувайте", "Schedule %(title)s": ""}


# --- The admin in Bulgarian ----------------------------------------------------------------------


@pytest.fixture
def bulgarian_staff(db, django_user_model):
    from wagtail.users.models import UserProfile

    user = django_user_model.objects.create_superuser(username="ana", email="ana@example.org", password="x")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "bg"
    profile.save()
    return user


@pytest.fixture
def admin_page(home_pages):
    return factories.ContentPageFactory(parent=home_pages.home_bg, title="Моделът", slug="modelat")


def get_admin(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return unescape(response.content.decode())


# (view, English that must be gone, its Bulgarian) for strings of wagtail.admin's catalogue; the
# sidebar ("Reports", "Help") is on every screen.
SIDEBAR = [("Reports", "Отчети"), ("Help", "Помощ")]
SCREENS = {
    "dashboard": ("/admin/", [("Search all pages", "Търсете във всички страници"), ("Dashboard", "Табло")]),
    "explorer": ("/admin/pages/{home}/", [("Toggle side panel", "Покажете или скрийте страничния панел"),
                                          ("Actions", 'aria-label="Действия"')]),
    "editor": ("/admin/pages/{page}/edit/", [("Promote", "Популяризиране"), ("Save draft", "Запазете като чернова")]),
    "images": ("/admin/images/", [("Bulk actions", "Групови действия")]),
    "documents": ("/admin/documents/", [("Bulk actions", "Групови действия")]),
    "snippets": ("/admin/snippets/", [("Sort by", "Подреждане по")]),
    "reports": ("/admin/reports/locked/", [("Locked pages", "Заключени страници")]),
    "users": ("/admin/users/", [("Sort by", "Подреждане по")]),
}


@pytest.mark.parametrize("screen", SCREENS)
def test_admin_screen_speaks_bulgarian(client, bulgarian_staff, home_pages, admin_page, screen):
    url, strings = SCREENS[screen]
    text = get_admin(client, bulgarian_staff, url.format(home=home_pages.home_bg.pk, page=admin_page.pk))
    for english, bulgarian in SIDEBAR + strings:
        assert f">{english}<" not in text and f'"{english}"' not in text, english
        assert bulgarian in text, bulgarian


# Strings of the other Wagtail sub-apps on the same screens: translated in their own directories.
OTHER_PACKAGES = {
    "wagtail.images": ("/admin/images/", [("Sort by", "Подреждане по")]),
    "wagtail": ("/admin/pages/{page}/edit/", [("Preview in mobile size", None)]),
}


@pytest.mark.parametrize("package", OTHER_PACKAGES)
def test_other_packages_screens_speak_bulgarian(client, bulgarian_staff, home_pages, admin_page, package):
    assert has_catalogue(package), f"translations/{package}/ is missing"
    url, strings = OTHER_PACKAGES[package]
    text = get_admin(client, bulgarian_staff, url.format(home=home_pages.home_bg.pk, page=admin_page.pk))
    for english, bulgarian in strings:
        assert english not in text
        assert bulgarian is None or bulgarian in text


def test_admin_javascript_catalogue_is_bulgarian(client, bulgarian_staff):
    """Wagtail's client-side strings (the editor's "Collapse all", comments, the minimap) come from
    the admin's jsi18n view, which merges every LOCALE_PATHS djangojs catalogue."""
    text = get_admin(client, bulgarian_staff, "/admin/jsi18n/")
    assert '"Collapse all": "Свийте всички"' in text
    assert '"Toggle side panel": "Покажете или скрийте страничния панел"' in text


def test_gravatar_stays_off(bulgarian_staff):
    from wagtail.admin.templatetags.wagtailadmin_tags import avatar_url

    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    assert "gravatar" not in avatar_url(bulgarian_staff)


def test_translated_header_template_is_wagtails_own_but_for_its_label():
    """templates/wagtailadmin/shared/headers/_actions.html overrides Wagtail's template only to
    translate its hard-coded aria-label; an upgrade that changes the original shows up here."""
    import wagtail.admin

    name = "wagtailadmin/shared/headers/_actions.html"
    upstream = (settings.BASE_DIR.__class__(wagtail.admin.__file__).parent / "templates" / name).read_text()
    ours = (settings.BASE_DIR / "templates" / name).read_text()
    ours = "\n".join(ours.splitlines()[1:]) + "\n"
    assert ours.replace('aria-label="{% translate "Actions" %}"', 'aria-label="Actions"') == upstream


@pytest.mark.django_db
def test_wagtails_default_data_is_named_in_bulgarian():
    """The root page (breadcrumbs, choosers), the root collection (every collection menu), the
    default workflow and its task ("Submit to …"), the default groups: data Wagtail creates in
    English; core's migration names them in Bulgarian."""
    from django.contrib.auth.models import Group
    from wagtail.models import Collection, Page, Task, Workflow

    assert Page.get_first_root_node().title == "Корен"
    assert Collection.get_first_root_node().name == "Основна колекция"
    assert Collection.objects.filter(depth=2, name="Материали за партньори").exists()  # partners' 0002 and 0006
    assert list(Workflow.objects.values_list("name", flat=True)) == ["Одобрение от модератор"]
    assert list(Task.objects.values_list("name", flat=True)) == ["Одобрение от модератор"]
    assert {"Модератори", "Редактори"} <= set(Group.objects.values_list("name", flat=True))
    assert not Group.objects.filter(name__in=["Moderators", "Editors"]).exists()
    # The project's own groups too (donations' 0009, partners' 0007).
    assert {"Финанси", "Партньори"} <= set(Group.objects.values_list("name", flat=True))
    assert not Group.objects.filter(name__in=["Finance", "Partners"]).exists()
