"""Partner organisations, their people, the materials shared with them, invitations, and the
records staff keep: who downloaded what, and every sign-in event."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.documents.models import AbstractDocument, Document
from wagtail.search import index

from core.languages import language_choices
from partners.storage import private_document_storage


class OrganisationType(models.TextChoices):
    FUNDER = "funder", _("Funder")
    MUNICIPALITY = "municipality", _("Municipality")
    NGO = "ngo", _("Non-governmental organisation")
    INSTITUTION = "institution", _("Institution")


class PartnerOrganisation(models.Model):
    name = models.CharField(_("name"), max_length=255, unique=True)
    organisation_type = models.CharField(_("type"), max_length=20, choices=OrganisationType.choices)
    website = models.URLField(_("website"), blank=True)
    projects = models.ManyToManyField(
        "projects.ProjectPage",
        blank=True,
        related_name="partner_organisations",
        verbose_name=_("projects"),
        help_text=_("The projects this organisation takes part in; shown on its partner dashboard."),
    )
    contact_name = models.CharField(_("contact person at the foundation"), max_length=255, blank=True)
    contact_email = models.EmailField(_("contact person's email"), blank=True)
    contact_phone = models.CharField(_("contact person's phone"), max_length=40, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("organisation_type"),
        FieldPanel("website"),
        FieldPanel("projects"),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading=_("Contact person at the foundation"),
        ),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")

    def __str__(self):
        return self.name


class PartnerMembership(models.Model):
    """A person's place in one partner organisation, and when they last came to the dashboard."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="partner_membership", verbose_name=_("user")
    )
    organisation = models.ForeignKey(
        PartnerOrganisation, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("organisation")
    )
    # "New since your last visit" compares against the sign-in before the current one, so the
    # marks stay put while the person moves around the dashboard.
    previous_sign_in = models.DateTimeField(_("previous sign-in"), null=True, blank=True, editable=False)
    current_sign_in = models.DateTimeField(_("current sign-in"), null=True, blank=True, editable=False)
    # The language of every email the site sends this person (reminders, notices, review results).
    language = models.CharField(_("language of emails"), max_length=5, choices=language_choices, default="bg")
    material_notices = models.BooleanField(
        _("email me when new material is shared"),
        default=True,
        help_text=_("At most one email a day, listing what is new."),
    )

    panels = [FieldPanel("user"), FieldPanel("organisation"), FieldPanel("language")]

    class Meta:
        verbose_name = _("partner member")
        verbose_name_plural = _("partner members")

    def __str__(self):
        return f"{self.user.email} ({self.organisation})"

    def record_sign_in(self, when=None):
        self.previous_sign_in = self.current_sign_in
        self.current_sign_in = when or timezone.now()
        self.save(update_fields=["previous_sign_in", "current_sign_in"])


class MaterialKind(models.TextChoices):
    REPORT = "report", _("Report")
    METHODOLOGY = "methodology", _("Methodology")
    PRESENTATION = "presentation", _("Presentation")
    FINANCIAL_STATEMENT = "financial_statement", _("Financial statement")
    TRAINING = "training", _("Training material")


class PartnerDocument(AbstractDocument):
    """The site's document model (WAGTAILDOCS_DOCUMENT_MODEL). Every file is stored outside
    MEDIA_ROOT. A document is restricted when its collection has a view restriction or it is
    shared with partners; restricted documents are served only through the partners' download
    view (see partners/access.py)."""

    file = models.FileField(upload_to="documents", storage=private_document_storage, verbose_name=_("file"))
    kind = models.CharField(_("kind of material"), max_length=30, choices=MaterialKind.choices, blank=True)
    project = models.ForeignKey(
        "projects.ProjectPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partner_materials",
        verbose_name=_("project"),
    )
    shared_with_all_partners = models.BooleanField(
        _("shared with all partners"),
        default=False,
        help_text=_("Every signed-in partner may download it. The file is then never public."),
    )
    organisations = models.ManyToManyField(
        PartnerOrganisation,
        blank=True,
        related_name="materials",
        verbose_name=_("shared with these organisations"),
        help_text=_("Only members of these organisations (and staff) may download it. The file is then never public."),
    )
    share_ends_on = models.DateField(
        _("shared until"),
        null=True,
        blank=True,
        help_text=_(
            "Optional. After this day the material disappears from the partners' dashboards and they can no "
            "longer download it; staff still can. The file never becomes public."
        ),
    )
    requires_acknowledgement = models.BooleanField(
        _("ask partners to confirm they have read it"),
        default=False,
        help_text=_("Each partner confirms once per version of the file; replacing the file asks again."),
    )

    admin_form_fields = Document.admin_form_fields + (
        "kind",
        "project",
        "shared_with_all_partners",
        "organisations",
        "share_ends_on",
        "requires_acknowledgement",
    )
    search_fields = AbstractDocument.search_fields + [index.FilterField("kind")]

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")


class Acknowledgement(models.Model):
    """A partner's "I have read this" for one version (file hash) of a material."""

    document = models.ForeignKey(
        PartnerDocument, on_delete=models.CASCADE, related_name="acknowledgements", verbose_name=_("document")
    )
    file_hash = models.CharField(_("version of the file"), max_length=40)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("user")
    )
    user_email = models.EmailField(_("email"), blank=True)
    organisation = models.ForeignKey(
        PartnerOrganisation, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("organisation")
    )
    acknowledged_at = models.DateTimeField(_("confirmed"), default=timezone.now)

    class Meta:
        ordering = ["-acknowledged_at"]
        verbose_name = _("confirmation of receipt")
        verbose_name_plural = _("confirmations of receipt")
        constraints = [
            models.UniqueConstraint(fields=["document", "file_hash", "user"], name="one_acknowledgement_per_version")
        ]

    def __str__(self):
        return f"{self.user_email}: {self.document_id}"


class MaterialNotice(models.Model):
    """ "This material is now yours to see", queued for one person when a material becomes
    visible to their organisation, and sent in a daily digest (partners/notices.py)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    document = models.ForeignKey(PartnerDocument, on_delete=models.CASCADE, related_name="+")
    queued_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "document"], name="one_notice_per_person_and_material")]

    def __str__(self):
        return f"{self.document_id} → {self.user_id}"


class NoticeDigest(models.Model):
    """One digest per person per day at most: the unique row is taken before the email goes."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="one_digest_per_person_and_day")]

    def __str__(self):
        return f"{self.user_id} {self.day}"


class ReportKind(models.TextChoices):
    NARRATIVE = "narrative", _("Narrative report")
    FINANCIAL = "financial", _("Financial report")
    SIGNED_AGREEMENT = "signed_agreement", _("Signed agreement")
    OTHER = "other", _("Other")


class ReportingRequirement(models.Model):
    """Something an organisation owes the foundation by a date (a report, a signed agreement)."""

    organisation = models.ForeignKey(
        PartnerOrganisation,
        on_delete=models.CASCADE,
        related_name="reporting_requirements",
        verbose_name=_("organisation"),
    )
    project = models.ForeignKey(
        "projects.ProjectPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("project"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=ReportKind.choices)
    title_bg = models.CharField(_("title in Bulgarian"), max_length=255)
    title_en = models.CharField(_("title in English"), max_length=255)
    instructions_bg = models.TextField(_("instructions in Bulgarian"), blank=True)
    instructions_en = models.TextField(_("instructions in English"), blank=True)
    due_date = models.DateField(_("due date"), db_index=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("reporting requirement")
        verbose_name_plural = _("reporting requirements")

    def __str__(self):
        return f"{self.title_bg} ({self.organisation})"

    def title(self, language=None):
        from django.utils import translation

        language = language or translation.get_language() or settings.LANGUAGE_CODE
        return self.title_en if language.startswith("en") and self.title_en else self.title_bg

    def instructions(self, language=None):
        from django.utils import translation

        language = language or translation.get_language() or settings.LANGUAGE_CODE
        return self.instructions_en if language.startswith("en") and self.instructions_en else self.instructions_bg


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    ACCEPTED = "accepted", pgettext_lazy("a report", "Accepted")


class Report(models.Model):
    """The organisation's answer to one requirement; locked while submitted or accepted."""

    requirement = models.OneToOneField(
        ReportingRequirement, on_delete=models.CASCADE, related_name="report", verbose_name=_("requirement")
    )
    status = models.CharField(_("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    note = models.TextField(_("note"), blank=True)
    review_comment = models.TextField(_("comment from the foundation"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last change"), default=timezone.now)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self):
        return str(self.requirement)

    @property
    def is_locked(self):
        return self.status in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)


class ReportFile(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="files", verbose_name=_("report"))
    file = models.FileField(_("file"), upload_to="reports", storage=private_document_storage, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("report file")
        verbose_name_plural = _("report files")

    def __str__(self):
        return self.original_name


class ReportEventKind(models.TextChoices):
    SAVED = "saved", _("Saved as draft")
    FILE_ADDED = "file_added", _("File added")
    FILE_REMOVED = "file_removed", _("File removed")
    SUBMITTED = "submitted", _("Submitted")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    ACCEPTED = "accepted", pgettext_lazy("a report", "Accepted")


class ReportEvent(models.Model):
    """Every step of a report, with who and when."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events", verbose_name=_("report"))
    kind = models.CharField(_("step"), max_length=30, choices=ReportEventKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("user")
    )
    user_email = models.EmailField(_("email"), blank=True)
    detail = models.TextField(_("detail"), blank=True)
    created = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = _("report step")
        verbose_name_plural = _("report steps")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.user_email}"


class ReminderSent(models.Model):
    """One reminder per requirement, person and step ("before-7", "overdue-1"): the unique row is
    what makes the reminder command safe to run again."""

    requirement = models.ForeignKey(ReportingRequirement, on_delete=models.CASCADE, related_name="reminders")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    step = models.CharField(max_length=30)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["requirement", "user", "step"], name="one_reminder_per_step_and_person")
        ]

    def __str__(self):
        return f"{self.requirement_id} {self.step} → {self.user_id}"


class Invitation(models.Model):
    email = models.EmailField(_("email"))
    organisation = models.ForeignKey(
        PartnerOrganisation, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("organisation")
    )
    language = models.CharField(_("language"), max_length=5, choices=language_choices, default="bg")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("invited by"),
    )
    created = models.DateTimeField(_("sent"), default=timezone.now, editable=False)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True, editable=False)
    accepted_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("account"),
    )

    class Meta:
        ordering = ["-created"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.email} ({self.organisation})"

    @staticmethod
    def max_age():
        """How long an invitation link works (partners.invitations signs and checks it)."""
        return datetime.timedelta(days=settings.PARTNER_INVITATION_DAYS)

    @property
    def is_expired(self):
        return self.accepted_at is None and timezone.now() - self.created > self.max_age()

    def status(self):
        if self.accepted_at:
            return _("Accepted")
        if self.is_expired:
            return _("Expired")
        return _("Waiting")

    status.short_description = _("status")


class DownloadLog(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("user")
    )
    # Kept as text too, so the record still says who it was after an account is deleted.
    user_email = models.EmailField(_("email"), blank=True)
    organisation = models.ForeignKey(
        PartnerOrganisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="downloads",
        verbose_name=_("organisation"),
    )
    document = models.ForeignKey(
        PartnerDocument, null=True, on_delete=models.SET_NULL, related_name="downloads", verbose_name=_("document")
    )
    document_title = models.CharField(_("document title"), max_length=255)
    downloaded_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-downloaded_at"]
        verbose_name = _("download")
        verbose_name_plural = _("download log")

    def __str__(self):
        return f"{self.user_email}: {self.document_title}"


class AccountEventKind(models.TextChoices):
    SIGNED_IN = "signed_in", _("Signed in")
    SIGN_IN_FAILED = "sign_in_failed", _("Sign-in failed")
    LOCKED_OUT = "locked_out", _("Too many failed sign-ins")
    SIGNED_OUT = "signed_out", _("Signed out")
    PASSWORD_CHANGED = "password_changed", _("Password changed")
    PASSWORD_SET = "password_set", _("Password set")
    PASSWORD_RESET = "password_reset", _("Password reset")
    EMAIL_CHANGED = "email_changed", _("Email address changed")
    MFA_FAILED = "mfa_failed", _("Two-factor code rejected")
    MFA_ENABLED = "mfa_enabled", _("Two-factor authentication added")
    MFA_REMOVED = "mfa_removed", _("Two-factor authentication removed")
    INVITATION_ACCEPTED = "invitation_accepted", _("Invitation accepted")


class AccountEvent(models.Model):
    kind = models.CharField(_("event"), max_length=30, choices=AccountEventKind.choices, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("user"),
    )
    # What was typed in the sign-in form, for failures that match no account.
    email = models.CharField(_("email"), max_length=254, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=255, blank=True)
    created = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("sign-in record")
        verbose_name_plural = _("sign-in records")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.email}"


@register_setting(icon="lock")
class AccountSecuritySettings(BaseSiteSetting):
    require_mfa_for_staff = models.BooleanField(
        _("require two-factor authentication for staff"),
        default=False,
        help_text=_(
            "Staff must set up an authenticator app before they can use the admin. Partners may always "
            "choose to use one."
        ),
    )

    panels = [FieldPanel("require_mfa_for_staff")]

    class Meta:
        verbose_name = _("account security")
