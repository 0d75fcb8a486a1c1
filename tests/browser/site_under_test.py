"""The seeded site as the browser tests see it: which languages and page types exist, and where
each one lives. Run as `python -m tests.browser.site_under_test` against the site's database, it
prints that description as JSON: the paths are found by model, so the tests follow the seed
content's slugs instead of repeating them. With --prepare it first migrates the (empty) database
and loads the seed content (`manage.py load_seed_content`), in the same process: each Django
start-up costs seconds."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

LANGUAGES = ("bg", "en")
# What each page type is called in test ids; the URLs come from the seeded pages themselves.
PAGE_KINDS = (
    "home",
    "content",
    "programmes",
    "consulting",
    "projects",
    "project",
    "press_index",
    "press",
    "contact",
    "search",
    "not_found",
)
# The town of the Pernik project, named in its sheet in both languages.
SEARCH_WORDS = {"bg": "Перник", "en": "Pernik"}


@dataclass
class SeededSite:
    """The live server's address and, per language, the path of one page of each type."""

    base_url: str
    paths: dict = field(default_factory=dict)  # {language: {kind: path}}
    project_paths: dict = field(default_factory=dict)  # {language: [path of every project sheet]}
    pernik_place_slug: str = ""
    search_words: dict = field(default_factory=dict)  # {language: a word in the seeded content}

    server_log: str = ""  # file the server writes its request log and tracebacks to

    def url(self, path):
        return self.base_url + path

    def server_log_tail(self, lines=40):
        with open(self.server_log, encoding="utf-8", errors="replace") as log:
            return "".join(log.readlines()[-lines:])

    def visit(self, tab, path, expected_status=200):
        """Loads the page and checks its status; on a surprise, shows what the server logged."""
        response = tab.goto(self.url(path))
        assert response.status == expected_status, (
            f"{path} answered {response.status}; the server's log ends with:\n{self.server_log_tail()}"
        )
        return response


def first_live(model, locale, **filters):
    page = model.objects.live().public().filter(locale=locale, **filters).order_by("path").first()
    assert page is not None, f"the seed content has no live {model.__name__} in {locale.language_code}"
    return page


def describe_seeded_pages():
    """One live page of each type per language, every project sheet, and the Pernik place."""
    from django.urls import reverse
    from django.utils import translation
    from wagtail.models import Locale

    from home.models import ConsultingPage, ContactPage, ContentPage, HomePage, PressIndexPage, PressPage
    from projects.models import Place, ProjectIndexPage, ProjectPage

    pernik = Place.objects.get(name_en__icontains="Pernik")
    description = {"pernik_place_slug": pernik.slug, "search_words": SEARCH_WORDS, "paths": {}, "project_paths": {}}
    for language in LANGUAGES:
        locale = Locale.objects.get(language_code=language)

        home = first_live(HomePage, locale)
        assert home.programmes_page is not None, f"the {language} home page names no programmes page"
        programmes = home.programmes_page.get_translation(locale)
        paths = {
            "home": home.url,
            "content": first_live(ContentPage, locale, list_children=False).url,
            "programmes": programmes.url,
            "consulting": first_live(ConsultingPage, locale).url,
            "projects": first_live(ProjectIndexPage, locale).url,
            "project": first_live(ProjectPage, locale, places=pernik).url,
            "press_index": first_live(PressIndexPage, locale).url,
            "press": first_live(PressPage, locale).url,
            "contact": first_live(ContactPage, locale).url,
            "not_found": f"/{language}/no-page-has-this-address/",
        }
        with translation.override(language):
            paths["search"] = f"{reverse('search')}?{urlencode({'q': SEARCH_WORDS[language]})}"
        description["paths"][language] = paths
        description["project_paths"][language] = [
            project.url for project in ProjectPage.objects.live().public().filter(locale=locale)
        ]
    return description


def prepare_database():
    """Migrates the database and loads the seed content; their reports go to stderr, which the
    test run shows only when a step fails."""
    import sys

    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0, stdout=sys.stderr)
    call_command("load_seed_content", stdout=sys.stderr)


if __name__ == "__main__":
    import json
    import sys

    import django

    django.setup()
    if "--prepare" in sys.argv[1:]:
        prepare_database()
    print(json.dumps(describe_seeded_pages()))
