"""Bulgarian → Latin by the Transliteration Act's Streamlined System, checked against its
table letter by letter, its one exception ("ия" at the end of a word → "ia") and the names the
Act's own practice gives; and the editor's formatters say exactly what the Python function does."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.transliteration import LETTERS, bulgarian_slug, slug_formatters, transliterate_bg

# The Act's table, written out again here on purpose: the test must not read it from the code.
ACT = dict(zip(
    "абвгдежзийклмнопрстуфхцчшщъьюя",
    ["a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f", "h",
     "ts", "ch", "sh", "sht", "a", "y", "yu", "ya"],
    strict=True,
))
letters = st.sampled_from(sorted(ACT))
words = st.lists(letters, min_size=1, max_size=12).map("".join)


def test_the_code_has_the_acts_table():
    assert LETTERS == ACT


@given(words.filter(lambda word: not word.endswith("ия")))
def test_a_word_is_its_letters_by_the_table(word):
    assert transliterate_bg(word) == "".join(ACT[letter] for letter in word)


@given(words)
def test_ia_at_the_end_of_a_word_is_ia(stem):
    word = stem + "ия"
    assert transliterate_bg(word) == "".join(ACT[letter] for letter in stem) + "ia"
    # …but not inside a word: "ия" followed by another letter follows the table.
    assert transliterate_bg(word + "та") == "".join(ACT[letter] for letter in word) + "ta"


@given(st.lists(words, min_size=1, max_size=6))
def test_words_keep_their_own_endings_in_a_title(title_words):
    title = " ".join(title_words)
    assert transliterate_bg(title).split(" ") == [transliterate_bg(word) for word in title_words]


@pytest.mark.parametrize(
    ("bulgarian", "latin"),
    [
        ("София", "Sofia"),
        ("Пловдив", "Plovdiv"),
        ("Търговище", "Targovishte"),
        ("Шумен", "Shumen"),
        ("Ямбол", "Yambol"),
        ("Цветан", "Tsvetan"),
        ("Жельо Юруков", "Zhelyo Yurukov"),
        ("Пазарджик", "Pazardzhik"),
        ("България", "Balgaria"),
        ("Пресцентър", "Prestsentar"),
        ("Мария-Антоанета", "Maria-Antoaneta"),
        ("ЩАСТИЕ", "SHTASTIE"),
    ],
)
def test_names_as_the_act_writes_them(bulgarian, latin):
    assert transliterate_bg(bulgarian) == latin


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Пресцентър", "prestsentar"),
        ("Деца в конфликт или контакт със закона", "detsa-v-konflikt-ili-kontakt-sas-zakona"),
        ("Подкрепете ни!", "podkrepete-ni"),
        ("Проекти 2024 – Перник", "proekti-2024-pernik"),
        ("Press centre", "press-centre"),
    ],
)
def test_slugs_of_titles(title, slug):
    assert bulgarian_slug(title) == slug


@given(st.text(alphabet=st.sampled_from(sorted(ACT) + [letter.upper() for letter in ACT] + list(" -!,.0123xyz"))))
def test_a_slug_is_always_lower_case_latin(title):
    assert re.fullmatch(r"[a-z0-9_-]*", bulgarian_slug(title))


@given(st.text(alphabet=st.sampled_from(sorted(ACT) + [letter.upper() for letter in ACT] + list(" -,x"))))
def test_the_editors_formatters_transliterate_as_the_python_function_does(title):
    """The slug widget applies the formatters in order, then lower-cases (Wagtail's urlify)."""
    text = title
    for pattern, replacement in slug_formatters():
        text = pattern.sub(replacement, text)
    assert text.lower() == transliterate_bg(title).lower()
