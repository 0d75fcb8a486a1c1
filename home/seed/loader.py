"""Loads the seed content: locales, the Bulgarian page tree, its English translations through
wagtail-localize, images and site settings.

Safe to run again however much the content was edited since: whatever exists is left alone (an
editor's later changes are never overwritten, a page is found by its fixed translation key
wherever it was moved), and only what is missing is created. Every object the seed created or
found is recorded (home.SeedRecord); one that is recorded but gone was deleted by an editor and
does not come back, nor do its children. A page the seed has never made (new in the seed, or a
database seeded before the records existed) is created. Nothing here raises on edited content:
what cannot be created as the seed says (an English page whose Bulgarian source was edited, a
page linking to one that was deleted) is left out and reported."""

from django.apps import apps
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from core import site_url
from home.seed import content
from home.seed.bilingual import FormFieldSpec, Resolver
from home.seed.images import COLLECTION_NAME, SEED_IMAGES, ensure_seed_images
from home.seed.translation import SeedTranslationError, english_strings, translate_page

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
        return [line for line in self.lines if not line.startswith(("already present", "left out"))]


class SeedRecords:
    """The seed's memory of what it made (home.SeedRecord), read once per run."""

    def __init__(self):
        from home.models import SeedRecord

        self.model = SeedRecord
        self.known = {record.key: record for record in SeedRecord.objects.all()}

    def deleted(self, key):
        """Created (or found) by an earlier run and gone now: an editor deleted it."""
        return key in self.known

    def object_id(self, key):
        record = self.known.get(key)
        return record.object_id if record else None

    def record(self, key, object_id=None):
        record = self.known.get(key)
        if record is None:
            self.known[key] = self.model.objects.create(key=key, object_id=object_id)
        elif record.object_id != object_id:
            record.object_id = object_id
            record.save(update_fields=["object_id"])


def page_key(spec, language):
    return f"page:{spec.key}:{language}"


def load_seed_content(write=None):
    """Load what is missing; return the Report. All or nothing: a failure leaves the database as
    it was."""
    report = Report(write)
    with transaction.atomic():
        records = SeedRecords()
        locales = ensure_locales(report)
        vocabulary = ensure_vocabulary(report, records)
        images = ensure_seed_images(report, records)
        pages = ensure_pages(locales, images, vocabulary, report, records)
        if "home" in pages:
            ensure_site(pages["home"], report)
            remove_welcome_page(report)
        ensure_translations(pages, locales, images, report, records)
        apply_corrections(pages, report)
        ensure_settings(pages, report, records)
    return report


def ensure_locales(report):
    locales = {}
    for code in ("bg", "en"):
        locale, created = Locale.objects.get_or_create(language_code=code)
        report("created" if created else "already present", f"locale {code}")
        locales[code] = locale
    return locales


def _ensure_object(model, key, lookup, defaults, report, records, what):
    """The recorded object (found by id even if renamed), else one matching ``lookup``, else a
    new one unless an editor deleted the one the seed made. None when deleted."""
    existing = model.objects.filter(pk=records.object_id(key)).first() if records.object_id(key) else None
    existing = existing or model.objects.filter(**lookup).first()
    if existing is None and records.deleted(key):
        report("left out", f"{what} (deleted by an editor)")
        return None
    if existing is None:
        existing = model.objects.create(**lookup, **defaults)
        report("created", what)
    else:
        report("already present", what)
    records.record(key, existing.pk)
    return existing


def ensure_vocabulary(report, records):
    from projects.models import FundingProgramme, Place

    places = {}
    for slug, name_bg, name_en, kind in content.PLACES:
        place = _ensure_object(
            Place, f"place:{slug}", {"slug": slug}, {"name_bg": name_bg, "name_en": name_en, "kind": kind},
            report, records, f"place {slug}",
        )
        if place is not None:
            places[slug] = place
    programmes = {}
    for slug, name_bg, name_en in content.FUNDING_PROGRAMMES:
        programme = _ensure_object(
            FundingProgramme, f"programme:{slug}", {"slug": slug}, {"name_bg": name_bg, "name_en": name_en},
            report, records, f"funding programme {slug}",
        )
        if programme is not None:
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
            page.funding_programme = vocabulary["programmes"].get(value) if value else None
            continue
        setattr(page, name, resolver.field_value(value, spec.key, name))
    page.show_in_menus = spec.show_in_menus
    if skip_relations:
        return
    if spec.form_fields:
        _apply_form_fields(page, spec, resolver)
    if spec.places:
        page.places = [vocabulary["places"][slug] for slug in spec.places if slug in vocabulary["places"]]


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


def ensure_pages(locales, images, vocabulary, report, records):
    """Create the missing Bulgarian pages, then fill and publish them.

    Two passes because pages link to each other (the home page to its children, a press page
    to a project): the first creates every missing page as an unpublished draft without links,
    the second sets all fields, links included, and publishes one revision. A page an editor
    deleted stays deleted, and so do the seed's pages under it."""
    bg = locales["bg"]
    specs = content.page_specs()
    pages = {}
    new_keys = []
    lenient = Resolver("bg", pages, images, lenient=True)
    for spec in specs:
        key = page_key(spec, "bg")
        page = find_page(spec, bg)
        if page is not None:
            pages[spec.key] = page
            records.record(key, page.pk)
            report("already present", f"page {spec.key}")
            continue
        if records.deleted(key):
            report("left out", f"page {spec.key} (deleted by an editor)")
            continue
        if spec.parent is not None and spec.parent not in pages:
            report("left out", f"page {spec.key} (its parent {spec.parent} was deleted)")
            continue
        page = _model(spec)(locale=bg, translation_key=spec.translation_key, live=False)
        try:
            _apply_fields(page, spec, lenient, vocabulary, skip_relations=True)
        except KeyError as missing:
            report("left out", f"page {spec.key} (needs {missing}, which was deleted)")
            continue
        parent = Page.get_first_root_node() if spec.parent is None else pages[spec.parent]
        parent.add_child(instance=page)
        pages[spec.key] = page
        new_keys.append(spec.key)

    strict = Resolver("bg", pages, images)
    for spec in specs:
        if spec.key not in new_keys:
            continue
        page = pages[spec.key]
        try:
            _apply_fields(page, spec, strict, vocabulary)
        except KeyError as missing:
            # It links to a page or image an editor deleted: the draft goes, nothing half-made stays.
            page.delete()
            del pages[spec.key]
            report("left out", f"page {spec.key} (links to {missing}, which was deleted)")
            continue
        # Saved before the revision so the revision records the form fields with their ids.
        page.save()
        page.save_revision(log_action=True).publish()
        # A fresh instance: the one in hand still holds the in-memory child objects.
        page = _model(spec).objects.get(pk=page.pk)
        pages[spec.key] = page
        records.record(page_key(spec, "bg"), page.pk)
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


def ensure_translations(pages, locales, images, report, records):
    """English pages, parents first, so the English tree mirrors the Bulgarian one. An English
    page that exists, however it was made (the seed, "Translate this page", a copy), is left as
    it is; one an editor deleted is not made again."""
    en = locales["en"]
    for spec in content.page_specs():
        key = page_key(spec, "en")
        en_page = find_page(spec, en)
        if en_page is not None:
            records.record(key, en_page.pk)
            report("already present", f"English page {spec.key}")
            continue
        if records.deleted(key):
            report("left out", f"English page {spec.key} (deleted by an editor)")
            continue
        bg_page = pages.get(spec.key)
        if bg_page is None:
            continue  # reported with the Bulgarian page
        try:
            # A savepoint: a failed attempt leaves no half-made translation behind.
            with transaction.atomic():
                _, en_page = translate_page(bg_page, english_applier(spec, images, pages), en)
        except (SeedTranslationError, KeyError) as problem:
            # The Bulgarian page was edited since the seed made it (or links to a deleted page):
            # the seed's English no longer fits it. Translators take it from here.
            report("left out", f"English page {spec.key} (translate it in the admin: {problem})")
            continue
        sync_places(bg_page, en_page)
        records.record(key, en_page.pk)
        report("created", f"English page {spec.key} ({en_page.url_path})")


# Texts an earlier seed wrote wrongly: (page key, field, what it wrote). A page that still says
# exactly that (and has no draft waiting) gets the seed's current text; one an editor changed
# keeps the editor's text.
CORRECTIONS = [
    ("press", "title", "Прессцентър"),
    ("press", "seo_title", "Прессцентър"),
]


def apply_corrections(pages, report):
    specs = {spec.key: spec for spec in content.page_specs()}
    for key, field, old in CORRECTIONS:
        page = pages.get(key)
        if page is None or getattr(page, field) != old or page.has_unpublished_changes:
            continue
        new = specs[key].fields[field].bg
        latest = page.get_latest_revision_as_object()
        setattr(latest, field, new)
        if field == "title":
            latest.draft_title = new
        latest.save_revision(log_action=True).publish()
        pages[key] = type(page).objects.get(pk=page.pk)
        report("updated", f"page {key}: {field} {old!r} → {new!r}")


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


def ensure_settings(pages, report, records):
    from home.models import FooterLink, NavigationSettings, OrganisationSettings

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return
    _, created = OrganisationSettings.objects.get_or_create(site=site, defaults=content.ORGANISATION)
    report("created" if created else "already present", "organisation settings")

    navigation, created = NavigationSettings.objects.get_or_create(site=site)
    report("created" if created else "already present", "navigation settings")
    if navigation.footer_links.exists():
        report("already present", "footer links")
    elif records.deleted("footer-links"):
        report("left out", "footer links (removed by an editor)")
    else:
        for order, key in enumerate(key for key in content.FOOTER_PAGE_KEYS if key in pages):
            FooterLink.objects.create(settings=navigation, page=pages[key], sort_order=order)
        report("created", "footer links")
    records.record("footer-links")


def verify_seed():
    """For the tests of a freshly loaded seed (load_seed_content never calls it: edited content
    is allowed to differ). Raise AssertionError unless every seed page exists live in both
    languages, the English
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
        expected, actual = english_strings(shadow, en), english_strings(en_page.specific, en)
        assert expected == actual, f"{spec.key}: the English page differs from the spec"
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
