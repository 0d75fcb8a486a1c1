"""The one place that leans on Wagtail's internals, for speed only.

Wagtail remembers three things on the request object while it serves a page: the Site that
answers the host (``Site.find_for_request``), the result of routing the path
(``Page.route_for_request``) and the sites' root paths that every page URL needs
(``Page.get_url_parts``). They are not public API, but they are exactly where Wagtail itself
looks first, so handing it answers the site already knows (per content generation, see
core.page_cache.for_generation) skips their queries while every hook — view restrictions,
password pages, routable pages — runs unchanged.

Each helper below writes one of those attributes. If an upgrade renames one, nothing breaks:
Wagtail simply does not find the answer and computes it itself (correct, only slower); the
contract tests in tests/core/test_wagtail_adapter.py fail that day, so the speed loss is seen
and this module is updated. Nothing else in the project may touch these attributes.

One more lean, for search: ``search_field_values`` reads a page's search fields the way the
search index does (``SearchField.get_value``: a StreamField gives the text of its blocks, a
rich-text field its text without markup), so that core.pages can index the dictionary forms of
exactly the text Wagtail indexes. The contract test checks that it still does.

And one for the page editor, ``TitleFieldPanel``: Wagtail's title field copies itself into the
slug on ``keyup`` (and ``change``, ``blur``), the events of a physical key. Text that arrives
without a key — an on-screen or input-method keyboard, dictation, a paste with the mouse, or a
browser driven by a test, which types Cyrillic letters as inserted text — fires only ``input``,
so the slug stopped at the last space (the one key such typing presses) until the field was
left. ``TitleFieldPanel`` adds ``input`` to the events Wagtail lists in
``TitleFieldPanel.BoundPanel.apply_actions`` (not public API); the sync stays debounced by
Wagtail's own controller and still applies only where Wagtail lets it (pages not yet live).

And one for snippets, ``SnippetViewSet``: Wagtail builds a snippet listing's breadcrumbs
("Home", "Snippets") once, when the URLconf loads, with ``gettext`` rather than
``gettext_lazy`` (``SnippetViewSet.breadcrumbs_items``), so they stay in whatever language was
active at that moment for every staff member after: English breadcrumbs for Bulgarian staff, or
the reverse. The project's viewset gives the same items with labels translated as each page is
drawn. Every snippet is registered with it.

And one for the rich-text link choosers: ``name_link_chooser_fields`` gives the fields of
Wagtail's external, anchor, email and phone link forms (``wagtail.admin.forms.choosers``) the
labels Wagtail leaves out, which Django then makes up in English from the field names ("Link
text", "Email address"); tests/test_admin_screens_bulgarian.py sees them in the choosers.
``name_unlabelled_admin_fields`` does the same for the page choosers of group permissions and
workflows, the language filter of snippet choosers, the Locale model's name (a group's
permissions) and wagtail-localize's component switch, which it also lets be unticked.

Two of Wagtail's templates are overridden in templates/ for the same reason, each a copy with
one line changed (a test compares it with upstream): ``side_panel_toggle.html`` and
``user_avatar.html``, which wrote Python's "None" for a missing count or publisher."""

import difflib
from threading import local

from django import forms
from django.conf import settings
from django.db.models import Exists, OuterRef
from django.db.models.signals import post_delete, pre_save
from django.utils import translation
from django.utils.translation import gettext, gettext_lazy, gettext_noop, pgettext_lazy
from wagtail.admin.panels import TitleFieldPanel as WagtailTitleFieldPanel
from wagtail.models import Page, Site
from wagtail.search import index
from wagtail.snippets.views.snippets import SnippetViewSet as WagtailSnippetViewSet

# Wagtail 8.0: wagtail/models/sites.py (find_for_request), wagtail/models/pages.py
# (route_for_request, _get_site_root_paths).
SITE_ATTRIBUTE = "_wagtail_site"
ROUTE_ATTRIBUTE = "_wagtail_route_for_request"
ROOT_PATHS_ATTRIBUTE = "_wagtail_cached_site_root_paths"


def knows_site(request):
    return hasattr(request, SITE_ATTRIBUTE)


def hand_site(request, site):
    """``Site.find_for_request(request)`` answers ``site`` from now on, with no query."""
    setattr(request, SITE_ATTRIBUTE, site)


def knows_route(request):
    return hasattr(request, ROUTE_ATTRIBUTE)


def hand_route(request, route):
    """``Page.route_for_request(request, path)`` answers ``route`` (a RouteResult, or None for
    "no page here") from now on, without walking the tree."""
    setattr(request, ROUTE_ATTRIBUTE, route)


def knows_site_root_paths(request):
    return hasattr(request, ROOT_PATHS_ATTRIBUTE)


def hand_site_root_paths(request, root_paths):
    """Page URLs built for this request use ``root_paths`` (``Site.get_site_root_paths()``)
    instead of reading them from the cache."""
    setattr(request, ROOT_PATHS_ATTRIBUTE, root_paths)


def find_site(request):
    """The public lookup, for building what is then remembered."""
    return Site.find_for_request(request)


def route(request, path):
    """The public routing, for paths that are not remembered."""
    return Page.route_for_request(request, path)


def search_field_values(obj, exclude=()):
    """The values of ``obj``'s search fields (``index.SearchField``, not filters or
    autocomplete fields) named in none of ``exclude``, in declared order, as the index reads them."""
    return [
        field.get_value(obj)
        for field in type(obj).get_search_fields()
        if isinstance(field, index.SearchField) and field.field_name not in exclude
    ]


# Wagtail 8.0: wagtail/admin/panels/title_field_panel.py (TitleFieldPanel.BoundPanel.apply_actions).
TITLE_INPUT_ACTION = "input->w-sync#apply"


class TitleFieldPanel(WagtailTitleFieldPanel):
    """Wagtail's title panel whose slug sync also follows ``input`` (see the module)."""

    class BoundPanel(WagtailTitleFieldPanel.BoundPanel):
        apply_actions = [*WagtailTitleFieldPanel.BoundPanel.apply_actions, TITLE_INPUT_ACTION]


# wagtail-localize 1.14: a changed source string reaches the translation editor empty.
#
# TranslationSource.update_from_db (the "Sync translated pages" action) saves the source with
# ``update_fields`` and then calls refresh_segments, which makes a StringSegment for every string
# of the new content and deletes, in one query, the segments that were not seen again. A
# paragraph whose text changed is a new String in the same TranslationContext (the same field or
# block), and its StringTranslations are keyed by String, so the editor shows it empty. The old
# String's translations are not deleted, though. So: just before the source is saved, its
# segments (context, string, in order) are remembered; once refresh_segments has deleted the old
# ones (``post_delete`` of StringSegment, sent after the delete query), each new string that took
# the place of an old one in the same context gets the old string's translation as a *draft*: a
# machine translation (which the editor shows as translated, with its comment) whose tool name
# says that it is the previous translation, to be reviewed. The translator confirms it by saving
# it in the editor (it becomes a manual translation) or edits it. Drafts are published like any
# translation (the English page showed the old text already; without the draft it would get the
# Bulgarian text). home.translation_health keeps the page listed while a draft is left.
DRAFT_TOOL_MESSAGE = gettext_noop("the previous translation (please review it)")
# The name of wagtail-localize's own permission (its migration 0006 stores it in English), which
# Wagtail's group editor translates as it shows it ({% trans custom_perm.name %}).
SUBMIT_TRANSLATION_PERMISSION = gettext_noop("Can submit translations")

_previous_segments = local()


def draft_tool_names():
    """The tool name of a draft: as stored (English), and in every language of the admin too, so
    that a draft is known whatever wrote it."""
    names = {DRAFT_TOOL_MESSAGE}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            names.add(gettext(DRAFT_TOOL_MESSAGE))
    return names


def paired_replacements(previous, current):
    """Which string of ``current`` took the place of which of ``previous`` (both lists of string
    ids of one context, in order): the strings in the changed stretches between unchanged ones,
    one for one where the stretch has as many strings on both sides. New strings with no
    counterpart (a paragraph added) are left out."""
    pairs = []
    matcher = difflib.SequenceMatcher(a=previous, b=current, autojunk=False)
    for operation, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        if operation == "replace" and a_end - a_start == b_end - b_start:
            pairs += zip(previous[a_start:a_end], current[b_start:b_end], strict=True)
    return pairs


def _segments_by_context(source_id):
    from wagtail_localize.models import StringSegment

    contexts = {}
    rows = StringSegment.objects.filter(source_id=source_id).order_by("order").values_list("context_id", "string_id")
    for context_id, string_id in rows:
        contexts.setdefault(context_id, []).append(string_id)
    return contexts


def _remember_segments(sender, instance, **kwargs):
    if instance.pk is None:
        return
    remembered = getattr(_previous_segments, "by_source", None)
    if remembered is None:
        remembered = _previous_segments.by_source = {}
    remembered[instance.pk] = _segments_by_context(instance.pk)


def _draft_replaced_strings(sender, instance, **kwargs):
    remembered = getattr(_previous_segments, "by_source", {})
    previous = remembered.pop(instance.source_id, None)
    if previous is not None:
        write_drafts(instance.source_id, previous)


def write_drafts(source_id, previous):
    """Drafts from the previous translations for the strings of source ``source_id`` that
    replaced one of ``previous`` ({context id: [string ids]}) and have no translation yet."""
    from wagtail_localize.models import StringTranslation, Translation

    current = _segments_by_context(source_id)
    pairs = {}
    for context_id, strings in current.items():
        for old, new in paired_replacements(previous.get(context_id, []), strings):
            pairs[(context_id, new)] = old
    if not pairs:
        return
    locales = Translation.objects.filter(source_id=source_id).values_list("target_locale_id", flat=True)
    existing = set(
        StringTranslation.objects.filter(
            locale_id__in=locales, context_id__in={context for context, _new in pairs}
        ).values_list("locale_id", "context_id", "translation_of_id")
    )
    old_translations = StringTranslation.objects.filter(
        locale_id__in=locales,
        context_id__in={context for context, _new in pairs},
        translation_of_id__in=set(pairs.values()),
        has_error=False,
    )
    found = {(row.locale_id, row.context_id, row.translation_of_id): row.data for row in old_translations}
    # Stored in English, whoever syncs: the translation editor shows it in the admin's language
    # (static/js/translation-editor-title.js, like the seed's tool name).
    tool_name = DRAFT_TOOL_MESSAGE
    for locale_id in locales:
        for (context_id, new), old in pairs.items():
            data = found.get((locale_id, context_id, old))
            if data is None or (locale_id, context_id, new) in existing:
                continue
            StringTranslation.objects.create(
                translation_of_id=new, locale_id=locale_id, context_id=context_id, data=data,
                translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE, tool_name=tool_name,
            )  # fmt: skip


def connect_translation_drafts():
    """Called once, from CoreConfig.ready()."""
    from wagtail_localize.models import StringSegment, TranslationSource

    pre_save.connect(_remember_segments, sender=TranslationSource, dispatch_uid="core_remember_segments")
    post_delete.connect(_draft_replaced_strings, sender=StringSegment, dispatch_uid="core_translation_drafts")


def sources_with_drafts(source_ids, locale):
    """The ids among ``source_ids`` of the sources that have a draft left in ``locale``: a
    current string of theirs whose translation is still the previous one, unreviewed."""
    from wagtail_localize.models import StringSegment, StringTranslation

    drafts = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"), context_id=OuterRef("context_id"), locale=locale,
        translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE, tool_name__in=draft_tool_names(),
    )  # fmt: skip
    segments = StringSegment.objects.filter(source_id__in=source_ids).filter(Exists(drafts))
    return set(segments.values_list("source_id", flat=True))


class SnippetViewSet(WagtailSnippetViewSet):
    """Wagtail's snippet viewset with breadcrumbs in the staff member's language (module
    docstring): Wagtail's items, taken in English, with each label translated when drawn."""

    @property
    def breadcrumbs_items(self):
        with translation.override(None):
            items = super().breadcrumbs_items
        return [{**item, "label": translation.gettext_lazy(str(item["label"]))} for item in items]


def name_link_chooser_fields():
    """Labels for the link choosers' fields that Wagtail names only by their field names."""
    from wagtail.admin.forms import choosers

    labels = {
        "link_text": gettext_lazy("Link text"),
        "email_address": gettext_lazy("Email address"),
        "subject": gettext_lazy("Subject"),
        "body": gettext_lazy("Message"),
        "phone_number": gettext_lazy("Phone number"),
    }
    for form in (choosers.ExternalLinkChooserForm, choosers.AnchorLinkChooserForm, choosers.EmailLinkChooserForm,
                 choosers.PhoneLinkChooserForm):
        for name, field in form.base_fields.items():
            if name in labels and field.label is None:
                field.label = labels[name]


def name_unlabelled_admin_fields():
    """Labels Wagtail and wagtail-localize leave out, so that Django makes them up in English
    from a field's or a model's name ("Page", "Locale", "Enabled") on screens staff read in
    Bulgarian. Each is checked in tests/core/test_wagtail_adapter.py: the day upstream gives one
    a label of its own, its test says so and the line here can go."""
    from wagtail.admin.forms.choosers import LocaleFilterMixin
    from wagtail.admin.forms.workflows import WorkflowPageForm
    from wagtail.models import Locale
    from wagtail.users.forms import PagePermissionsForm

    # The page chooser of a group's page permissions and of a workflow's pages.
    for form in (PagePermissionsForm, WorkflowPageForm):
        if form.base_fields["page"].label is None:
            form.base_fields["page"].label = gettext_lazy("Page")
    # A group's page permission checkboxes are read out by the permission's stored name, which
    # Django wrote in English ("Страница | Can add page"): read Wagtail's own translated
    # description of each instead ("Add/edit pages you own", Page.permission_types).
    permissions = PagePermissionsForm.base_fields["permissions"]
    if not getattr(permissions, "_project_labels", False):
        permissions._project_labels = True

        def page_permission_label(permission):
            described = {codename: long_label for codename, _short, long_label in Page.permission_types}
            return described.get(permission.codename, permission.name)

        permissions.label_from_instance = page_permission_label

    # Locale and wagtail-localize's Translation have no verbose_name, so a group's object
    # permissions head their rows "Locale" and "Translation" (from the class names) and the
    # translations report counts "24 translations". Only the options Django reads are set, not
    # ``original_attrs``, which is what the migration autodetector compares: no migration for
    # either package follows.
    from wagtail_localize.models import Translation

    for model, singular, plural in ((Locale, gettext_lazy("locale"), gettext_lazy("locales")),
                                    (Translation, gettext_lazy("translation"), gettext_lazy("translations"))):
        if "verbose_name" not in model._meta.original_attrs:
            model._meta.verbose_name = singular
            model._meta.verbose_name_plural = plural

    # The language filter of translatable snippets' choosers.
    if not getattr(LocaleFilterMixin, "_project_labels_locale", False):
        unlabelled_init = LocaleFilterMixin.__init__

        def __init__(self, *args, **kwargs):
            unlabelled_init(self, *args, **kwargs)
            field = self.fields.get("locale")
            if isinstance(field, forms.ChoiceField) and field.label is None:
                field.label = gettext_lazy("Locale")

        LocaleFilterMixin.__init__ = __init__
        LocaleFilterMixin._project_labels_locale = True

    label_translation_component_switch()

    # The languages of wagtail-localize's translations report, whose filters name none.
    from wagtail_localize.views.report import TranslationsReportFilterSet

    for name, label in (("source_locale", gettext_lazy("Source locale")),
                        ("target_locale", gettext_lazy("Target locale"))):
        report_filter = TranslationsReportFilterSet.base_filters[name]
        if report_filter.label is None:  # else django-filters makes one up from the field's path
            report_filter.label = label


def label_translation_component_switch():
    """wagtail-localize adds an unlabelled, *required* "enabled" checkbox to each optional
    component of a form (a locale's "synchronise content from another language"): required, so
    the browser refuses to save the locale with it unticked. The forms are built in
    ``BaseComponentManager.from_request``; the project's wrapper labels the box and lets it be
    unticked (wagtail-localize itself reads the box's value, not a cleaned one, to skip the
    component)."""
    from wagtail_localize.components import BaseComponentManager

    if getattr(BaseComponentManager, "_project_labels_switch", False):
        return
    build = BaseComponentManager.from_request.__func__

    def from_request(cls, request, source_object_instance=None):
        manager = build(cls, request, source_object_instance=source_object_instance)
        for _component, _instance, form in manager.components:
            switch = form.fields.get("enabled")
            if isinstance(switch, forms.BooleanField):
                switch.label = pgettext_lazy("a part of a form that can be switched on", "Switched on")
                switch.required = False
            # LocaleSynchronization.sync_from has no verbose_name either.
            source = form.fields.get("sync_from")
            if source is not None and source.label == "Sync from":
                source.label = gettext_lazy("Sync from")
        return manager

    BaseComponentManager.from_request = classmethod(from_request)
    BaseComponentManager._project_labels_switch = True
