"""Search in any form of a word, on the seeded site: Bulgarian number and definite articles
(проект, проекти, проекта, проектът), irregular plurals (дете, деца), English plurals; the
form found is the one marked; a Bulgarian word typed on /en/search/ leads to the Bulgarian
pages; the beginning of a word finds page titles. Runs on SQLite and, with DATABASE_URL, on
PostgreSQL (.ci/run)."""

import random
import re

import pytest
from django.utils import translation
from wagtail.models import Locale, Page

from core.pages import searchable_texts
from core.word_forms import lemma, words
from home.search import search_pages
from tests.home.helpers import parse

pytestmark = pytest.mark.django_db

# Words that occur in the seed in several forms; each group is checked against the seed's own
# texts below (at least two of its forms are there).
SEED_FORM_GROUPS = {
    "bg": [
        ("проект", "проекти", "проекта", "проектът", "проектите"),
        ("община", "общината", "общини", "общините"),
        ("център", "центъра", "центърът", "центрове", "центровете"),
        ("дете", "детето", "деца", "децата"),
        ("общност", "общността", "общности", "общностите"),
        ("програма", "програмата", "програми", "програмите"),
        ("резултат", "резултати", "резултатите"),
        ("модел", "модела", "моделът"),
        ("екип", "екипа", "екипът", "екипи", "екипите"),
        ("проблем", "проблема", "проблеми", "проблемите"),
    ],
    "en": [
        ("project", "projects"),
        ("child", "children"),
        ("centre", "centres"),
        ("community", "communities"),
        ("programme", "programmes"),
        ("result", "results"),
    ],
}
# Words the seed has in one form only: every other form typed must still find it.
ONE_FORM_IN_SEED = {
    "bg": [("семейство", "семейството", "семейства", "семействата"), ("училище", "училището", "училища", "училищата")],
    "en": [("family", "families"), ("school", "schools")],
}
SEVERAL = [(language, group) for language, groups in SEED_FORM_GROUPS.items() for group in groups]
GROUPS = SEVERAL + [(language, group) for language, groups in ONE_FORM_IN_SEED.items() for group in groups]
FORMS = [(language, form, group) for language, group in GROUPS for form in group]


@pytest.fixture(scope="module")
def seed_texts(seeded, django_db_blocker):
    """{language: {page id: lowercase text of the page as the index reads it}}."""
    with django_db_blocker.unblock():
        texts = {}
        for language in ("bg", "en"):
            pages = Page.objects.live().public().filter(locale__language_code=language).specific()
            texts[language] = {page.pk: " ".join([page.title, *searchable_texts(page)]).lower() for page in pages}
        return texts


def pages_with_any(texts, forms):
    patterns = [re.compile(rf"(?<!\w){re.escape(form)}(?!\w)") for form in forms]
    return {pk for pk, text in texts.items() if any(pattern.search(text) for pattern in patterns)}


def found(query, language):
    return {page.pk for page in search_pages(query, Locale.objects.get(language_code=language))}


@pytest.mark.parametrize(("language", "group"), SEVERAL, ids=[group[0] for _, group in SEVERAL])
def test_the_seed_has_the_word_in_several_forms(seed_texts, language, group):
    forms_in_seed = [form for form in group if pages_with_any(seed_texts[language], [form])]
    assert len(forms_in_seed) >= 2


@pytest.mark.parametrize(("language", "form", "group"), FORMS, ids=[form for _, form, _ in FORMS])
def test_each_form_finds_every_page_with_any_form_of_the_word(seed_texts, language, form, group):
    expected = pages_with_any(seed_texts[language], group)
    assert expected
    assert expected <= found(form, language)


@pytest.mark.parametrize("language", ["bg", "en"])
def test_any_word_of_the_seed_finds_the_pages_it_is_on(seed_texts, language):
    # Beyond the lists above: a sample of every word the seed has, as written there.
    vocabulary = sorted({word for text in seed_texts[language].values() for word in words(text) if len(word) > 2})
    sample = random.Random(12).sample(vocabulary, min(150, len(vocabulary)))
    missing = {word for word in sample if not pages_with_any(seed_texts[language], [word]) <= found(word, language)}
    assert missing == set()


def test_the_form_in_the_text_is_highlighted_for_another_form_typed(client, seeded):
    response = client.get("/bg/search/", {"q": "проект"})

    marked = {mark.get_text().lower() for mark in parse(response).select(".search-results mark")}
    assert marked - {"проект"}, "an inflected form such as «проекта» is marked"
    assert {lemma(word) for word in marked} == {lemma("проект")}


def test_an_irregular_plural_is_highlighted_for_the_singular(client, seeded):
    response = client.get("/bg/search/", {"q": "дете"})

    marked = {mark.get_text().lower() for mark in parse(response).select(".search-results mark")}
    assert marked & {"деца", "децата"}


def test_english_plural_finds_the_singular(seed_texts):
    only_singular = pages_with_any(seed_texts["en"], ["project"]) - pages_with_any(seed_texts["en"], ["projects"])
    assert only_singular
    assert only_singular <= found("projects", "en")


def test_a_bulgarian_word_on_the_english_search_leads_to_the_bulgarian_pages(client, seeded):
    response = client.get("/en/search/", {"q": "децата"})

    link = parse(response).select_one(".search-other-language a")
    assert link is not None
    assert link["hreflang"] == "bg"
    assert link["href"].startswith("/bg/search/?q=")
    followed = client.get(link["href"])
    assert followed.context["results"]
    assert {result["page"].locale.language_code for result in followed.context["results"]} == {"bg"}


def test_a_bulgarian_word_found_in_bulgarian_offers_no_other_language(client, seeded):
    response = client.get("/bg/search/", {"q": "децата"})

    assert response.context["results"]
    assert parse(response).select(".search-other-language") == []


def test_suggestions_are_titles_beginning_with_what_is_typed(client, seeded):
    response = client.get("/bg/search/suggestions/", {"q": "прое"})

    assert response.status_code == 200
    titles = [suggestion["title"] for suggestion in response.json()["suggestions"]]
    assert titles
    assert all(any(word.lower().startswith("прое") for word in words(title)) for title in titles)
    bulgarian = {page.title for page in Page.objects.live().filter(locale__language_code="bg")}
    assert set(titles) <= bulgarian


@pytest.mark.parametrize("query", ["", "п", "😀", '"', "\x00", "x" * 500, "NEAR(", "-", "*"])
def test_suggestions_for_too_little_or_odd_input_are_empty_or_safe(client, seeded, query):
    response = client.get("/en/search/suggestions/", {"q": query})

    assert response.status_code == 200
    assert isinstance(response.json()["suggestions"], list)


def test_the_beginning_of_a_word_lists_titles_without_javascript(client, seeded):
    with translation.override("bg"):
        response = client.get("/bg/search/", {"q": "прое"})

    assert response.context["results"] == []
    links = parse(response).select(".search-title-matches a")
    assert links
    assert all("прое" in link.get_text().lower() for link in links)


def test_the_search_box_asks_for_suggestions(client, seeded):
    box = parse(client.get("/en/search/")).select_one("#site-search-q")

    assert box["data-suggest"] == "/en/search/suggestions/"
