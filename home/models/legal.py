"""The terms for online donations and the accessibility statement: pages of their own type (like
the privacy notice) so that the footer of every page and the donation form can find them in the
visitor's language without an editor wiring each link. Editors write the text; the parts that
follow the site's settings (who to contact, how to manage a monthly gift, the card-fee option)
are drawn by the templates from those settings, so they cannot go stale."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from core.blocks import BaseStreamBlock
from core.pages import SitePage


class StatementPage(SitePage):
    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = SitePage.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    search_fields = SitePage.search_fields + [index.SearchField("introduction"), index.SearchField("body")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        from home.models.forms import ContactPage

        context = super().get_context(request, *args, **kwargs)
        context["contact_page"] = (
            ContactPage.objects.live().public().filter(locale_id=self.locale_id).order_by("path").first()
        )
        return context


class TermsPage(StatementPage):
    """Общи условия за онлайн дарения."""

    template = "home/terms_page.html"

    class Meta:
        verbose_name = _("terms for online donations")

    def get_context(self, request, *args, **kwargs):
        from django.conf import settings

        context = super().get_context(request, *args, **kwargs)
        context["card_fee_offered"] = bool(settings.DONATION_CARD_FEE_PERCENT or settings.DONATION_CARD_FEE_FIXED)
        return context


class AccessibilityStatementPage(StatementPage):
    template = "home/accessibility_statement_page.html"

    class Meta:
        verbose_name = _("accessibility statement")
