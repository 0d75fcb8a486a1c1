"""The privacy notice: a page whose table of what the site holds, why, for how long and who
receives it is generated from the personal-data registry (core/personal_data.py) on every view,
so the notice cannot drift from what the site does. The controller's name and contacts come
from the organisation settings; editors add any further text in the body."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from core.blocks import BaseStreamBlock
from core.pages import SitePage


class PrivacyNoticePage(SitePage):
    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(
        BaseStreamBlock(), blank=True, verbose_name=_("further information"),
        help_text=_("Shown after the generated table and the rights. The table itself always follows the site."),
    )

    content_panels = SitePage.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    search_fields = SitePage.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("privacy notice")

    def get_context(self, request, *args, **kwargs):
        from core.personal_data import notice_rows
        from home.models.forms import ContactPage

        context = super().get_context(request, *args, **kwargs)
        context["rows"] = notice_rows()
        context["contact_page"] = (
            ContactPage.objects.live().public().filter(locale_id=self.locale_id).order_by("path").first()
        )
        return context
