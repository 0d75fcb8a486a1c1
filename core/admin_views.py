"""What the project's admin screens share on top of Wagtail's generic views."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import generic

# How an inspect screen shows a field with no value. Wagtail writes Python's "None" there
# (a date not yet reached, a profile not yet made), which reads as an English word to staff.
EMPTY_VALUE = "—"


class InspectView(generic.InspectView):
    """Wagtail's inspect view, with an empty field shown as a dash and a yes-or-no field as
    "Yes" or "No" in the staff member's language (Wagtail writes Python's True and False)."""

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        return EMPTY_VALUE if value is None or value == "" else value
