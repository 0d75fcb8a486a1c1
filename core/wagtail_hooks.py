"""Admin hooks shared by every app: the one string wagtail-localize's translation editor does not
pass through gettext (see static/js/translation-editor-title.js)."""

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext
from wagtail import hooks


@hooks.register("insert_editor_js")
def translation_editor_title():
    # {source} and {target} are the content languages' names (WAGTAIL_CONTENT_LANGUAGES), filled in
    # by the script from the editor's props.
    return format_html(
        '<script src="{}" data-title="{}"></script>',
        static("js/translation-editor-title.js"),
        gettext("Translation from {source} into {target}"),
    )
