"""allauth's pages and emails as partners and staff meet them: inside the site's layout in both
languages, never indexed; password reset, mandatory email verification, change of email, session
expiry; and no second way to sign in that would skip allauth."""

import re

import pytest
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import translation

from partners.models import AccountEvent
from tests.partners.conftest import PASSWORD, make_user
from tests.partners.test_sign_in import current_code, enrol_totp, sign_in

NEW_PASSWORD = "a brand new passphrase for 2025"
LANGUAGES = ["bg", "en"]


def url(name, language="bg", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def link_in(message):
    return re.search(r"https?://testserver(/\S+)", message.body).group(1)


def assert_in_site_layout(response, language):
    assert response.status_code == 200, response.request["PATH_INFO"]
    body = response.content.decode()
    path = response.request["PATH_INFO"]
    assert f'<html lang="{language}">' in body, path
    assert '<main id="main"' in body, path
    assert 'class="site-header"' in body and 'class="site-footer"' in body, path
    assert "/static/css/site.css" in body, path
    assert '<meta name="robots" content="noindex">' in body, path
    assert body.count("<h1") == 1, path
    # allauth's bare layout (its "Menu:" list) is never used.
    assert "<strong>Menu:</strong>" not in body and "<strong>Меню:</strong>" not in body, path
    title = re.search(r"<title>(.*?)</title>", body, re.S).group(1)
    assert "\n" not in title and title.strip(" –"), path
    return body


ANONYMOUS_PAGES = [
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key_done",
    "account_email_verification_sent",
    "account_inactive",
]


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", ANONYMOUS_PAGES)
def test_sign_in_pages_are_in_the_site_layout(client, site_tree, name, language):
    assert_in_site_layout(client.get(url(name, language)), language)


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_bad_links_get_pages_in_the_site_layout(client, site_tree, language):
    reset = client.get(url("account_reset_password_from_key", language, uidb36="zz", key="not-a-key"))
    confirm = client.get(url("account_confirm_email", language, key="not-a-key"))

    assert_in_site_layout(reset, language)
    assert_in_site_layout(confirm, language)
    assert reset.context["token_fail"]


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_account_settings_pages_are_in_the_site_layout(client, site_tree, partner, language):
    sign_in(client, partner.email, language=language)
    for name in ("account_email", "account_change_password", "account_logout", "mfa_index"):
        body = assert_in_site_layout(client.get(url(name, language)), language)
        if name != "account_logout":
            # Every settings page leads back to the materials and to the other settings.
            assert f'href="{url("partners:dashboard", language)}"' in body

    # The password prompt before a security change is in the layout too (asked for directly here:
    # right after signing in, enrolment does not ask for it).
    assert_in_site_layout(client.get(url("account_reauthenticate", language)), language)
    assert_in_site_layout(client.get(url("mfa_activate_totp", language)), language)
    secret = client.session[SECRET_SESSION_KEY]
    activated = client.post(url("mfa_activate_totp", language), {"code": current_code(secret)})
    assert activated.status_code == 302, "the authenticator app was not activated"
    for name in ("mfa_index", "mfa_view_recovery_codes", "mfa_generate_recovery_codes", "mfa_deactivate_totp"):
        assert_in_site_layout(client.get(url(name, language)), language)

    client.post(url("account_logout", language))
    sign_in(client, partner.email, language=language)
    assert_in_site_layout(client.get(url("mfa_authenticate", language)), language)


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_password_reset_by_email(client, site_tree, partner, language):
    response = client.post(url("account_reset_password", language), {"email": partner.email.upper()})

    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [[partner.email]]
    path = link_in(mail.outbox[0])
    assert path.startswith(f"/{language}/accounts/password/reset/key/")
    form_page = client.get(path, follow=True)
    assert_in_site_layout(form_page, language)
    done = client.post(
        form_page.redirect_chain[-1][0], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}, follow=True
    )
    assert_in_site_layout(done, language)

    partner.refresh_from_db()
    assert partner.check_password(NEW_PASSWORD)
    assert AccountEvent.objects.filter(kind="password_reset", user=partner).exists()
    assert client.get(path, follow=True).context["token_fail"], "a reset link works once"
    assert sign_in(client, partner.email, NEW_PASSWORD, language)["Location"] == f"/{language}/partners/"


@pytest.mark.django_db
def test_password_reset_for_an_unknown_address_reveals_nothing(client, site_tree):
    response = client.post(url("account_reset_password"), {"email": "nobody@example.org"})

    assert response.status_code == 302
    assert response["Location"] == url("account_reset_password_done")


@pytest.mark.django_db
def test_unverified_address_must_be_confirmed_before_signing_in(client, site_tree, organisations):
    from partners.models import PartnerMembership

    user = make_user("unverified@example.org", verified=False)
    PartnerMembership.objects.create(user=user, organisation=organisations["right"])

    response = sign_in(client, user.email)

    assert response["Location"] == url("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    path = link_in(mail.outbox[-1])
    confirm_page = client.get(path)
    assert_in_site_layout(confirm_page, "bg")
    client.post(path)
    assert user.emailaddress_set.get().verified
    assert sign_in(client, user.email)["Location"] == "/bg/partners/"


@pytest.mark.django_db
def test_change_of_email_takes_effect_once_the_new_address_is_confirmed(client, site_tree, partner):
    sign_in(client, partner.email)

    response = client.post(url("account_email"), {"action_add": "", "email": "new.address@example.org"})

    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.email == "partner@example.org", "nothing changes before the new address is confirmed"
    assert mail.outbox[-1].to == ["new.address@example.org"]
    client.post(link_in(mail.outbox[-1]))
    partner.refresh_from_db()
    assert partner.email == "new.address@example.org"
    assert list(partner.emailaddress_set.values_list("email", flat=True)) == ["new.address@example.org"]
    assert AccountEvent.objects.filter(kind="email_changed", user=partner, email="new.address@example.org").exists()

    client.post(url("account_logout"))
    assert sign_in(client, "new.address@example.org")["Location"] == "/bg/partners/"


@pytest.mark.django_db
def test_sessions_expire(client, site_tree, partner):
    sign_in(client, partner.email)

    assert client.session.get_expire_at_browser_close()
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE <= 12 * 60 * 60
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert not cookie["max-age"] and not cookie["expires"], "a session cookie, gone when the browser closes"
    assert cookie["httponly"]


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_wagtails_own_front_end_login_is_not_a_way_around_allauth(client, site_tree, partner, language):
    page = client.get(f"/{language}/_util/login/?next=/{language}/partners/")
    attempt = client.post(f"/{language}/_util/login/", {"username": "partner", "password": PASSWORD})

    assert page.status_code == 302
    assert page["Location"] == f"{url('account_login', language)}?next=%2F{language}%2Fpartners%2F"
    assert attempt.status_code == 302
    assert "_auth_user_id" not in client.session
    assert not AccountEvent.objects.filter(kind="signed_in").exists()


@pytest.mark.django_db
def test_required_staff_mfa_also_guards_documents_and_partner_materials(client, staff, material, site_tree):
    from wagtail.models import Site

    from partners.models import AccountSecuritySettings

    settings_row = AccountSecuritySettings.for_site(Site.objects.get(is_default_site=True))
    settings_row.require_mfa_for_staff = True
    settings_row.save()
    client.force_login(staff)

    for path in (material.url, url("partners:download", document_id=material.pk), url("partners:dashboard")):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == url("mfa_activate_totp"), path

    client.logout()
    enrol_totp(client, staff)
    assert client.get(url("partners:download", document_id=material.pk)).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_account_emails_speak_for_the_foundation_in_the_visitors_language(client, site_tree, partner, language):
    from tests.partners.conftest import translated

    client.post(url("account_reset_password", language), {"email": partner.email})
    client.post(url("account_reset_password", language), {"email": "nobody@example.org"})

    reset, unknown = mail.outbox
    for message in (reset, unknown):
        assert message.subject.startswith(f"[{settings.WAGTAIL_SITE_NAME}] ")
        assert "testserver" not in message.subject and "Hello from" not in message.body
        assert translated("Health and Social Development Foundation (HESED), partner area", language) in message.body
    assert reset.subject.endswith(translated("Choose a new password for the partner area", language))
    assert f"/{language}/accounts/password/reset/key/" in reset.body
    # Sign-up is closed: the "unknown account" email must not send anyone there.
    assert "/accounts/signup/" not in unknown.body
    assert translated("No account with this email address", language) in unknown.subject


@pytest.mark.django_db
def test_colleague_added_in_the_admin_sets_a_password_and_confirms_the_address(client, site_tree):
    """The admin's user form sets no password: the colleague uses "Forgotten your password?",
    then confirms the address at the first sign-in."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    colleague = get_user_model().objects.create_user("colleague", "colleague@example.org")
    colleague.user_permissions.add(Permission.objects.get(codename="access_admin"))
    assert not colleague.has_usable_password()

    client.post(url("account_reset_password"), {"email": "colleague@example.org"})
    form_page = client.get(link_in(mail.outbox[-1]), follow=True)
    client.post(form_page.redirect_chain[-1][0], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    first = sign_in(client, "colleague@example.org", NEW_PASSWORD)
    assert first["Location"] == url("account_email_verification_sent")
    client.post(link_in(mail.outbox[-1]))
    assert sign_in(client, "colleague@example.org", NEW_PASSWORD)["Location"] == reverse("wagtailadmin_home")
