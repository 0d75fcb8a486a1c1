"""The base of every public page type, and its place in the tree."""

import copy

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page, PageViewRestriction

from core.page_cache import for_generation
from core.visibility import is_public, restricted_paths


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


def ancestors_for_breadcrumbs(page):
    """The page's ancestors below the tree root, remembered per content generation."""
    return for_generation(
        "ancestors",
        page.path,
        lambda: list(page.get_ancestors().filter(depth__gt=1).only("id", "title", "path", "url_path", "depth")),
    )
