"""Word forms for search: every inflected form of a word reduced to its dictionary form (lemma).

Bulgarian inflects nouns for number and adds the definite article to the end of the word
(проект, проекти, проекта, проектът, проектите), and some plurals are irregular (дете → деца);
a search for one form must find the others. The lemmas come from simplemma's dictionaries
(a maintained lemmatiser with Bulgarian and English data built from open lexicons), never from
rules of our own. The same function runs when a page is indexed (core.pages.SitePage adds the
lemmas of its text as extra search fields) and when a query is searched (home.search), so both
sides agree on every database: SQLite's FTS5 and PostgreSQL's "simple" configuration only ever
compare whole lowercase words. docs/architecture.md ("Search") says why this and not a
PostgreSQL dictionary.

Which dictionary a word is looked up in follows its script: a Cyrillic word is Bulgarian and a
Latin one English, whatever the language of the page or of the search page, so the Latin
names on Bulgarian pages and a Bulgarian word typed on /en/search/ are reduced the same way."""

import functools
import re

import simplemma

WORD = re.compile(r"\w+")
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
# The site's languages, each with the script its words are written in.
LANGUAGE_OF_SCRIPT = {"cyrillic": "bg", "latin": "en"}


def script_of(word):
    return "cyrillic" if CYRILLIC.search(word) else "latin"


def language_of(word):
    """The language whose dictionary reduces ``word``: the one written in its script."""
    return LANGUAGE_OF_SCRIPT[script_of(word)]


@functools.lru_cache(maxsize=50_000)
def lemma(word):
    """The dictionary form of one word, lowercase; the word itself (lowercase) when no
    dictionary knows it, so names and numbers are still found as written."""
    lowered = word.lower()
    if lowered.isdigit() or len(lowered) < 2:
        return lowered
    reduced = simplemma.lemmatize(lowered, lang=language_of(lowered)).lower()
    # A dictionary form is looked up as one word by the database's tokenizer: one with a space,
    # hyphen or apostrophe in it would become several words (or query syntax), so keep the word.
    return reduced if WORD.fullmatch(reduced) else lowered


def words(text):
    return WORD.findall(text or "")


def lemmas(text):
    """The lemmas of the words of ``text``, in order."""
    return [lemma(word) for word in words(text)]


def extra_lemmas(text):
    """The lemmas of the words whose lemma differs from the word as written: what an index must
    hold besides the text itself so that any form finds the page (each occurrence counts once,
    so ranking by frequency is kept)."""
    found = []
    for word in words(text):
        reduced = lemma(word)
        if reduced != word.lower():
            found.append(reduced)
    return " ".join(found)


def query_lemmas(query):
    """The distinct lemmas of a query's words, in the order typed."""
    return list(dict.fromkeys(lemmas(query)))
