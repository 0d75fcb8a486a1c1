"""TEMPORARY: the pages the browser tests need, until `load_seed_content` exists. Delete this
file once home/management/commands/load_seed_content.py lands."""

import datetime


def create_stand_in_content():
    from wagtail.models import Locale, Page, Site

    from home.models import (
        ConsultingPage,
        ContactFormField,
        ContactPage,
        ContentPage,
        HomePage,
        PressIndexPage,
        PressPage,
    )
    from projects.models import Place, ProjectIndexPage, ProjectPage

    bulgarian, _ = Locale.objects.get_or_create(language_code="bg")
    english, _ = Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node()
    for child in root.get_children():
        child.delete()

    home = root.add_child(
        instance=HomePage(
            title="Фондация „Здраве и социално развитие“",
            slug="home",
            locale=bulgarian,
            mission="Нашата мисия е да насърчава възможностите за личностно и общностно развитие.",
        )
    )
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="MIR")

    def add(parent, page):
        page.locale = bulgarian
        page.show_in_menus = parent.pk == home.pk
        return parent.add_child(instance=page)

    model = add(home, ContentPage(title="Моделът за интегрирано развитие", slug="model"))
    programmes = add(home, ContentPage(title="Програми", slug="programmes", list_children=True))
    add(programmes, ContentPage(title="Детско развитие", slug="child-development"))
    add(home, ConsultingPage(title="Консултации", slug="consulting"))
    index = add(home, ProjectIndexPage(title="Проекти", slug="projects"))
    pernik = Place.objects.create(slug="pernik", name_bg="Перник", name_en="Pernik")
    plovdiv = Place.objects.create(slug="plovdiv", name_bg="Пловдив", name_en="Plovdiv")
    pernik_project = add(
        index,
        ProjectPage(
            title="Интегрирани мерки в Перник",
            slug="pernik",
            summary="Социално включване на ромската общност в град Перник.",
            lead_organisation="Община Перник",
            start_date=datetime.date(2022, 4, 11),
            end_date=datetime.date(2024, 4, 11),
        ),
    )
    pernik_project.places.add(pernik)
    pernik_project.save()
    law_project = add(
        index,
        ProjectPage(
            title="Деца в контакт със закона",
            slug="children-law",
            summary="Услуги за деца в Пловдив.",
            lead_organisation="Фонд за превенция на престъпността ИГА",
            start_date=datetime.date(2022, 10, 12),
            end_date=datetime.date(2024, 4, 30),
        ),
    )
    law_project.places.add(plovdiv)
    law_project.save()
    press_index = add(home, PressIndexPage(title="Прес център", slug="press"))
    add(press_index, PressPage(title="Пресконференция", slug="press-conference", date=datetime.date(2023, 4, 1)))
    contact = add(home, ContactPage(title="Контакти", slug="contact"))
    ContactFormField.objects.create(page=contact, label="Име", field_type="singleline", required=True, locale=bulgarian)
    home.model_page = model
    home.programmes_page = programmes
    home.save()

    english_titles = {
        home.pk: "Health and Social Development Foundation",
        pernik_project.pk: "Integrated measures in Pernik",
    }
    english_summaries = {pernik_project.pk: "Social inclusion of the Roma community in the town of Pernik."}
    for page in [home, *home.get_descendants().order_by("path")]:
        translation = page.specific.copy_for_translation(english)
        translation.title = english_titles.get(page.pk, page.title)
        if page.pk in english_summaries:
            translation.summary = english_summaries[page.pk]
        translation.save_revision().publish()
    english_home = home.get_translation(english)
    english_home.programmes_page = programmes.get_translation(english)
    english_home.save_revision().publish()


if __name__ == "__main__":
    import django

    django.setup()
    create_stand_in_content()
