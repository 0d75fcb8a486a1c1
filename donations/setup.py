"""The general donation page for the seed content: `ensure_donation_page()`.

Called by the seed loader (home/seed) after the home pages and their English translations
exist. Safe to run again: a page that exists (found by its fixed translation key, so an editor
may rename or move it) is left exactly as the editors made it; only what is missing is created.
The English page is a real wagtail-localize translation, like every other seed page."""


from django.db import transaction
from wagtail.models import Locale, Site

from home.seed.bilingual import translation_key_for

# The seed content's own key for its donation page (home/seed/content.py, key "donate"), so
# this finds the seeded page and never creates a second one; fixed whatever editors do to its
# title or slug.
DONATION_PAGE_TRANSLATION_KEY = translation_key_for("page", "donate")

TEXTS = {
    "title": ("Подкрепете ни", "Support us"),
    "slug": ("darete", "donate"),
    "seo_title": ("Дарете за работата на фондацията", "Donate to the foundation's work"),
    "search_description": (
        "Дарете еднократно или всеки месец с карта: всеки дар подкрепя услугите ни в общността.",
        "Give once or every month by card: every gift supports our services in the community.",
    ),
    "introduction": (
        "С еднократно или месечно дарение подкрепяте услугите на фондацията за деца и семейства в общността.",
        "With a one-off or monthly gift you support the foundation's services for children and families in the "
        "community.",
    ),
    # Only what the foundation's own texts say about its work (home/seed/content.py): no invented facts.
    "story": (
        "<p>Даренията подкрепят услугите на фондацията в общностните центрове: програмите за родители и "
        "малки деца, за деца от 4 до 6 години, които не посещават детска градина, за юноши и работата с "
        "общността. Всяко дарение получава разписка по имейл.</p>",
        "<p>Gifts support the foundation's services in its community centres: the programmes for parents and "
        "young children, for children aged 4–6 who do not attend kindergarten, for adolescents, and the work "
        "with the community. Every gift receives a receipt by email.</p>",
    ),
}


def _report(report, action, what):
    if report is not None:
        report(action, what)


def _home_page(locale):
    from home.models import HomePage

    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        root = site.root_page.specific
        if isinstance(root, HomePage) and root.locale_id == locale.pk:
            return root
    return HomePage.objects.filter(locale=locale).order_by("path").first()


def _english_applier(shadow):
    for name, (_bg, en) in TEXTS.items():
        if name == "story":
            for block in shadow.story:  # same block ids, English text
                block.value = _rich_text(en)
        else:
            setattr(shadow, name, en)


def _rich_text(html):
    from wagtail.rich_text import RichText

    return RichText(html)


def ensure_donation_page(report=None):
    """Create the general Bulgarian donation page under the Bulgarian home page and its English
    translation, if missing. Returns {"bg": page, "en": page}. ``report(action, what)`` is the
    seed loader's Report (optional)."""
    from donations.models import DonationPage

    with transaction.atomic():
        bulgarian = Locale.objects.get(language_code="bg")
        english = Locale.objects.get(language_code="en")
        pages = DonationPage.objects.filter(translation_key=DONATION_PAGE_TRANSLATION_KEY)
        bg_page = pages.filter(locale=bulgarian).first()
        if bg_page is None:
            home = _home_page(bulgarian)
            if home is None:
                raise RuntimeError("ensure_donation_page needs the Bulgarian home page; load the seed pages first")
            bg_page = DonationPage(
                locale=bulgarian,
                translation_key=DONATION_PAGE_TRANSLATION_KEY,
                show_in_menus=True,
                **{name: bg for name, (bg, _en) in TEXTS.items() if name != "story"},
            )
            bg_page.story = [("paragraph", _rich_text(TEXTS["story"][0]))]
            home.add_child(instance=bg_page)
            bg_page.save_revision(log_action=True).publish()
            bg_page = DonationPage.objects.get(pk=bg_page.pk)
            _report(report, "created", f"page donations ({bg_page.url_path})")
        else:
            _report(report, "already present", "page donations")

        en_page = pages.filter(locale=english).first()
        if en_page is None:
            from home.seed.translation import translate_page

            _translation, en_page = translate_page(bg_page, _english_applier, english)
            en_page = DonationPage.objects.get(pk=en_page.pk)
            _report(report, "created", f"English page donations ({en_page.url_path})")
        else:
            _report(report, "already present", "English page donations")
    return {"bg": bg_page, "en": en_page}
