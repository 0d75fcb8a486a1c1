"""Loads the seed content: locales, the Bulgarian page tree, its English translations through
wagtail-localize, images and site settings. Safe to run again: whatever exists is left alone
(an editor's later changes are never overwritten) and only what is missing is created."""

from django.apps import apps
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from core import site_url
from home.seed import content
from home.seed.bilingual import FormFieldSpec, Resolver
from home.seed.images import COLLECTION_NAME, SEED_IMAGES, ensure_seed_images
from home.seed.translation import pair_segments, translate_page

WELCOME_PAGE_TITLE = "Welcome to your new Wagtail site!"

# Fields that are not plain model fields and are handled on their own.
SPECIAL_FIELDS = {"funding_programme"}


class Report:
    """What the run did, one line per object: "created …", "updated …", "removed …" or
    "already present …"."""

    def __init__(self, write=None):
        self.lines = []
        self.write = write

    def __call__(self, action, what):
        line = f"{action}: {what}"
        self.lines.append(line)
        if self.write:
            self.write(line)

    def changes(self):
        return [line for line in self.lines if not line.startswith("already present")]


def load_seed_content(write=None):
    """Load everything; return the Report. All or nothing: a failure leaves the database as it was."""
    report = Report(write)
    with transaction.atomic():
        locales = ensure_locales(report)
        vocabulary = ensure_vocabulary(report)
        images = ensure_seed_images(report)
        pages = ensure_pages(locales, images, vocabulary, report)
        ensure_site(pages["home"], report)
        remove_welcome_page(report)
        ensure_translations(pages, locales, images, report)
        ensure_settings(pages, report)
        verify_seed()
    return report


def ensure_locales(report):
    locales = {}
    for code in ("bg", "en"):
        locale, created = Locale.objects.get_or_create(language_code=code)
        report("created" if created else "already present", f"locale {code}")
        locales[code] = locale
    return locales


def ensure_vocabulary(report):
    from projects.models import FundingProgramme, Place

    places = {}
    for slug, name_bg, name_en, kind in content.PLACES:
        place, created = Place.objects.get_or_create(
            slug=slug, defaults={"name_bg": name_bg, "name_en": name_en, "kind": kind}
        )
        report("created" if created else "already present", f"place {slug}")
        places[slug] = place
    programmes = {}
    for slug, name_bg, name_en in content.FUNDING_PROGRAMMES:
        programme, created = FundingProgramme.objects.get_or_create(
            slug=slug, defaults={"name_bg": name_bg, "name_en": name_en}
        )
        report("created" if created else "already present", f"funding programme {slug}")
        programmes[slug] = programme
    return {"places": places, "programmes": programmes}


def _model(spec):
    return apps.get_model(spec.model)


def find_page(spec, locale):
    """The seed page for ``spec`` in ``locale``, found by its fixed translation key (so it is
    found even after an editor renames or moves it)."""
    return _model(spec).objects.filter(translation_key=spec.translation_key, locale=locale).first()


def _apply_fields(page, spec, resolver, vocabulary, skip_relations=False):
    for name, value in spec.fields.items():
        if name == "funding_programme":
            page.funding_programme = vocabulary["programmes"][value] if value else None
            continue
        setattr(page, name, resolver.field_value(value, spec.key, name))
    page.show_in_menus = spec.show_in_menus
    if skip_relations:
        return
    if spec.form_fields:
        _apply_form_fields(page, spec, resolver)
    if spec.places:
        page.places = [vocabulary["places"][slug] for slug in spec.places]


def _apply_form_fields(page, spec, resolver):
    form_field_model = page.form_fields.model
    fields = []
    for order, field_spec in enumerate(spec.form_fields):
        fields.append(
            form_field_model(
                sort_order=order,
                clean_name=field_spec.clean_name,
                label=field_spec.label(resolver.language),
                field_type=field_spec.field_type,
                required=field_spec.required,
                help_text=field_spec.help_text(resolver.language) if field_spec.help_text else "",
                locale=page.locale,
                translation_key=spec.form_field_translation_key(field_spec.clean_name),
            )
        )
    page.form_fields = fields


def ensure_pages(locales, images, vocabulary, report):
    """Create the missing Bulgarian pages, then fill and publish them.

    Two passes because pages link to each other (the home page to its children, a press page
    to a project): the first creates every missing page as an unpublished draft without links,
    the second sets all fields, links included, and publishes one revision."""
    bg = locales["bg"]
    specs = content.page_specs()
    pages = {}
    new_keys = []
    lenient = Resolver("bg", pages, images, lenient=True)
    for spec in specs:
        page = find_page(spec, bg)
        if page is not None:
            pages[spec.key] = page
            report("already present", f"page {spec.key}")
            continue
        page = _model(spec)(locale=bg, translation_key=spec.translation_key, live=False)
        _apply_fields(page, spec, lenient, vocabulary, skip_relations=True)
        parent = Page.get_first_root_node() if spec.parent is None else pages[spec.parent]
        parent.add_child(instance=page)
        pages[spec.key] = page
        new_keys.append(spec.key)

    strict = Resolver("bg", pages, images)
    for spec in specs:
        if spec.key not in new_keys:
            continue
        page = pages[spec.key]
        _apply_fields(page, spec, strict, vocabulary)
        # Saved before the revision so the revision records the form fields with their ids.
        page.save()
        page.save_revision(log_action=True).publish()
        # A fresh instance: the one in hand still holds the in-memory child objects.
        page = _model(spec).objects.get(pk=page.pk)
        pages[spec.key] = page
        report("created", f"page {spec.key} ({page.url_path})")
    return pages


def ensure_site(home, report):
    """Point the default site (whatever Wagtail created) at the Bulgarian home page, at the
    address SITE_URL names."""
    hostname, port = site_url.site_address()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname=hostname, port=port, root_page=home, is_default_site=True)
        report("created", f"default site {hostname}:{port}")
        return
    if site.root_page_id != home.pk:
        site.root_page = home
        site.save()
        report("updated", "default site now points to the Bulgarian home page")
    else:
        report("already present", "default site points to the Bulgarian home page")
    if site_url.sync_default_site():
        report("updated", f"default site address now {hostname}:{port} (SITE_URL)")


def remove_welcome_page(report):
    """Wagtail's migrations create a plain "Welcome" page; the seed's home page replaces it.
    Only run after the site has been repointed: deleting a site's root would delete the site."""
    from django.contrib.contenttypes.models import ContentType

    plain_page = ContentType.objects.get_for_model(Page)
    welcome = Page.objects.filter(depth=2, content_type=plain_page, title=WELCOME_PAGE_TITLE)
    for page in welcome:
        page.delete()
        report("removed", "Wagtail's welcome page")


def english_applier(spec, images, pages):
    """Return a function that sets the English texts of ``spec`` on an unsaved page copy."""
    resolver = Resolver("en", pages, images)

    def apply_english(shadow):
        for name, value in spec.fields.items():
            if name in SPECIAL_FIELDS:
                continue
            setattr(shadow, name, resolver.field_value(value, spec.key, name))
        if spec.form_fields:
            by_key = {spec.form_field_translation_key(field.clean_name): field for field in spec.form_fields}
            for form_field in shadow.form_fields.all():
                field_spec: FormFieldSpec = by_key[form_field.translation_key]
                form_field.label = field_spec.label("en")
                form_field.help_text = field_spec.help_text("en") if field_spec.help_text else ""

    return apply_english


def ensure_translations(pages, locales, images, report):
    """English pages, parents first, so the English tree mirrors the Bulgarian one."""
    from wagtail_localize.models import Translation

    en = locales["en"]
    for spec in content.page_specs():
        bg_page = pages[spec.key]
        en_page = find_page(spec, en)
        has_translation = Translation.objects.filter(
            source__object_id=spec.translation_key, source__locale=locales["bg"], target_locale=en
        ).exists()
        if en_page is not None and has_translation:
            report("already present", f"English page {spec.key}")
            continue
        _, en_page = translate_page(bg_page, english_applier(spec, images, pages), en)
        sync_places(bg_page, en_page)
        report("created", f"English page {spec.key} ({en_page.url_path})")


def sync_places(bg_page, en_page):
    """Places are a ParentalManyToManyField, which wagtail-localize copies as a synchronised
    field; check that it did, and set it (with a revision, so the editor shows it) if not."""
    if not hasattr(bg_page, "places"):
        return
    wanted = set(bg_page.places.values_list("pk", flat=True))
    if set(en_page.places.values_list("pk", flat=True)) == wanted:
        return
    en_page.places = list(bg_page.places.all())
    en_page.save_revision().publish()


def ensure_settings(pages, report):
    from home.models import FooterLink, NavigationSettings, OrganisationSettings

    site = Site.objects.get(is_default_site=True)
    _, created = OrganisationSettings.objects.get_or_create(site=site, defaults=content.ORGANISATION)
    report("created" if created else "already present", "organisation settings")

    navigation, created = NavigationSettings.objects.get_or_create(site=site)
    report("created" if created else "already present", "navigation settings")
    if not navigation.footer_links.exists():
        for order, key in enumerate(content.FOOTER_PAGE_KEYS):
            FooterLink.objects.create(settings=navigation, page=pages[key], sort_order=order)
        report("created", "footer links")
    else:
        report("already present", "footer links")


def verify_seed():
    """Raise AssertionError unless every seed page exists live in both languages, the English
    one being a complete wagtail-localize translation with English title, slug and texts, in the
    mirrored place of the tree, with the synchronised fields of the Bulgarian one."""
    from wagtail_localize.models import Translation

    bg = Locale.objects.get(language_code="bg")
    en = Locale.objects.get(language_code="en")
    specs = content.page_specs()
    bg_pages = {spec.key: find_page(spec, bg) for spec in specs}
    en_pages = {spec.key: find_page(spec, en) for spec in specs}
    images = {
        key: get_image_model().objects.filter(collection__name=COLLECTION_NAME, title=title).first()
        for key, (title, _) in SEED_IMAGES.items()
    }
    for spec in specs:
        bg_page, en_page = bg_pages[spec.key], en_pages[spec.key]
        assert bg_page is not None and bg_page.live, f"Bulgarian page {spec.key} is missing or not live"
        assert en_page is not None and en_page.live, f"English page {spec.key} is missing or not live"
        assert Page.objects.filter(translation_key=spec.translation_key).count() == 2, spec.key
        if spec.parent is not None:
            assert en_page.get_parent().pk == en_pages[spec.parent].pk, f"{spec.key}: English tree differs"
        assert en_page.title == spec.fields["title"].en, f"{spec.key}: English title is {en_page.title!r}"
        assert en_page.slug == spec.fields["slug"].en, f"{spec.key}: English slug is {en_page.slug!r}"
        translation = Translation.objects.get(
            source__object_id=spec.translation_key, source__locale=bg, target_locale=en
        )
        total, translated = translation.get_progress()
        assert total > 0 and total == translated, f"{spec.key}: {translated} of {total} strings translated"
        # The live English page says what the English spec says, segment for segment.
        shadow = translation.source.as_instance()
        english_applier(spec, images, bg_pages)(shadow)
        live = pair_segments(shadow, en_page)
        for key, (expected, actual) in live.items():
            assert expected.string.data == actual.string.data, f"{spec.key} {key}: {actual.string.data!r}"
        for field in ("listing_image_id", "show_in_menus"):
            assert getattr(en_page, field) == getattr(bg_page, field), f"{spec.key}: {field} not synchronised"
        if spec.places or spec.model == "projects.ProjectPage":
            for field in (
                "start_date",
                "end_date",
                "grant_amount",
                "people_reached",
                "funding_programme_id",
                "status_when_undated",
                "contact_phone",
                "website",
            ):
                assert getattr(en_page, field) == getattr(bg_page, field), f"{spec.key}: {field} not synchronised"
            assert set(en_page.places.all()) == set(bg_page.places.all()), f"{spec.key}: places not synchronised"
