"""A newsletter (written by staff, one per language), its sending (a Mailing: once per
newsletter) and one Delivery row per recipient.

The Newsletter holds only content, so that wagtail-localize can copy it into a translation;
everything about sending lives in Mailing and Delivery, which a translation never copies. The
Mailing is one-to-one with its newsletter and a Delivery is unique per (mailing, subscriber):
an issue can reach each subscriber at most once, whatever the worker does
(newsletters/sending.py says how the rows are claimed)."""

from django.conf import settings
from django.db import models
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.fields import StreamField
from wagtail.models import PreviewableMixin, TranslatableMixin

from newsletters.blocks import NewsletterStreamBlock
from newsletters.forms import NewsletterForm


class Newsletter(TranslatableMixin, PreviewableMixin, models.Model):
    subject = models.CharField(_("subject"), max_length=150)
    preheader = models.CharField(
        _("preview line"), max_length=200, blank=True,
        help_text=_("The short line mail programs show after the subject. Also the summary of the press item."),
    )
    body = StreamField(NewsletterStreamBlock(), verbose_name=_("body"))
    publish_as_press = models.BooleanField(
        _("also publish it on the site"), default=False,
        help_text=_("When the sending has finished, the newsletter appears in the press centre as news."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    base_form_class = NewsletterForm
    panels = [
        HelpPanel(
            content=_(
                "The newsletter goes to the confirmed subscribers of its language. Save it, look at it in the "
                "preview, send a test to yourself, then “Send to the subscribers…”."
            )
        ),
        FieldPanel("subject"),
        FieldPanel("preheader"),
        FieldPanel("body"),
        FieldPanel("publish_as_press"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("newsletter")
        verbose_name_plural = _("newsletters")
        ordering = ["-created_at"]
        permissions = [("send_newsletter", _("Can send newsletters to the subscribers"))]

    def __str__(self):
        return self.subject

    @property
    def language(self):
        return self.locale.language_code

    @property
    def sent_mailing(self):
        return Mailing.objects.filter(newsletter=self).first() if self.pk else None

    # --- the preview, as the email (the admin's preview panel) --------------------------------

    @property
    def preview_modes(self):
        return [("", _("Email")), ("text", _("Plain text"))]

    def serve_preview(self, request, mode_name):
        from core.security import email_preview
        from newsletters.rendering import PREVIEW_UNSUBSCRIBE, render_email

        email = render_email(self, unsubscribe_url=PREVIEW_UNSUBSCRIBE)
        if mode_name == "text":
            body, content_type = email.text, "text/plain; charset=utf-8"
        else:
            body, content_type = email.html, "text/html; charset=utf-8"
        return email_preview(lambda preview_request: HttpResponse(body, content_type=content_type))(request)


class Mailing(models.Model):
    """The sending of one newsletter, with what was sent frozen at the start: edits made to the
    newsletter afterwards change nothing that is already on its way."""

    SENDING = "sending"
    FINISHED = "finished"
    STATUS_CHOICES = [(SENDING, _("Sending")), (FINISHED, _("Finished"))]

    newsletter = models.OneToOneField(
        Newsletter, on_delete=models.CASCADE, related_name="mailing", verbose_name=_("newsletter")
    )
    language = models.CharField(_("language"), max_length=10)
    subject = models.CharField(_("subject"), max_length=150)
    html = models.TextField(_("HTML part"))
    text = models.TextField(_("text part"))
    status = models.CharField(_("status"), max_length=20, choices=STATUS_CHOICES, default=SENDING)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("started by"),
    )
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    # The last time a worker took up a batch: a sending with no sign of life for longer than the
    # claim timeout was interrupted (manage.py resume_newsletters takes it up again).
    heartbeat_at = models.DateTimeField(_("last activity"), null=True, blank=True)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)
    press_url = models.CharField(_("published on the site at"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("sending")
        verbose_name_plural = _("sendings")

    def __str__(self):
        return self.subject


class Delivery(models.Model):
    PENDING = "pending"
    CLAIMED = "claimed"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    SKIPPED = "skipped"
    INTERRUPTED = "interrupted"
    BOUNCED = "bounced"
    COMPLAINED = "complained"
    STATUS_CHOICES = [
        (PENDING, _("Waiting")),
        (CLAIMED, _("In a batch")),
        (SENDING, _("Being sent")),
        (SENT, _("Sent")),
        (FAILED, _("Failed")),
        (SKIPPED, _("Skipped: unsubscribed")),
        (INTERRUPTED, _("Interrupted: may have arrived")),
        (BOUNCED, _("Bounced")),
        (COMPLAINED, _("Marked as spam")),
    ]
    OUTSTANDING = (PENDING, CLAIMED, SENDING)

    mailing = models.ForeignKey(Mailing, on_delete=models.CASCADE, related_name="deliveries")
    # Unsubscribing or an erasure deletes the subscriber: the row stays, without the person.
    subscriber = models.ForeignKey(
        "donations.NewsletterSubscriber", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("subscriber"),
    )
    status = models.CharField(_("status"), max_length=20, choices=STATUS_CHOICES, default=PENDING)
    claim = models.CharField(max_length=32, blank=True, db_index=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    message_id = models.CharField(_("message ID"), max_length=255, blank=True, db_index=True)
    error = models.CharField(_("error"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["mailing", "subscriber"], name="newsletters_one_delivery_per_subscriber")
        ]
        indexes = [models.Index(fields=["mailing", "status"], name="newsletters_delivery_status")]

    def __str__(self):
        return f"{self.mailing_id}/{self.subscriber_id}: {self.status}"
