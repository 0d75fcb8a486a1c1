from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core import page_cache
from core.blocks import AccessibleImageBlock, BaseStreamBlock, PartnerBlock
from core.pages import SitePage
from projects import status as project_status
from projects.listing import project_listing


class BilingualName(models.Model):
    """Places and programmes are shared vocabulary: the same record filters projects in both
    languages, so each carries its name in both languages rather than being translated."""

    slug = models.SlugField(_("slug"), unique=True, allow_unicode=False)
    name_bg = models.CharField(_("name (Bulgarian)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255)

    panels = [FieldPanel("name_bg"), FieldPanel("name_en"), FieldPanel("slug")]

    class Meta:
        abstract = True
        ordering = ["name_en"]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return self.name_en if (get_language() or "bg")[:2] == "en" else self.name_bg


class Place(BilingualName):
    KIND_CHOICES = [("municipality", _("Municipality")), ("district", _("District")), ("country", _("Country"))]
    kind = models.CharField(_("kind"), max_length=20, choices=KIND_CHOICES, default="municipality")

    panels = BilingualName.panels + [FieldPanel("kind")]

    class Meta(BilingualName.Meta):
        verbose_name = _("place")
        verbose_name_plural = _("places")


class FundingProgramme(BilingualName):
    class Meta(BilingualName.Meta):
        verbose_name = _("funding programme")
        verbose_name_plural = _("funding programmes")


class ProjectIndexPage(SitePage):
    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = SitePage.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["projects.ProjectPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("project index page")

    @staticmethod
    def project_model():
        return ProjectPage

    @staticmethod
    def vocabulary_models():
        return Place, FundingProgramme

    def get_context(self, request, *args, **kwargs):

        context = super().get_context(request, *args, **kwargs)
        listing = project_listing(self, request.GET)
        context.update(listing)
        # Only a query the listing applied as given is worth a page-cache entry of its own.
        page_cache.accept_listing_query(
            request, **listing["filters"], page=listing["page_obj"].number if "page" in request.GET else None
        )
        return context


class ProjectPage(SitePage):
    """A project sheet: structured fields, so that the index can filter and total them."""

    summary = models.TextField(_("summary"))
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    period_note = models.CharField(
        _("implementation period note"), max_length=255, blank=True,
        help_text=_("For projects without exact dates, e.g. a long-running service."),
    )
    status_when_undated = models.CharField(
        _("status when there are no dates"), max_length=20, blank=True,
        choices=project_status.STATUS_CHOICES,
        help_text=_("Used only when the start date is empty; otherwise the dates decide."),
    )
    places = ParentalManyToManyField(Place, blank=True, related_name="projects", verbose_name=_("places"))
    funding_programme = models.ForeignKey(
        FundingProgramme, null=True, blank=True, on_delete=models.SET_NULL, related_name="projects",
        verbose_name=_("funding programme"),
    )
    funders = StreamField(
        [("funder", blocks.CharBlock(label=_("Funder")))], blank=True, verbose_name=_("funders and sources of funding"),
    )
    lead_organisation = models.CharField(_("lead organisation"), max_length=255)
    partners = StreamField([("partner", PartnerBlock())], blank=True, verbose_name=_("partners"))
    grant_amount = models.DecimalField(_("grant amount (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True)
    target_groups = StreamField(
        [("group", blocks.CharBlock(label=_("Target group")))], blank=True, verbose_name=_("target groups"),
    )
    people_reached = models.PositiveIntegerField(_("number of people reached"), null=True, blank=True)
    people_reached_note = models.CharField(_("who was reached"), max_length=500, blank=True)
    expected_results = StreamField(
        [("result", blocks.TextBlock(label=_("Result")))], blank=True, verbose_name=_("expected results"),
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("more about the project"))
    contact_name = models.CharField(_("contact name"), max_length=255, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_address = models.CharField(_("contact address"), max_length=255, blank=True)
    website = models.URLField(_("project website"), blank=True)
    photos = StreamField([("photo", AccessibleImageBlock())], blank=True, verbose_name=_("photos"))

    content_panels = SitePage.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("period_note"),
                FieldPanel("status_when_undated"),
            ],
            heading=_("Implementation period"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("places"),
                FieldPanel("funding_programme"),
                FieldPanel("funders"),
                FieldPanel("lead_organisation"),
                FieldPanel("partners"),
                FieldPanel("grant_amount"),
            ],
            heading=_("Where, who and funding"),
        ),
        MultiFieldPanel(
            [FieldPanel("target_groups"), FieldPanel("people_reached"), FieldPanel("people_reached_note")],
            heading=_("People"),
        ),
        FieldPanel("expected_results"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldPanel("contact_phone"),
                FieldPanel("contact_address"),
                FieldPanel("website"),
            ],
            heading=_("Contact"),
        ),
        FieldPanel("photos"),
    ]
    search_fields = SitePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("lead_organisation"),
        index.SearchField("expected_results"),
        index.SearchField("body"),
    ]
    # Deliberate: numbers, dates, links and shared vocabulary are the same in every language;
    # texts are translated.
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("summary"),
        TranslatableField("period_note"),
        TranslatableField("funders"),
        TranslatableField("lead_organisation"),
        TranslatableField("partners"),
        TranslatableField("target_groups"),
        TranslatableField("people_reached_note"),
        TranslatableField("expected_results"),
        TranslatableField("body"),
        TranslatableField("contact_name"),
        TranslatableField("contact_address"),
        TranslatableField("photos"),
        TranslatableField("listing_image_alt"),
        SynchronizedField("start_date"),
        SynchronizedField("end_date"),
        SynchronizedField("status_when_undated"),
        SynchronizedField("places"),
        SynchronizedField("funding_programme"),
        SynchronizedField("grant_amount"),
        SynchronizedField("people_reached"),
        SynchronizedField("contact_phone"),
        SynchronizedField("website"),
        SynchronizedField("listing_image"),
    ]

    parent_page_types = ["projects.ProjectIndexPage"]
    subpage_types = []
    route_select_related = SitePage.route_select_related + ("funding_programme",)

    class Meta:
        verbose_name = _("project sheet")
        verbose_name_plural = _("project sheets")

    def get_context(self, request, *args, **kwargs):
        # The sheet shows its funding programme and its social image: fetch both in one query
        # instead of one lazy query each (home.routing already fetched them with the page).
        if ProjectPage.funding_programme.is_cached(self) and ProjectPage.listing_image.is_cached(self):
            return super().get_context(request, *args, **kwargs)
        related = (
            ProjectPage.objects.select_related("funding_programme", "listing_image")
            .only("pk", "funding_programme", "listing_image")
            .get(pk=self.pk)
        )
        self.funding_programme = related.funding_programme
        self.listing_image = related.listing_image
        return super().get_context(request, *args, **kwargs)

    @property
    def status(self):
        return project_status.derive_status(self.start_date, self.end_date, self.status_when_undated)

    @property
    def status_label(self):
        return project_status.STATUS_LABELS[self.status]
