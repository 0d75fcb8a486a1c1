"""Which pages the public may see: those under no view restriction (login, password, group).
Known per content generation, so listings and page views need no restriction query."""

from django.db.models import Q
from wagtail.models import PageViewRestriction

from core.page_cache import for_generation


def restricted_paths():
    """Tree paths of pages with a view restriction: they and their descendants are not public.
    Known per process and content generation (saving a restriction starts a new one), so the
    public listings and page views need no restriction query of their own (Wagtail's
    .public() and get_view_restrictions() cost one or two each)."""
    return for_generation(
        "restricted-paths", None, lambda: tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
    )


def public_only(queryset):
    """Like Wagtail's PageQuerySet.public(), with the restricted paths already known."""
    exclusions = Q()
    for path in restricted_paths():
        exclusions |= Q(path__startswith=path)
    return queryset.exclude(exclusions) if exclusions else queryset


def is_public(page, paths):
    return not any(page.path.startswith(path) for path in paths)
