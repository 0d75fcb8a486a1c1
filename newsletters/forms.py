from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm


class NewsletterForm(WagtailAdminModelForm):
    """A newsletter that has been sent stays as it was sent: its report and its press item
    describe that text."""

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and hasattr(self.instance, "mailing"):
            raise ValidationError(
                _("This newsletter has been sent and can no longer be changed. Copy it to write a new one.")
            )
        return cleaned
