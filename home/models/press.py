from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from core import page_cache
from core.blocks import BaseStreamBlock
from core.pages import SitePage

PRESS_PAGE_SIZE = 10


class PressKind(models.TextChoices):
    NEWS = "news", _("News")
    PRESS_RELEASE = "press_release", _("Press release")
    MEDIA_COVERAGE = "media_coverage", _("Media coverage")


class PressIndexPage(RoutablePageMixin, SitePage):
    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = SitePage.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.PressPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("press index page")

    def items(self, kind=""):
        from home.listings import press_items

        return press_items(self, kind=kind)

    def get_cached_paths(self):
        # What a CDN keeps of this page besides itself (Wagtail's frontend cache purges each).
        return ["/", "feed/", "atom/"]

    @path("")
    def index_route(self, request):
        kind = request.GET.get("kind", "")
        if kind not in PressKind.values:
            kind = ""
        paginator = Paginator(self.items(kind), PRESS_PAGE_SIZE)
        page_obj = paginator.get_page(request.GET.get("page"))
        page_cache.accept_listing_query(request, kind=kind, page=page_obj.number if "page" in request.GET else None)
        return self.render(
            request,
            context_overrides={
                "page_obj": page_obj,
                "press_pages": page_obj.object_list,
                "kinds": PressKind.choices,
                "selected_kind": kind,
            },
        )

    @path("feed/")
    def rss_feed(self, request):
        from home.feeds import press_feed_response

        return press_feed_response(request, self, "rss")

    @path("atom/")
    def atom_feed(self, request):
        from home.feeds import press_feed_response

        return press_feed_response(request, self, "atom")


class PressPage(SitePage):
    kind = models.CharField(_("type"), max_length=20, choices=PressKind.choices, default=PressKind.NEWS)
    date = models.DateField(_("date"))
    summary = models.TextField(_("summary"), blank=True)
    outlet = models.CharField(_("media outlet"), max_length=255, blank=True, help_text=_("For media coverage."))
    external_url = models.URLField(_("link to the original"), blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = SitePage.content_panels + [
        MultiFieldPanel([FieldPanel("kind"), FieldPanel("date"), FieldPanel("outlet"), FieldPanel("external_url")]),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    search_fields = SitePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("outlet"),
        index.FilterField("date"),
    ]
    parent_page_types = ["home.PressIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("press page")
        ordering = ["-date"]
