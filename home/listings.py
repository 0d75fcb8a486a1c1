"""Queries behind the listings. Each fetches related rows and image renditions in bulk so a
listing costs the same number of queries whatever its length."""


LISTING_RENDITIONS = ("fill-480x300|format-webp", "fill-960x600|format-webp")


def with_listing_images(queryset):
    from core.visibility import public_only

    # public_only: Wagtail's .public() with the restricted paths from the cache (no query).
    return public_only(queryset).select_related("listing_image").prefetch_related("listing_image__renditions")


def programme_pages(parent):
    if parent is None:
        return []
    from home.models import ContentPage

    return list(with_listing_images(ContentPage.objects.child_of(parent).live()))


def child_cards(page):
    from home.models import ContentPage

    return list(with_listing_images(ContentPage.objects.child_of(page).live()))


def latest_projects(locale_id, limit=3):
    from projects.models import ProjectPage

    queryset = ProjectPage.objects.live().filter(locale_id=locale_id).select_related("funding_programme")
    queryset = with_listing_images(queryset).prefetch_related("places")
    return list(queryset.order_by("-start_date", "-first_published_at")[:limit])


def latest_press(locale_id, limit=3):
    from home.models import PressPage

    queryset = PressPage.objects.live().filter(locale_id=locale_id)
    return list(with_listing_images(queryset).order_by("-date", "-pk")[:limit])


def press_items(index_page, kind=""):
    from home.models import PressPage

    queryset = PressPage.objects.child_of(index_page).live()
    if kind:
        queryset = queryset.filter(kind=kind)
    return with_listing_images(queryset).order_by("-date", "-pk")
