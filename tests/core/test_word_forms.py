"""core.word_forms: every ordinary form of a word reduces to the same dictionary form."""

import pytest

from core.word_forms import extra_lemmas, language_of, lemma, query_lemmas

# Bulgarian: number, the short and full definite article, irregular plurals; English: plurals.
FORM_GROUPS = [
    ("проект", "проекти", "проекта", "проектът", "проектите"),
    ("община", "общината", "общини", "общините"),
    ("център", "центъра", "центърът", "центрове", "центровете"),
    ("дете", "детето", "деца", "децата"),
    ("семейство", "семейството", "семейства", "семействата"),
    ("училище", "училището", "училища", "училищата"),
    ("жена", "жената", "жени", "жените"),
    ("град", "града", "градът", "градове", "градовете"),
    # "хора" is a word of its own in the dictionary, not a plural of "човек".
    ("човек", "човека", "човекът"),
    ("хора", "хората"),
    ("услуга", "услугата", "услуги", "услугите"),
    ("project", "projects"),
    ("child", "children"),
    ("community", "communities"),
    ("woman", "women"),
]


@pytest.mark.parametrize("group", FORM_GROUPS, ids=[group[0] for group in FORM_GROUPS])
def test_every_form_of_a_word_has_one_dictionary_form(group):
    assert {lemma(form) for form in group} == {lemma(group[0])}


def test_capitals_do_not_change_the_dictionary_form():
    assert lemma("Проектът") == lemma("проект")


def test_a_word_no_dictionary_knows_is_kept_lowercase():
    assert lemma("ХЕСЕД") == "хесед"
    assert lemma("2024") == "2024"


def test_the_script_of_a_word_chooses_its_dictionary():
    assert language_of("деца") == "bg"
    assert language_of("children") == "en"


def test_extra_lemmas_hold_only_forms_that_differ_from_the_text():
    assert extra_lemmas("Проект за децата") == "дете"


def test_query_lemmas_are_distinct_in_the_order_typed():
    assert query_lemmas("деца, проекти и децата") == [lemma("деца"), lemma("проекти"), lemma("и")]
