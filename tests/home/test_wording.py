"""Structural Bulgarian wording: the polite form on buttons, "Всички места" in the project
filter, a footer named as a part of the page (not a word processor's "колонтитул"), and no
informal imperative left in the catalogue's button labels."""

from pathlib import Path

import polib
import pytest

from tests.home.helpers import parse

pytestmark = pytest.mark.django_db
CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "bg" / "LC_MESSAGES" / "django.po"


def test_the_newsletter_button_is_polite(client, shared_tree):
    page = parse(client.get(shared_tree.bg["content"].url))
    labels = {button.get_text(strip=True) for button in page.select("footer button[type=submit]")}
    assert "Абонирайте се" in labels


def test_the_project_filter_offers_all_places_and_a_polite_button(client, shared_tree):
    page = parse(client.get(shared_tree.bg["projects"].url))
    options = {option.get_text(strip=True) for option in page.select("select option[value='']")}
    assert "Всички места" in options and "Всяко място" not in options
    button = page.select_one("select").find_parent("form").select_one("button[type=submit]")
    assert button.get_text(strip=True) == "Покажете"


@pytest.mark.parametrize(
    ("msgid", "msgstr"),
    [
        ("Send", "Изпратете"),
        ("Subscribe", "Абонирайте се"),
        ("Confirm", "Потвърдете"),
        ("Footer", "Долна част на страницата"),
        ("Any place", "Всички места"),
    ],
)
def test_catalogue_uses_the_polite_and_natural_words(msgid, msgstr):
    entry = polib.pofile(str(CATALOGUE)).find(msgid)
    assert entry is not None and entry.msgstr == msgstr


def test_no_catalogue_entry_says_nothing_was_charged_or_misspells_the_press_centre():
    texts = " ".join(entry.msgstr for entry in polib.pofile(str(CATALOGUE)))
    assert "таксувано" not in texts and "Прессцентър" not in texts and "колонтитул" not in texts
