"""Which contact and consulting enquiries a staff member has seen (home/enquiries.py)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.models import FormSubmission


class EnquiryRead(models.Model):
    """One row per enquiry (a Wagtail form submission) that someone has opened in the admin;
    an enquiry without one is unread."""

    submission = models.OneToOneField(
        FormSubmission, on_delete=models.CASCADE, primary_key=True, related_name="enquiry_read",
        verbose_name=_("enquiry"),
    )
    read_at = models.DateTimeField(_("read at"), auto_now_add=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("read by"),
    )

    class Meta:
        verbose_name = _("read enquiry")
        verbose_name_plural = _("read enquiries")

    def __str__(self):
        return f"{self.submission_id}"
