"""The base of every public page type, and its place in the tree."""

import copy

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from core.page_cache import for_generation
from core.visibility import is_public, restricted_paths
from core.wagtail_adapter import search_field_values
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

    promote_panels = Page.promote_panels + [FieldPanel("listing_image"), FieldPanel("listing_image_alt")]
    # Every page type extends these (``SitePage.search_fields + [...]``): besides its text, the
    # index holds the dictionary forms of its words, so that "проект" finds "проектът" and
    # "деца" finds "дете" (core.word_forms, home.search). The title's forms weigh as the title.
    search_fields = Page.search_fields + [
        index.SearchField("title_word_forms", boost=2),
        index.SearchField("text_word_forms"),
    ]

    class Meta:
        abstract = True

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


def ancestors_for_breadcrumbs(page):
    """The page's ancestors below the tree root, remembered per content generation."""
    return for_generation(
        "ancestors",
        page.path,
        lambda: list(page.get_ancestors().filter(depth__gt=1).only("id", "title", "path", "url_path", "depth")),
    )
