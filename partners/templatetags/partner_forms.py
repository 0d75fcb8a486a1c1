"""Form fields whose help text and errors are tied to the input (aria-describedby), so a
screen reader announces them with the field, not only somewhere on the page."""

from django import template

register = template.Library()


def help_id(bound_field):
    return f"{bound_field.auto_id}_helptext"


def errors_id(bound_field):
    return f"{bound_field.auto_id}_errors"


@register.simple_tag
def accessible_widget(bound_field):
    described_by = []
    if bound_field.help_text:
        described_by.append(help_id(bound_field))
    if bound_field.errors:
        described_by.append(errors_id(bound_field))
    attrs = {}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if bound_field.errors:
        attrs["aria-invalid"] = "true"
    return bound_field.as_widget(attrs=attrs)


@register.filter
def is_checkbox(bound_field):
    return getattr(bound_field.field.widget, "input_type", "") in ("checkbox", "radio") and not getattr(
        bound_field.field.widget, "allow_multiple_selected", False
    )


@register.filter
def squash(text):
    """Collapses runs of white space (allauth's titles come with the template's indentation)."""
    return " ".join(str(text).split())


@register.filter
def long_date(value):
    """ "1 май 2024 г." / "1 May 2024" (core.formatting.format_date)."""
    from core.formatting import format_date

    return format_date(value)


@register.filter
def long_datetime(value):
    """ "1 май 2024 г., 14:05" / "1 May 2024, 14:05", in the site's time zone."""
    from core.formatting import format_datetime

    return format_datetime(value)
