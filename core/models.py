"""Records core keeps for every app."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ErasureRecord(models.Model):
    """That the personal data of one address was erased: when, through which channel, by whom
    and what each category did. It holds a one-way hash of the address, never the address."""

    ADMIN = "admin"
    COMMAND = "command"
    SELF_SERVICE = "self_service"
    CHANNEL_CHOICES = [
        (ADMIN, _("Staff, in the admin")),
        (COMMAND, _("Staff, with manage.py erase_personal_data")),
        (SELF_SERVICE, _("The person, through their signed link")),
    ]

    email_hash = models.CharField(_("email address (SHA-256)"), max_length=64, db_index=True)
    channel = models.CharField(_("channel"), max_length=20, choices=CHANNEL_CHOICES)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("staff member"),
    )
    # Kept as text as well: the record must still say who it was after their account is gone.
    actor_label = models.CharField(_("done by"), max_length=200, blank=True)
    summary = models.JSONField(_("what was done"), default=dict)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("erasure record")
        verbose_name_plural = _("erasure records")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.get_channel_display()} {self.actor_label}"
