"""Enquiries reach someone: who receives a contact or consulting enquiry (page → organisation
settings → STAFF_EMAIL → first superuser → nobody), in which language each recipient reads it,
and the admin's count of unread enquiries, which opening the submissions brings down."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import GroupPagePermission
from wagtail.users.models import UserProfile

from home.enquiries import enquiry_recipients, unread_counts
from home.models import OrganisationSettings
from tests import factories
from tests.conftest import translate
from tests.home.fixtures import fresh
from tests.home.helpers import field_name, form_data, parse, translated

ADMIN_HOME = "/admin/"


@pytest.fixture(autouse=True)
def no_staff_email(settings):
    settings.STAFF_EMAIL = ""


def organisation(tree):
    return OrganisationSettings.objects.get(site=tree.site)


def set_settings_recipients(tree, value):
    OrganisationSettings.objects.filter(site=tree.site).update(enquiry_recipients=value)


def page_without_address(tree, factory=factories.ContactPageFactory, **fields):
    return factory(parent=fresh(tree.home_bg), to_address="", **fields)


def staff(django_user_model, username, language=None, superuser=False, **fields):
    create = django_user_model.objects.create_superuser if superuser else django_user_model.objects.create_user
    user = create(username=username, email=fields.pop("email", f"{username}@example.org"), password="x", **fields)
    if language:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
    return user


# --- who receives an enquiry --------------------------------------------------------------------


def test_the_pages_own_address_comes_first(shared_tree, settings, django_user_model):
    set_settings_recipients(shared_tree, "office@example.org")
    settings.STAFF_EMAIL = "server@example.org"
    staff(django_user_model, "root", superuser=True)
    page = page_without_address(shared_tree)
    page.to_address = "page@example.org, second@example.org"

    assert enquiry_recipients(page) == ["page@example.org", "second@example.org"]


def test_the_organisation_settings_come_when_the_page_names_nobody(shared_tree, settings, django_user_model):
    set_settings_recipients(shared_tree, "office@example.org, director@example.org")
    settings.STAFF_EMAIL = "server@example.org"
    staff(django_user_model, "root", superuser=True)

    assert enquiry_recipients(page_without_address(shared_tree)) == ["office@example.org", "director@example.org"]


def test_staff_email_comes_when_the_settings_name_nobody(shared_tree, settings, django_user_model):
    settings.STAFF_EMAIL = "server@example.org"
    staff(django_user_model, "root", superuser=True)

    assert enquiry_recipients(page_without_address(shared_tree)) == ["server@example.org"]


def test_the_first_active_superuser_comes_last(shared_tree, django_user_model):
    staff(django_user_model, "gone", superuser=True, is_active=False)
    staff(django_user_model, "editor")
    staff(django_user_model, "no-address", superuser=True, email="")
    staff(django_user_model, "first", superuser=True)
    staff(django_user_model, "second", superuser=True)

    assert enquiry_recipients(page_without_address(shared_tree)) == ["first@example.org"]


def test_nobody_receives_an_enquiry_without_any_address(shared_tree):
    assert enquiry_recipients(page_without_address(shared_tree)) == []


@pytest.mark.parametrize("factory", [factories.ContactPageFactory, factories.ConsultingPageFactory])
def test_an_enquiry_nobody_can_receive_is_stored_and_thanked_with_no_email(client, shared_tree, factory):
    page = page_without_address(shared_tree, factory)

    response = client.post(page.url, form_data(page))

    assert response.status_code == 200
    assert translated("bg", "Thank you") in parse(response).select_one("main").get_text()
    assert FormSubmission.objects.filter(page=page).count() == 1
    assert mail.outbox == []


def test_the_default_set_up_emails_the_first_superuser(client, shared_tree, django_user_model):
    staff(django_user_model, "root", superuser=True)
    page = page_without_address(shared_tree)

    client.post(page.url, form_data(page))

    assert [message.to for message in mail.outbox] == [["root@example.org"]]


# --- the settings field ------------------------------------------------------------------------


def test_the_settings_field_keeps_a_tidy_list(shared_tree):
    settings_row = organisation(shared_tree)
    settings_row.enquiry_recipients = "office@example.org;\n director@example.org  office@example.org"

    settings_row.full_clean()

    assert settings_row.enquiry_recipients == "office@example.org, director@example.org"


def test_the_settings_field_refuses_a_wrong_address_in_bulgarian(shared_tree):
    settings_row = organisation(shared_tree)
    settings_row.enquiry_recipients = "office@example.org, not-an-address"

    with pytest.raises(ValidationError) as refused:
        settings_row.full_clean()

    message = refused.value.message_dict["enquiry_recipients"][0]
    assert "not-an-address" in message
    assert message.startswith(translated("bg", "Not a valid email address: %(addresses)s").split("%")[0])
    assert translated("bg", "Not a valid email address: %(addresses)s") != "Not a valid email address: %(addresses)s"


def test_the_settings_admin_saves_the_recipients(client, shared_tree, django_user_model):
    client.force_login(staff(django_user_model, "root", superuser=True))
    url = reverse("wagtailsettings:edit", args=["home", "organisationsettings", shared_tree.site.pk])
    form = parse(client.get(url))
    assert form.select_one("[name=enquiry_recipients]") is not None
    data = {
        element["name"]: element.get("value", "") for element in form.select("form input[name]")
        if element.get("type") not in ("checkbox", "submit")
    }
    data.update({element["name"]: element.get_text() for element in form.select("form textarea[name]")})
    data["enquiry_recipients"] = "office@example.org, director@example.org"

    response = client.post(url, data)

    assert response.status_code == 302
    assert organisation(shared_tree).enquiry_recipients == "office@example.org, director@example.org"


# --- the language of each email ----------------------------------------------------------------


@pytest.fixture
def bilingual_page(shared_tree):
    """A contact page naming nobody, with an English translation whose subject and message label
    are English."""
    page = page_without_address(shared_tree)
    english = translate(page, title="Contact us", slug="contact-us", subject="New message from the website")
    message_field = english.form_fields.get(field_type="multiline")
    message_field.label = "Your message"
    message_field.save()
    return page


def message_to(address):
    found = [message for message in mail.outbox if address in message.to]
    assert len(found) == 1, f"{len(found)} emails to {address}"
    return found[0]


def test_each_recipient_reads_the_enquiry_in_their_admin_language(
    client, shared_tree, django_user_model, bilingual_page
):
    staff(django_user_model, "bulgarian", language="bg")
    staff(django_user_model, "english", language="en")
    set_settings_recipients(
        shared_tree, "bulgarian@example.org, English@Example.org, outsider@example.net"
    )

    client.post(bilingual_page.url, form_data(bilingual_page))

    assert len(mail.outbox) == 2  # one per language
    bulgarian, english = message_to("bulgarian@example.org"), message_to("English@Example.org")
    assert bulgarian.to == ["bulgarian@example.org", "outsider@example.net"]
    assert bulgarian.subject == "Ново съобщение"
    assert "Съобщение:" in bulgarian.body
    assert translated("bg", "Sent:") in bulgarian.body
    assert english.subject == "New message from the website"
    assert "Your message:" in english.body and "Съобщение:" not in english.body
    assert "Sent:" in english.body and "Contact us" in english.body


def test_staff_without_a_language_preference_read_bulgarian(client, shared_tree, django_user_model, bilingual_page):
    staff(django_user_model, "undecided")
    set_settings_recipients(shared_tree, "undecided@example.org")

    client.post(bilingual_page.url, form_data(bilingual_page))

    assert mail.outbox[0].subject == "Ново съобщение"


def test_an_english_visitors_enquiry_reaches_bulgarian_staff_in_bulgarian(
    client, shared_tree, django_user_model, bilingual_page
):
    staff(django_user_model, "bulgarian", language="bg")
    set_settings_recipients(shared_tree, "bulgarian@example.org")
    english = bilingual_page.get_translation(shared_tree.en_locale)

    client.post(english.url, form_data(english))

    message = mail.outbox[0]
    assert message.subject == "Ново съобщение"
    assert "Съобщение:" in message.body and "Your message:" not in message.body


def test_a_page_without_a_subject_gets_a_translated_one(client, shared_tree, django_user_model):
    staff(django_user_model, "english", language="en")
    page = page_without_address(shared_tree, subject="")
    set_settings_recipients(shared_tree, "english@example.org")

    client.post(page.url, form_data(page))

    assert mail.outbox[0].subject == f"New enquiry: {page.title}"


def test_the_email_links_to_the_submissions_in_the_admin_and_replies_to_the_visitor(
    client, shared_tree, settings, django_user_model
):
    staff(django_user_model, "root", superuser=True)
    page = page_without_address(shared_tree, factories.ConsultingPageFactory)
    data = form_data(page)

    client.post(page.url, data)

    message = mail.outbox[0]
    assert f"{settings.SITE_URL}/admin/forms/submissions/{page.pk}/" in message.body
    assert message.reply_to == [data[field_name(page, "email")]]
    assert data[field_name(page, "multiline")] in message.body


# --- unread enquiries --------------------------------------------------------------------------


@pytest.fixture
def editor_with_forms(django_user_model, shared_tree):
    """A staff member who may edit the pages, and so (Wagtail's rule) read their form submissions."""
    group = Group.objects.create(name="Enquiry readers")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group, page=shared_tree.home_bg, permission=Permission.objects.get(codename="change_page")
    )
    user = staff(django_user_model, "reader", language="bg")
    user.groups.add(group)
    return user


@pytest.fixture
def editor_without_forms(django_user_model):
    user = staff(django_user_model, "writer", language="bg")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def test_opening_the_submissions_marks_them_read(client, shared_tree, editor_with_forms):
    page = shared_tree.bg["contact"]
    for _ in range(2):
        client.post(page.url, form_data(page))
    assert unread_counts([page]) == {page.pk: 2}
    client.force_login(editor_with_forms)

    response = client.get(reverse("wagtailforms:list_submissions", args=[page.pk]))

    assert response.status_code == 200
    assert unread_counts([page]) == {}


def test_an_enquiry_sent_after_opening_is_unread(client, shared_tree, editor_with_forms):
    page = shared_tree.bg["consulting"]
    client.post(page.url, form_data(page))
    client.force_login(editor_with_forms)
    client.get(reverse("wagtailforms:list_submissions", args=[page.pk]))
    client.logout()

    client.post(page.url, form_data(page))

    assert unread_counts([page]) == {page.pk: 1}


def test_exporting_the_submissions_marks_nothing_read(client, shared_tree, editor_with_forms):
    page = shared_tree.bg["contact"]
    client.post(page.url, form_data(page))
    client.force_login(editor_with_forms)

    client.get(reverse("wagtailforms:list_submissions", args=[page.pk]), {"export": "csv"})

    assert unread_counts([page]) == {page.pk: 1}


def test_staff_who_may_not_see_submissions_mark_nothing_read(client, shared_tree, editor_without_forms):
    page = shared_tree.bg["contact"]
    client.post(page.url, form_data(page))
    client.force_login(editor_without_forms)

    response = client.get(reverse("wagtailforms:list_submissions", args=[page.pk]))

    assert response.status_code in (302, 403)
    assert unread_counts([page]) == {page.pk: 1}


def panel(client, user):
    client.force_login(user)
    return parse(client.get(ADMIN_HOME)).select_one("#unread-enquiries-section, [id^=unread-enquiries]")


def test_the_dashboard_counts_unread_enquiries_per_form_in_bulgarian(client, shared_tree, editor_with_forms):
    contact, consulting = shared_tree.bg["contact"], shared_tree.bg["consulting"]
    for page, times in ((contact, 2), (consulting, 1)):
        for _ in range(times):
            client.post(page.url, form_data(page))

    shown = panel(client, editor_with_forms)

    assert shown is not None
    text = " ".join(shown.get_text(" ").split())
    assert "Непрочетени запитвания: 3" in text
    links = {link["href"]: " ".join(link.find_parent("tr").get_text(" ").split()) for link in shown.select("tbody a")}
    contact_url = reverse("wagtailforms:list_submissions", args=[contact.pk])
    consulting_url = reverse("wagtailforms:list_submissions", args=[consulting.pk])
    assert links[contact_url].endswith("2") and links[consulting_url].endswith("1")


def test_the_dashboard_says_none_are_unread_after_reading(client, shared_tree, editor_with_forms):
    page = shared_tree.bg["contact"]
    client.post(page.url, form_data(page))
    client.force_login(editor_with_forms)
    client.get(reverse("wagtailforms:list_submissions", args=[page.pk]))

    shown = panel(client, editor_with_forms)

    assert translated("bg", "No unread enquiries.") in shown.get_text()
    assert shown.select("tbody a") == []


def test_the_dashboard_panel_is_hidden_from_staff_who_may_not_see_submissions(
    client, shared_tree, editor_without_forms
):
    page = shared_tree.bg["contact"]
    client.post(page.url, form_data(page))

    assert panel(client, editor_without_forms) is None
    assert translated("bg", "Unread enquiries") not in client.get(ADMIN_HOME).content.decode()


def test_a_field_added_after_an_enquiry_came_is_an_empty_cell_in_its_row(client, shared_tree, editor_with_forms):
    page = shared_tree.bg["contact"]
    FormSubmission.objects.create(page=page, form_data={field_name(page, "singleline"): "Мария"})
    client.force_login(editor_with_forms)

    response = client.get(reverse("wagtailforms:list_submissions", args=[page.pk]))

    cells = [" ".join(cell.split()) for cell in re.findall(r"<td>(.*?)</td>", response.content.decode(), re.S)]
    assert "Мария" in cells and "" in cells
    assert "None" not in cells
