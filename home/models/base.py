from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


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

    promote_panels = Page.promote_panels + [FieldPanel("listing_image"), FieldPanel("listing_image_alt")]

    class Meta:
        abstract = True

    def get_meta_description(self):
        return self.search_description or ""
