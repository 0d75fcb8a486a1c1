"""One person put everywhere the site keeps personal data, through the site's own forms and
pages (the test client, over HTTP): the contact and consulting forms, the newsletter (confirmed),
a paid gift and an abandoned one through the local test gateway, a manage-my-donation request,
a failed sign-in with their address, a partner invitation sent from the admin, the accepted
invitation (an account, a membership, a session) and a download."""

import re
from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.models import Collection, Page, Site

from tests import factories
from tests.home.helpers import form_data

EMAIL = "ana.petrova@example.org"
NAME = "Ана Петрова"
PASSWORD = "a-long-and-unusual-passphrase-19"


@dataclass
class BuiltSite:
    home: object
    contact: object
    consulting: object
    donation_page: object
    privacy: object
    organisation: object
    material: object
    staff: object


def build_site():
    """A small bilingual site with every form, a partner organisation with one material, and a
    staff member who may send invitations. Works on an empty database too (a transactional
    test's flush removes what the migrations created)."""
    from django.core.files.base import ContentFile

    from donations.models import DonationPage
    from home.models import HomePage, PrivacyNoticePage
    from partners.models import PartnerDocument, PartnerOrganisation

    bulgarian = factories.locale("bg")
    english = factories.locale("en")
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=bulgarian))
    home = root.add_child(instance=HomePage(title="Начало", slug="privacy-home", locale=bulgarian, mission="Мисия"))
    Site.objects.all().delete()
    site = Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True, site_name="T")
    factories.OrganisationSettingsFactory(site=site, email="office@example.org")
    english_home = home.copy_for_translation(english)
    english_home.save_revision().publish()
    contact = factories.ContactPageFactory(parent=home)
    consulting = factories.ConsultingPageFactory(parent=home)
    donation_page = home.add_child(instance=DonationPage(title="Дарете", slug="darete", locale=bulgarian))
    privacy = home.add_child(instance=PrivacyNoticePage(title="Поверителност", slug="poveritelnost", locale=bulgarian))
    english_privacy = privacy.copy_for_translation(english)
    english_privacy.title = "Privacy notice"
    english_privacy.slug = "privacy"
    english_privacy.save_revision().publish()

    organisation = PartnerOrganisation.objects.create(name="Example Funder", organisation_type="funder")
    collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
    material = PartnerDocument(title="Quarterly report", collection=collection)
    material.file.save("quarterly-report.pdf", ContentFile(b"%PDF-1.4 test\n"), save=False)
    material.save()
    material.organisations.set([organisation])

    staff = factories_user("staff.member@example.org")
    editors, _ = Group.objects.get_or_create(name="Privacy test editors")
    for codename in ("access_admin", "add_invitation", "view_invitation"):
        editors.permissions.add(Permission.objects.get(codename=codename))
    staff.groups.add(editors)
    return BuiltSite(home, contact, consulting, donation_page, privacy, organisation, material, staff)


def factories_user(email):
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(username=email.split("@")[0], email=email, password="x-" + PASSWORD)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def donate(client, page_url, **fields):
    data = {
        "frequency": "once", "amount_choice": "50", "other_amount": "", "donor_name": NAME, "email": EMAIL,
        "dedication_kind": "", "dedication_name": "", "consent": "on", "website_url": "",
    }
    data.update(fields)
    response = client.post(page_url, data)
    assert response.status_code == 303, response.content.decode()[:1000]
    return response["Location"]


def link_in(body, pattern):
    return re.search(pattern, body).group(1)


def put_everywhere(site, email=EMAIL, name=NAME):
    """Returns the browser (test client) the person used, signed in to the partner area."""
    visitor = Client()

    # The contact and consulting forms.
    for page in (site.contact, site.consulting):
        response = visitor.post(page.url, form_data(page, singleline=name, email=email))
        assert response.status_code == 200

    # The newsletter, from the footer of the home page, confirmed with the emailed link.
    outbox_before = len(mail.outbox)
    response = visitor.post("/bg/donations/newsletter/", {"email": email, "consent": "on", "website_url": "",
                                                           "shown_on": "/bg/"})
    assert response.status_code == 200
    confirm = link_in(mail.outbox[outbox_before].body, r"http://testserver(/\S+/newsletter/confirm/\S+/)")
    assert visitor.post(confirm).status_code == 200

    # A paid gift and an abandoned one (the card declined), through the local test gateway.
    checkout = donate(visitor, site.donation_page.url)
    assert visitor.post(checkout + "pay/").status_code == 303
    checkout = donate(visitor, site.donation_page.url, amount_choice="20", dedication_kind="honour",
                      dedication_name="Баба Мара")
    assert visitor.post(checkout + "decline/").status_code == 303

    # A manage-my-donation request (the link goes by email; nothing is stored).
    assert visitor.post("/bg/donations/manage/", {"email": email, "website_url": ""}).status_code == 200

    # A failed sign-in with their address, before they have an account.
    visitor.post(reverse("account_login"), {"login": email, "password": "a wrong guess"})

    # An invitation sent from the admin, accepted: an account, a membership and a session.
    staff_browser = Client()
    staff_browser.force_login(site.staff)
    outbox_before = len(mail.outbox)
    with translation.override("en"):
        add_url = reverse("partner_invitations:add")
    response = staff_browser.post(add_url, {"email": email, "organisation": site.organisation.pk, "language": "bg"})
    assert response.status_code == 302, response.content.decode()[:1000]
    invitation = link_in(mail.outbox[outbox_before].body, r"https?://testserver(\S+)")
    response = visitor.post(invitation, {"password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:1000]

    # A download of the material shared with their organisation.
    with translation.override("bg"):
        download = reverse("partners:download", args=[site.material.pk])
    response = visitor.get(download)
    assert response.status_code == 200
    b"".join(response.streaming_content)
    return visitor
