"""Admin hooks shared by every app: what wagtail-localize's translation editor shows without
passing it through gettext (see static/js/translation-editor-title.js): its title, and in each
string's comment ("Translated with seed on 3 December 2026") the date, which it writes with
Python's strftime (English month names whatever the admin's language), and the tool names the
project stores (the seed's, and a sync's drafts)."""

import datetime
import json

from django.templatetags.static import static
from django.utils.dates import MONTHS
from django.utils.html import format_html
from django.utils.translation import gettext, pgettext
from wagtail import hooks

from core.formatting import format_date
from core.wagtail_adapter import DRAFT_TOOL_MESSAGE

# wagtail-localize 1.14, StringTranslation.get_comment: its three texts, as its catalogue (ours,
# translations/wagtail_localize/) translates them.
EDITOR_COMMENTS = (
    "Translated with {tool_name} on {date}",
    "Translated manually on {date}",
    "Machine translated on {date}",
)
ENGLISH_MONTHS = [datetime.date(2000, month, 1).strftime("%B") for month in range(1, 13)]


def date_pattern():
    """How the admin's language writes a date, with {day}, {month} and {year} for its parts."""
    sample = datetime.date(1999, 12, 28)
    return format_date(sample).replace("28", "{day}").replace(str(MONTHS[12]), "{month}").replace("1999", "{year}")


def editor_texts():
    return {
        "comments": [gettext(comment) for comment in EDITOR_COMMENTS],
        "months": dict(zip(ENGLISH_MONTHS, (str(MONTHS[month]) for month in range(1, 13)), strict=True)),
        "date": date_pattern(),
        # The seed loads its English through wagtail-localize's PO import as the tool "seed".
        # A draft kept by a sync (core.wagtail_adapter.write_drafts) is stored in English.
        "tools": {"seed": pgettext("translation tool", "seed"), DRAFT_TOOL_MESSAGE: gettext(DRAFT_TOOL_MESSAGE)},
    }


@hooks.register("insert_editor_js")
def translation_editor_title():
    # {source} and {target} are the content languages' names (WAGTAIL_CONTENT_LANGUAGES), filled in
    # by the script from the editor's props.
    return format_html(
        '<script src="{}" data-title="{}" data-texts="{}"></script>',
        static("js/translation-editor-title.js"),
        gettext("Translation from {source} into {target}"),
        json.dumps(editor_texts(), ensure_ascii=False),
    )
