"""Bulgarian in Latin letters by Bulgaria's official system (the Streamlined System of the
Transliteration Act, Закон за транслитерацията, art. 3): the slugs of new pages are made from
their Bulgarian titles with it, in the editor as the title is typed (the slug widget's
formatters, see ``slug_formatters``) and on save (``bulgarian_slug``), from one table."""

import re

from django.utils.text import slugify

# The Act's table, lower case; upper case letters follow it (Щ → Sht).
LETTERS = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sht", "ъ": "a",
    "ь": "y", "ю": "yu", "я": "ya",
}  # fmt: skip
# The Act's one exception: "ия" at the end of a word is "ia" (София → Sofia, not Sofiya).
# A Cyrillic or Latin letter after it means the word goes on; written as a character class (not
# \w) so that the same pattern means the same in Python and in the browser's JavaScript.
WORD_FINAL_IA = r"ия(?![а-яА-ЯёЁa-zA-Z])"
_WORD_FINAL_IA = re.compile(WORD_FINAL_IA, re.IGNORECASE)
_LETTER = re.compile("[" + "".join(LETTERS) + "]", re.IGNORECASE)


def _with_case(match, latin):
    """Upper case as the source has it: "Щ" → "Sht" before a lower-case letter or alone,
    "SHT" inside an upper-case word ("ЩАСТИЕ" → "SHTASTIE")."""
    source = match.group()
    if not source[0].isupper():
        return latin
    following = match.string[match.end() : match.end() + 1]
    if source.isupper() and len(source) > 1 or following.isupper():
        return latin.upper()
    return latin[:1].upper() + latin[1:]


def transliterate_bg(text):
    """``text`` with every Bulgarian letter in Latin letters; anything else is left as it is."""
    text = _WORD_FINAL_IA.sub(lambda match: _with_case(match, "ia"), text)
    return _LETTER.sub(lambda match: _with_case(match, LETTERS[match.group().lower()]), text)


def bulgarian_slug(text):
    """The ASCII slug of a Bulgarian (or English) title: "Деца в риск" → "detsa-v-risk"."""
    return slugify(transliterate_bg(text or ""))


def slug_formatters():
    """The same mapping for Wagtail's slug widget (``SlugInput(formatters=…)``): regular
    expressions applied, in order, to the title before Wagtail makes its slug of it. Upper case
    letters get lower-case Latin here, since the slug is lower case anyway."""
    formatters = [(re.compile(WORD_FINAL_IA, re.IGNORECASE), "ia")]
    formatters += [(re.compile(letter, re.IGNORECASE), latin) for letter, latin in LETTERS.items()]
    return formatters
