"""The base of every public page type, and its place in the tree."""

import copy

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.widgets.slug import SlugInput
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from core.page_cache import for_generation
from core.transliteration import bulgarian_slug, slug_formatters
from core.visibility import is_public, restricted_paths
from core.wagtail_adapter import TitleFieldPanel, search_field_values
from core.word_forms import extra_lemmas

# The search fields that hold the dictionary forms of a page's words (core.word_forms): not
# text of their own, so they are left out of searchable_texts().
WORD_FORM_FIELDS = ("title_word_forms", "text_word_forms")


class SitePage(Page):
    """Fields every public page shares: an image for social previews and listings."""

    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("listing and social image"),
    )
    listing_image_alt = models.CharField(
        _("listing image alt text"),
        max_length=255,
        blank=True,
        help_text=_("What the image shows; leave empty if it is decorative."),
    )

    # Related rows every view of the page shows, fetched with the page itself by the page routing.
    route_select_related = ("listing_image",)

    # The slug follows the Bulgarian title as it is typed, however it is typed (the title panel
    # of core.wagtail_adapter), in the official transliteration (core/transliteration.py),
    # through the formatters Wagtail's slug widget documents.
    content_panels = [TitleFieldPanel("title")]
    promote_panels = [
        MultiFieldPanel(
            [
                FieldPanel("slug", widget=SlugInput(formatters=slug_formatters())),
                FieldPanel("seo_title"),
                FieldPanel("search_description"),
            ],
            _("For search engines"),
        ),
        MultiFieldPanel([FieldPanel("show_in_menus")], _("For site menus")),
        FieldPanel("listing_image"),
        FieldPanel("listing_image_alt"),
    ]

    # Every page type extends these (``SitePage.search_fields + [...]``): besides its text, the
    # index holds the dictionary forms of its words, so that "проект" finds "проектът" and
    # "деца" finds "дете" (core.word_forms, home.search). The title's forms weigh as the title.
    search_fields = Page.search_fields + [
        index.SearchField("title_word_forms", boost=2),
        index.SearchField("text_word_forms"),
    ]

    class Meta:
        abstract = True

    def full_clean(self, *args, **kwargs):
        # The same on save, for pages made without the editor's script (a form sent without
        # JavaScript, the seed, a script): a slug left empty comes from the title, a slug typed
        # in Cyrillic is transliterated. Wagtail's own default would drop the Cyrillic letters.
        self.slug = transliterated_slug(self)
        super().full_clean(*args, **kwargs)

    def get_view_restrictions(self):
        # Wagtail's answer costs two queries on every view. Which paths carry a restriction is
        # known per content generation (core.visibility.restricted_paths), so a page under none
        # of them has none. An alias takes its source page's restrictions: Wagtail decides those.
        if self.alias_of_id is None and is_public(self, restricted_paths()):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def parent_for_links(self):
        """The parent page, for "all project sheets"-style links: taken from the remembered
        breadcrumbs (no query per view), a copy of its own so no two requests share an instance."""
        ancestors = ancestors_for_breadcrumbs(self)
        if ancestors and ancestors[-1].depth == self.depth - 1:
            return copy.copy(ancestors[-1])
        return self.get_parent()

    def get_meta_description(self):
        return self.search_description or ""

    def title_word_forms(self):
        return extra_lemmas(self.title)

    def text_word_forms(self):
        return extra_lemmas(" ".join(searchable_texts(self)))


def searchable_texts(page):
    """The texts of a page's search fields other than its title, as the search index reads them
    (a StreamField gives the text of its blocks), in the order the fields are declared."""
    values = search_field_values(page, exclude=WORD_FORM_FIELDS + ("title",))
    return [text for value in values for text in flatten(value)]


def flatten(value):
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = value.values()
    if isinstance(value, (list, tuple, set, type({}.values()))):
        return [text for item in value for text in flatten(item)]
    return [str(value)]


def transliterated_slug(page):
    """The page's slug in Latin letters: its own, transliterated if it has Cyrillic letters, else
    one made from its title, with "-2", "-3"… when a sibling has it already. Empty while the page
    has no place in the tree yet (Wagtail cleans the page again once it has one)."""
    slug = page.slug or ""
    if slug and slug.isascii():
        return slug
    base = bulgarian_slug(slug or page.title or "")
    parent = page.get_parent() if page.path else None
    if not base or parent is None:
        return slug
    siblings = parent.get_children().exclude(pk=page.pk) if page.pk else parent.get_children()
    taken = set(siblings.filter(slug__startswith=base).values_list("slug", flat=True))
    candidate, suffix = base, 1
    while candidate in taken:
        suffix += 1
        candidate = f"{base}-{suffix}"
    return candidate


def ancestors_for_breadcrumbs(page):
    """The page's ancestors below the tree root, remembered per content generation."""
    return for_generation(
        "ancestors",
        page.path,
        lambda: list(page.get_ancestors().filter(depth__gt=1).only("id", "title", "path", "url_path", "depth")),
    )
