"""Factories for the public site's pages, vocabulary and images.

Page factories take ``parent=`` (wagtail_factories adds the page under it). Slugs come from a
sequence because Bulgarian titles slugify to nothing without allow_unicode."""

import datetime
from decimal import Decimal

import factory
import wagtail_factories
from factory.django import DjangoModelFactory
from wagtail.models import Collection, Locale

from home.models import (
    ConsultingFormField,
    ConsultingPage,
    ContactFormField,
    ContactPage,
    ContentPage,
    HomePage,
    OrganisationSettings,
    PressIndexPage,
    PressPage,
)
from home.models.press import PressKind
from projects.models import FundingProgramme, Place, ProjectIndexPage, ProjectPage

STAFF_ADDRESS = "staff@example.org"


def locale(language_code):
    return Locale.objects.get_or_create(language_code=language_code)[0]


class ImageFactory(wagtail_factories.ImageFactory):
    """In the root collection: the stock factory would create a second root collection per image."""

    title = factory.Sequence(lambda n: f"Image {n}")
    collection = factory.LazyFunction(Collection.get_first_root_node)


class SitePageFactory(wagtail_factories.PageFactory):
    slug = factory.Sequence(lambda n: f"page-{n}")

    class Meta:
        abstract = True


class HomePageFactory(SitePageFactory):
    title = "Начало"
    slug = factory.Sequence(lambda n: f"home-{n}")
    mission = "Интегрирано развитие на общностите."
    introduction = "Фондацията работи с общностите."

    class Meta:
        model = HomePage


class ContentPageFactory(SitePageFactory):
    title = factory.Sequence(lambda n: f"Страница {n}")
    introduction = "Въведение към страницата."

    class Meta:
        model = ContentPage


class ProjectIndexPageFactory(SitePageFactory):
    title = "Проекти"
    slug = factory.Sequence(lambda n: f"projects-{n}")
    introduction = "Проектите на фондацията."

    class Meta:
        model = ProjectIndexPage


class PlaceFactory(DjangoModelFactory):
    slug = factory.Sequence(lambda n: f"place-{n}")
    name_bg = factory.Sequence(lambda n: f"Община {n}")
    name_en = factory.Sequence(lambda n: f"Municipality {n}")

    class Meta:
        model = Place


class FundingProgrammeFactory(DjangoModelFactory):
    slug = factory.Sequence(lambda n: f"programme-{n}")
    name_bg = factory.Sequence(lambda n: f"Програма {n}")
    name_en = factory.Sequence(lambda n: f"Programme {n}")

    class Meta:
        model = FundingProgramme


class ProjectPageFactory(SitePageFactory):
    title = factory.Sequence(lambda n: f"Проект {n}")
    summary = "Кратко описание на проекта."
    lead_organisation = "Фондация"
    start_date = datetime.date(2022, 4, 11)
    end_date = datetime.date(2024, 4, 11)
    grant_amount = Decimal("1000.00")

    class Meta:
        model = ProjectPage
        skip_postgeneration_save = True

    @factory.post_generation
    def places(self, create, extracted, **kwargs):
        """``places=[...]``: a ParentalManyToManyField is written to the database on save."""
        if extracted:
            self.places.set(extracted)
            if create:
                self.save()


class PressIndexPageFactory(SitePageFactory):
    title = "Новини"
    slug = factory.Sequence(lambda n: f"press-{n}")
    introduction = "Новини и публикации."

    class Meta:
        model = PressIndexPage


class PressPageFactory(SitePageFactory):
    title = factory.Sequence(lambda n: f"Новина {n}")
    kind = PressKind.NEWS
    date = factory.Sequence(lambda n: datetime.date(2024, 1, 1) + datetime.timedelta(days=n))
    summary = "Кратко резюме на новината."

    class Meta:
        model = PressPage


# The contact and consulting forms: name, email, message and consent, all required.
FORM_FIELDS = [
    ("Име", "singleline"),
    ("Имейл", "email"),
    ("Съобщение", "multiline"),
    ("Съгласие", "checkbox"),
]


class ContactFormFieldFactory(DjangoModelFactory):
    label = factory.Sequence(lambda n: f"Field {n}")
    field_type = "singleline"
    required = True
    locale = factory.LazyAttribute(lambda field: field.page.locale)

    class Meta:
        model = ContactFormField


class ConsultingFormFieldFactory(ContactFormFieldFactory):
    class Meta:
        model = ConsultingFormField


def _add_form_fields(page, create, extracted, field_factory):
    """``form_fields=False`` leaves the form empty; otherwise the four standard fields."""
    if not create or extracted is False:
        return
    for sort_order, (label, field_type) in enumerate(extracted or FORM_FIELDS):
        field_factory(page=page, label=label, field_type=field_type, sort_order=sort_order)


class ContactPageFactory(SitePageFactory):
    title = "Контакти"
    slug = factory.Sequence(lambda n: f"contact-{n}")
    introduction = "Пишете ни."
    thank_you_text = "<p>Благодарим за съобщението.</p>"
    to_address = STAFF_ADDRESS
    from_address = "site@example.org"
    subject = "Ново съобщение"

    class Meta:
        model = ContactPage
        skip_postgeneration_save = True

    @factory.post_generation
    def form_fields(self, create, extracted, **kwargs):
        _add_form_fields(self, create, extracted, ContactFormFieldFactory)


class ConsultingPageFactory(SitePageFactory):
    title = "Консултации"
    slug = factory.Sequence(lambda n: f"consulting-{n}")
    introduction = "Консултации за общини и организации."
    form_heading = "Запитване"
    thank_you_text = "<p>Благодарим за запитването.</p>"
    to_address = STAFF_ADDRESS
    from_address = "site@example.org"
    subject = "Ново запитване"

    class Meta:
        model = ConsultingPage
        skip_postgeneration_save = True

    @factory.post_generation
    def form_fields(self, create, extracted, **kwargs):
        _add_form_fields(self, create, extracted, ConsultingFormFieldFactory)


class OrganisationSettingsFactory(DjangoModelFactory):
    name_bg = "Фондация „Здраве и социално развитие“"
    name_en = "Health and Social Development Foundation"
    short_name_bg = "ХЕСЕД"
    short_name_en = "HESED"

    class Meta:
        model = OrganisationSettings
