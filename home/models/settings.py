"""Site-wide settings editable in the admin (Settings menu)."""

import copy

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable

from core.bank_identifiers import compact_eik, compact_iban, validate_bic, validate_eik, validate_iban
from core.staff_recipients import email_addresses


def validate_email_addresses(raw):
    wrong = []
    for address in email_addresses(raw):
        try:
            validate_email(address)
        except ValidationError:
            wrong.append(address)
    if wrong:
        raise ValidationError(
            _("Not a valid email address: %(addresses)s"), code="invalid", params={"addresses": ", ".join(wrong)}
        )


class BilingualMixin:
    """Settings are per site, not per locale, so texts that differ by language are kept as
    ``<name>_bg`` / ``<name>_en`` pairs; ``localized("name")`` picks the active language and
    falls back to Bulgarian, the organisation's own language."""

    def localized(self, name, language=None):
        language = (language or get_language() or "bg")[:2]
        value = getattr(self, f"{name}_{language}", "") or ""
        return value or getattr(self, f"{name}_bg", "") or ""


@register_setting(icon="site")
class OrganisationSettings(BilingualMixin, BaseSiteSetting):
    name_bg = models.CharField(_("name (Bulgarian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    # The name in page titles ("Проекти – ХЕСЕД", "Projects – HESED"): each language writes it
    # in its own script.
    short_name_bg = models.CharField(_("short name (Bulgarian)"), max_length=40, blank=True)
    short_name_en = models.CharField(_("short name (English)"), max_length=40, blank=True)
    legal_name_bg = models.CharField(_("legal name (Bulgarian)"), max_length=255, blank=True)
    legal_name_en = models.CharField(_("legal name (English)"), max_length=255, blank=True)
    registration_bg = models.TextField(_("registration and licences (Bulgarian)"), blank=True)
    registration_en = models.TextField(_("registration and licences (English)"), blank=True)
    address_bg = models.CharField(_("address (Bulgarian)"), max_length=255, blank=True)
    address_en = models.CharField(_("address (English)"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    # For bank transfers and donation certificates (issue 11). Empty until staff fill them from
    # the foundation's own documents: the donation form offers a bank transfer only once an IBAN
    # is here, and certificates are issued only with the legal name and the ЕИК.
    eik = models.CharField(
        _("ЕИК/BULSTAT"), max_length=20, blank=True, validators=[validate_eik],
        help_text=_("The foundation's unified identification code, printed on donation certificates."),
    )
    public_benefit_registration_bg = models.TextField(
        _("public-benefit registration (Bulgarian)"), blank=True,
        help_text=_("E.g. the entry in the Central Register of Legal Entities for public-benefit activity."),
    )
    public_benefit_registration_en = models.TextField(_("public-benefit registration (English)"), blank=True)
    bank_iban = models.CharField(
        _("IBAN"), max_length=42, blank=True, validators=[validate_iban],
        help_text=_("When set, the donation form offers a bank transfer to this account."),
    )
    bank_bic = models.CharField(_("BIC"), max_length=11, blank=True, validators=[validate_bic])
    bank_name = models.CharField(_("bank"), max_length=200, blank=True)
    bank_beneficiary = models.CharField(
        _("beneficiary"), max_length=70, blank=True,
        help_text=_("The account holder's name as the bank has it (at most 70 characters, for the payment QR code). "
                    "Empty: the legal name."),
    )
    certificate_legal_basis_bg = models.TextField(
        _("legal basis on certificates (Bulgarian)"), blank=True,
        help_text=_("Printed on every donation certificate, e.g. which articles of the Personal Income Tax Act "
                    "(ЗДДФЛ, art. 22) and the Corporate Income Tax Act (ЗКПО, art. 31) allow the deduction. "
                    "Check it with the foundation's accountant whenever the law changes."),
    )
    certificate_legal_basis_en = models.TextField(_("legal basis on certificates (English)"), blank=True)
    # Who hears of contact and consulting enquiries and of partners' reports
    # (core/staff_recipients.py says the whole order).
    enquiry_recipients = models.TextField(
        _("who receives enquiries and partner reports"), blank=True, validators=[validate_email_addresses],
        help_text=_("One or more email addresses, separated by commas, that receive every message from the "
                    "contact and consulting forms and every report a partner sends. A form page's own “to” "
                    "address, or the foundation's contact person for that partner organisation, comes first. "
                    "Empty: the address set on the server (STAFF_EMAIL), else the first administrator's email."),
    )

    @classmethod
    def for_request(cls, request):
        # Read by every page (header, footer, JSON-LD): kept per process and content generation
        # (saving the settings starts a new one) rather than a query per view. Each request gets
        # its own copy; the admin's edit view reads the row itself (for_site).
        from wagtail.models import Site

        from core.page_cache import for_generation

        attr_name = cls.get_cache_attr_name()
        if not hasattr(request, attr_name):
            site = Site.find_for_request(request)
            if site is None:
                return super().for_request(request)
            # No page fields here, so the copy needs no request of its own (Wagtail keeps one
            # only to build page_url links).
            instance = copy.copy(for_generation("organisation-settings", site.pk, lambda: cls.for_site(site)))
            setattr(request, attr_name, instance)
        return getattr(request, attr_name)

    panels = [
        MultiFieldPanel(
            [FieldPanel("name_bg"), FieldPanel("name_en"), FieldPanel("short_name_bg"), FieldPanel("short_name_en")],
            heading=_("Name"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("legal_name_bg"),
                FieldPanel("legal_name_en"),
                FieldPanel("registration_bg"),
                FieldPanel("registration_en"),
            ],
            heading=_("Legal details"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("eik"),
                FieldPanel("public_benefit_registration_bg"),
                FieldPanel("public_benefit_registration_en"),
                FieldPanel("certificate_legal_basis_bg"),
                FieldPanel("certificate_legal_basis_en"),
            ],
            heading=_("Donation certificates"),
        ),
        MultiFieldPanel(
            [FieldPanel("bank_iban"), FieldPanel("bank_bic"), FieldPanel("bank_name"), FieldPanel("bank_beneficiary")],
            heading=_("Bank account for donations"),
        ),
        MultiFieldPanel(
            [FieldPanel("address_bg"), FieldPanel("address_en"), FieldPanel("phone"), FieldPanel("email")],
            heading=_("Contact"),
        ),
        MultiFieldPanel([FieldPanel("enquiry_recipients")], heading=_("Enquiries and partner reports")),
        MultiFieldPanel(
            [FieldPanel("facebook_url"), FieldPanel("youtube_url"), FieldPanel("linkedin_url")],
            heading=_("Social links"),
        ),
    ]

    class Meta:
        verbose_name = _("organisation")

    @property
    def name(self):
        return self.localized("name")

    @property
    def short_name(self):
        return self.localized("short_name")

    @property
    def legal_name(self):
        return self.localized("legal_name")

    @property
    def registration(self):
        return self.localized("registration")

    @property
    def address(self):
        return self.localized("address")

    def clean(self):
        super().clean()
        # Stored as the bank writes them in the payment file: no spaces, capitals.
        self.bank_iban = compact_iban(self.bank_iban)
        self.bank_bic = "".join((self.bank_bic or "").split()).upper()
        self.eik = compact_eik(self.eik)
        self.enquiry_recipients = ", ".join(email_addresses(self.enquiry_recipients))

    @property
    def public_benefit_registration(self):
        return self.localized("public_benefit_registration")

    @property
    def certificate_legal_basis(self):
        return self.localized("certificate_legal_basis")

    @property
    def beneficiary(self):
        return self.bank_beneficiary or self.localized("legal_name", "bg") or self.localized("name", "bg")

    @property
    def accepts_bank_transfers(self):
        return bool(self.bank_iban)

    @property
    def issues_certificates(self):
        """A certificate the tax office accepts names the foundation and its ЕИК: without them
        the feature hides itself."""
        return bool(self.eik and (self.legal_name_bg or self.legal_name_en))

    @property
    def social_links(self):
        return [
            (label, url)
            for label, url in (
                ("Facebook", self.facebook_url),
                ("YouTube", self.youtube_url),
                ("LinkedIn", self.linkedin_url),
            )
            if url
        ]


@register_setting(icon="list-ul")
class NavigationSettings(BaseSiteSetting, ClusterableModel):
    """The main menu is the home page's children marked "show in menus" (per language, in
    tree order); the footer links are chosen here and shown in the visitor's language."""

    panels = [InlinePanel("footer_links", label=_("Footer links"))]

    class Meta:
        verbose_name = _("navigation")


class FooterLink(Orderable):
    settings = ParentalKey(NavigationSettings, related_name="footer_links", on_delete=models.CASCADE)
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page"))

    panels = [FieldPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = _("footer link")
