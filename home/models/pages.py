from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from core.blocks import BaseStreamBlock, KeyFigureBlock
from core.pages import SitePage


class HomePage(SitePage):
    mission = models.TextField(_("mission statement"))
    introduction = models.TextField(_("introduction"), blank=True)
    key_figures = StreamField(
        [("figure", KeyFigureBlock())], blank=True, verbose_name=_("key figures")
    )
    model_heading = models.CharField(_("model heading"), max_length=255, blank=True)
    model_summary = models.TextField(_("model summary"), blank=True)
    model_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("model page"),
    )
    programmes_heading = models.CharField(_("programmes heading"), max_length=255, blank=True)
    programmes_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("programmes page"),
        help_text=_("Its child pages are listed as the programmes teaser."),
    )
    donate_heading = models.CharField(_("support heading"), max_length=255, blank=True)
    donate_text = models.TextField(_("support text"), blank=True)
    donate_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("support page"),
        help_text=_("Where the support button leads."),
    )
    donate_button_label = models.CharField(_("support button label"), max_length=80, blank=True)

    content_panels = SitePage.content_panels + [
        FieldPanel("mission"),
        FieldPanel("introduction"),
        FieldPanel("key_figures"),
        MultiFieldPanel(
            [FieldPanel("model_heading"), FieldPanel("model_summary"), FieldPanel("model_page")],
            heading=_("The model"),
        ),
        MultiFieldPanel([FieldPanel("programmes_heading"), FieldPanel("programmes_page")], heading=_("Programmes")),
        MultiFieldPanel(
            [
                FieldPanel("donate_heading"),
                FieldPanel("donate_text"),
                FieldPanel("donate_page"),
                FieldPanel("donate_button_label"),
            ],
            heading=_("Support call to action"),
        ),
    ]
    search_fields = SitePage.search_fields + [index.SearchField("mission"), index.SearchField("introduction")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from home.listings import latest_press, latest_projects, programme_pages

        context = super().get_context(request, *args, **kwargs)
        # All lazy: the template renders the part that uses them once per content generation
        # (the "home-body" fragment), so most views run none of these queries.
        context["linked"] = linked = SimpleLazyObject(lambda: self.linked_pages(request))
        context["programmes"] = SimpleLazyObject(lambda: programme_pages(linked["programmes"]))
        context["latest_projects"] = SimpleLazyObject(lambda: latest_projects(self.locale_id, limit=3))
        context["latest_press"] = SimpleLazyObject(lambda: latest_press(self.locale_id, limit=3))
        return context

    def linked_pages(self, request):
        """The pages this page links to, in the visitor's language: {"model", "programmes",
        "donate"}, each a page or None. The three links and every key figure's link are fetched
        in two queries (one for the pages, one for their translations)."""
        from home.navigation import load_linked_pages, localized, prefetch_localized

        load_linked_pages(self, "model_page", "programmes_page", "donate_page")
        links = [self.model_page, self.programmes_page, self.donate_page]
        links += [block.value["link"] for block in self.key_figures if block.value.get("link")]
        prefetch_localized(links, request)
        return {
            "model": localized(self.model_page, request),
            "programmes": localized(self.programmes_page, request),
            "donate": localized(self.donate_page, request),
        }


class ContentPage(SitePage):
    """A general page: the model, about the foundation, centres, each programme."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))
    list_children = models.BooleanField(
        _("list child pages"), default=False, help_text=_("Show this page's child pages as cards.")
    )

    content_panels = SitePage.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("body"),
        FieldPanel("list_children"),
    ]
    search_fields = SitePage.search_fields + [index.SearchField("introduction"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types = ["home.ContentPage"]

    class Meta:
        verbose_name = _("content page")

    def get_context(self, request, *args, **kwargs):
        from home.listings import child_cards

        context = super().get_context(request, *args, **kwargs)
        if self.list_children:
            context["child_pages"] = child_cards(self)
        return context


__all__ = ["HomePage", "ContentPage", "blocks"]
