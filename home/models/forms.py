from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField, FormMixin
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import TranslatableMixin
from wagtail.search import index

from core import clients, form_protection
from core.pages import SitePage
from home.blocks import ConsultingOfferBlock


class ProtectedFormPage(AbstractEmailForm, SitePage):
    """A form page that stores every submission, then emails staff; with a honeypot and a
    per-IP rate limit. A failed email never loses the submission."""

    introduction = models.TextField(_("introduction"), blank=True)
    thank_you_text = RichTextField(_("thank-you text"), blank=True, features=["bold", "italic", "link"])

    rate_limit_scope = "form"

    class Meta:
        abstract = True

    def get_form(self, *args, **kwargs):
        return form_protection.add_honeypot(super().get_form(*args, **kwargs))

    def notification_addresses(self):
        """Who receives this page's enquiries (home/enquiries.py gives the order)."""
        from home.enquiries import enquiry_recipients

        return enquiry_recipients(self)

    def process_form_submission(self, form):
        # The honeypot is not the visitor's data: keep it out of the stored submission and email.
        form.cleaned_data.pop(form_protection.HONEYPOT_FIELD, None)
        submission = FormMixin.process_form_submission(self, form)
        self.send_mail(form, submission)
        return submission

    def send_mail(self, form, submission=None):
        """Each recipient in their language; nobody to send to, nothing sent."""
        from home.enquiries import notify_staff

        return notify_staff(self, form, submission)

    def get_submissions_list_view_class(self):
        # Opening the listing marks the enquiries it shows as read.
        from home.admin_enquiries import EnquirySubmissionsListView

        return EnquirySubmissionsListView

    def serve(self, request, *args, **kwargs):
        if request.method != "POST":
            return super().serve(request, *args, **kwargs)
        form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
        if form_protection.honeypot_filled(form):
            # Answer as if it worked so bots learn nothing; store nothing.
            return TemplateResponse(request, self.get_landing_page_template(request), self.get_context(request))
        if clients.over_limit(request, clients.form_limit(f"{self.rate_limit_scope}:{self.pk}")):
            context = self.get_context(request)
            context["form"] = form
            context["rate_limited"] = True
            return TemplateResponse(request, self.get_template(request), context, status=429)
        if form.is_valid():
            form_submission = self.process_form_submission(form)
            return self.render_landing_page(request, form_submission, *args, **kwargs)
        # The form again with the visitor's values and the errors; 400, since nothing was taken.
        context = self.get_context(request)
        context["form"] = form
        return TemplateResponse(request, self.get_template(request), context, status=400)


EMAIL_PANELS = MultiFieldPanel(
    [
        FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
        FieldPanel("subject"),
    ],
    heading=_("Email to staff"),
)


class ContactFormField(TranslatableMixin, AbstractFormField):
    page = ParentalKey("ContactPage", on_delete=models.CASCADE, related_name="form_fields")

    class Meta(TranslatableMixin.Meta, AbstractFormField.Meta):
        pass


class ContactPage(ProtectedFormPage):
    rate_limit_scope = "contact"

    content_panels = SitePage.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("introduction"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("thank_you_text"),
        EMAIL_PANELS,
    ]
    search_fields = SitePage.search_fields + [index.SearchField("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("contact page")


class ConsultingFormField(TranslatableMixin, AbstractFormField):
    page = ParentalKey("ConsultingPage", on_delete=models.CASCADE, related_name="form_fields")

    class Meta(TranslatableMixin.Meta, AbstractFormField.Meta):
        pass


class ConsultingPage(ProtectedFormPage):
    """Consulting for municipalities and organisations: structured offers and an enquiry form."""

    offers = StreamField([("offer", ConsultingOfferBlock())], blank=True, verbose_name=_("offers"))
    experience = RichTextField(_("experience"), blank=True, features=["bold", "italic", "link", "ul"])
    form_heading = models.CharField(_("enquiry form heading"), max_length=255, blank=True)

    rate_limit_scope = "consulting"

    content_panels = SitePage.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("introduction"),
        FieldPanel("offers"),
        FieldPanel("experience"),
        FieldPanel("form_heading"),
        InlinePanel("form_fields", label=_("Enquiry form fields")),
        FieldPanel("thank_you_text"),
        EMAIL_PANELS,
    ]
    search_fields = SitePage.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("offers"),
        index.SearchField("experience"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("consulting page")
