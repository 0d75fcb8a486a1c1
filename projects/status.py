"""A project's status comes from its dates; editors set it by hand only when dates are unknown."""

import datetime

from django.db.models import Case, CharField, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PLANNED = "planned"
ONGOING = "ongoing"
COMPLETED = "completed"
STATUS_CHOICES = [(PLANNED, _("Planned")), (ONGOING, _("Ongoing")), (COMPLETED, _("Completed"))]
STATUS_LABELS = dict(STATUS_CHOICES)


def today():
    return timezone.localdate()


def derive_status(start_date, end_date, fallback="", on=None):
    on = on or today()
    if start_date and start_date > on:
        return PLANNED
    if end_date and end_date < on:
        return COMPLETED
    if start_date:
        return ONGOING
    return fallback or ONGOING


def status_expression(on=None):
    """The same rule as derive_status, as SQL, so the index can filter and count by status."""
    on = on or today()
    return Case(
        When(start_date__gt=on, then=Value(PLANNED)),
        When(end_date__lt=on, then=Value(COMPLETED)),
        When(start_date__isnull=False, then=Value(ONGOING)),
        When(~Q(status_when_undated=""), then="status_when_undated"),
        default=Value(ONGOING),
        output_field=CharField(),
    )


def active_in_year_q(year):
    """Projects running at any time during the year (undated ones never match)."""
    start = datetime.date(year, 1, 1)
    end = datetime.date(year, 12, 31)
    return Q(start_date__lte=end) & (Q(end_date__gte=start) | Q(end_date__isnull=True))
