"""One sign-in (allauth) for partners and staff: email and password, a rate limit on failures,
optional two-factor authentication (required for staff by a site setting), and a record of
every sign-in event for staff."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value
from django.urls import reverse
from django.utils import translation

from partners.models import AccountEvent, AccountSecuritySettings
from tests.partners.conftest import PASSWORD, translated


def current_code(secret, offset=0):
    import time

    from allauth.mfa import app_settings

    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD + offset))


def url(name, language="bg"):
    with translation.override(language):
        return reverse(name)


def sign_in(client, email, password=PASSWORD, language="bg"):
    return client.post(url("account_login", language), {"login": email, "password": password})


def enrol_totp(client, user):
    """Signs in and activates an authenticator app as a person would; returns the secret."""
    assert sign_in(client, user.email).status_code == 302
    # Right after a whole sign-in, no second password prompt (partners.adapter).
    assert client.get(url("mfa_activate_totp")).status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post(url("mfa_activate_totp"), {"code": current_code(secret)})
    assert response.status_code == 302, response.content.decode()[:2000]
    return secret


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["bg", "en"])
def test_partner_signs_in_with_email_and_password(client, partner, language):
    response = sign_in(client, partner.email, language=language)

    assert response.status_code == 302
    assert response["Location"] == f"/{language}/partners/"
    assert client.session.get_expire_at_browser_close(), "sessions end with the browser (no remember-me)"
    assert AccountEvent.objects.filter(kind="signed_in", user=partner).count() == 1


@pytest.mark.django_db
def test_staff_sign_in_leads_to_the_admin(client, staff):
    response = sign_in(client, staff.email)

    assert response["Location"] == reverse("wagtailadmin_home")


@pytest.mark.django_db
def test_wagtail_admin_uses_the_same_sign_in(client):
    assert client.get("/admin/")["Location"].startswith("/bg/accounts/login/?next=/admin/")
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/bg/accounts/login/?next=%2Fadmin%2Fpages%2F"
    assert client.get("/admin/password_reset/")["Location"] == "/bg/accounts/login/"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["bg", "en"])
def test_failed_sign_ins_are_limited_and_the_person_is_told_what_to_do(client, partner, language, settings):
    for _attempt in range(5):
        response = sign_in(client, partner.email, password="wrong password", language=language)
        assert response.status_code == 200
        assert not response.wsgi_request.user.is_authenticated

    locked = sign_in(client, partner.email, language=language)  # the right password, too late

    assert locked.status_code == 200
    assert "_auth_user_id" not in client.session
    body = locked.content.decode()
    assert 'role="alert"' in body
    with translation.override(language):
        from partners.adapter import AccountAdapter

        assert str(AccountAdapter.error_messages["too_many_login_attempts"]) in body
    assert AccountEvent.objects.filter(kind="sign_in_failed", email=partner.email).count() == 5
    assert AccountEvent.objects.filter(kind="locked_out", email=partner.email).exists()


@pytest.mark.django_db
def test_unknown_email_failure_is_recorded(client, db):
    sign_in(client, "nobody@example.org", password="guess")

    event = AccountEvent.objects.get(kind="sign_in_failed")
    assert event.email == "nobody@example.org" and event.user is None
    assert event.ip_address == "127.0.0.1"


@pytest.mark.django_db
def test_password_change_is_recorded(client, partner):
    sign_in(client, partner.email)
    response = client.post(
        url("account_change_password"),
        {"oldpassword": PASSWORD, "password1": "another long passphrase 58", "password2": "another long passphrase 58"},
    )

    assert response.status_code == 302
    assert AccountEvent.objects.filter(kind="password_changed", user=partner).exists()


@pytest.mark.django_db
def test_sign_out_is_recorded_and_ends_the_session(client, partner):
    sign_in(client, partner.email)
    client.post(url("account_logout"))

    assert "_auth_user_id" not in client.session
    assert AccountEvent.objects.filter(kind="signed_out", user=partner).exists()


@pytest.mark.django_db
def test_mfa_enrolment_then_sign_in_with_a_code(client, partner, django_capture_on_commit_callbacks):
    # allauth sends "authenticator added" once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        secret = enrol_totp(client, partner)

    assert Authenticator.objects.filter(user=partner, type=Authenticator.Type.TOTP).exists()
    assert Authenticator.objects.filter(user=partner, type=Authenticator.Type.RECOVERY_CODES).exists()
    assert AccountEvent.objects.filter(kind="mfa_enabled", user=partner).exists()

    client.post(url("account_logout"))
    first_step = sign_in(client, partner.email)
    assert first_step["Location"] == url("mfa_authenticate")
    assert "_auth_user_id" not in client.session

    accepted_now = {current_code(secret, offset) for offset in (-1, 0, 1)}
    wrong = client.post(url("mfa_authenticate"), {"code": next(code for code in ("000000", "111111", "222222",
                                                                                "333333") if code not in accepted_now)})
    assert wrong.status_code == 200
    assert AccountEvent.objects.filter(kind="mfa_failed", user=partner).exists()

    done = client.post(url("mfa_authenticate"), {"code": current_code(secret)})
    assert done.status_code == 302
    assert done["Location"] == "/bg/partners/"
    assert int(client.session["_auth_user_id"]) == partner.pk


@pytest.mark.django_db
def test_mfa_sign_in_with_a_recovery_code_that_then_cannot_be_reused(client, partner):
    enrol_totp(client, partner)
    recovery = RecoveryCodes(Authenticator.objects.get(user=partner, type=Authenticator.Type.RECOVERY_CODES))
    code = recovery.get_unused_codes()[0]
    client.post(url("account_logout"))

    sign_in(client, partner.email)
    done = client.post(url("mfa_authenticate"), {"code": code})
    assert done.status_code == 302
    assert int(client.session["_auth_user_id"]) == partner.pk

    client.post(url("account_logout"))
    sign_in(client, partner.email)
    reused = client.post(url("mfa_authenticate"), {"code": code})
    assert reused.status_code == 200
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_site_setting_makes_staff_enrol_before_the_admin(client, staff, site_tree):
    from wagtail.models import Site

    settings_row = AccountSecuritySettings.for_site(Site.objects.get(is_default_site=True))
    sign_in(client, staff.email)
    assert client.get("/admin/").status_code == 200, "off by default"

    settings_row.require_mfa_for_staff = True
    settings_row.save()
    blocked = client.get("/admin/")
    assert blocked.status_code == 302
    assert blocked["Location"] == url("mfa_activate_totp")
    enrolment = client.get(blocked["Location"], follow=True)
    assert enrolment.status_code == 200, "the way to enrol is not itself blocked"
    assert enrolment.redirect_chain == [], "signed in seconds ago: no second password prompt"

    client.post(url("account_logout"))
    enrol_totp(client, staff)
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_the_setting_does_not_force_partners(client, partner, site_tree):
    from wagtail.models import Site

    settings_row = AccountSecuritySettings.for_site(Site.objects.get(is_default_site=True))
    settings_row.require_mfa_for_staff = True
    settings_row.save()
    sign_in(client, partner.email)

    assert client.get(url("partners:dashboard")).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["bg", "en"])
def test_sign_in_page_offers_no_sign_up_and_ties_errors_to_fields(client, language):
    page = client.get(url("account_login", language)).content.decode()
    failed = sign_in(client, "nobody@example.org", password="wrong", language=language).content.decode()

    assert url("account_signup", language) not in page
    assert f'<html lang="{language}"' in page
    assert 'aria-describedby="id_password_helptext"' in page
    assert 'role="alert"' in failed, "the wrong-password error is announced"


@pytest.mark.django_db
def test_authenticator_qr_code_has_a_useful_text_alternative(client, partner):
    sign_in(client, partner.email)

    page = client.get(url("mfa_activate_totp")).content.decode()

    secret = client.session[SECRET_SESSION_KEY]
    alt = translated("QR code to scan with your authenticator app; the same secret is written out below.")
    assert f'alt="{alt}"' in page
    assert f'alt="{secret}"' not in page


@pytest.mark.django_db
def test_admin_user_forms_set_no_passwords(client, db):
    """Every password change goes through allauth (and is recorded), so the admin's user form has
    no password fields; the new colleague sets one with "Forgotten your password?"."""
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("boss", "boss@example.org", PASSWORD)
    client.force_login(admin)

    form = client.get(reverse("wagtailusers_users:add")).content.decode()

    assert 'name="password1"' not in form
    assert client.get(reverse("wagtailadmin_account")).status_code == 200
    assert 'name="password' not in client.get(reverse("wagtailadmin_account")).content.decode()


# --- a sign-in that never traps anyone -------------------------------------------------------


def reset_two_factor_from_the_admin(user):
    """What the staff action "Reset two-factor authentication" does (partners.admin_actions)."""
    from django.test import Client

    from partners.models import PartnerMembership
    from tests.partners.conftest import make_user

    admin = make_user("resetter@example.org", is_staff=True, is_superuser=True)
    staff_client = Client()
    staff_client.force_login(admin)
    membership = PartnerMembership.objects.get(user=user)
    response = staff_client.post(reverse("partner_members:reset_two_factor", args=[membership.pk]))
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=user).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["bg", "en"])
def test_two_factor_reset_while_waiting_at_the_code_prompt_does_not_loop(client, partner, language):
    enrol_totp(client, partner)
    client.post(url("account_logout"))
    assert sign_in(client, partner.email, language=language)["Location"] == url("mfa_authenticate", language)

    reset_two_factor_from_the_admin(partner)

    # Each of the pages the partner may be on next ends at the sign-in page within two steps,
    # with a word on what happened, never bouncing between the sign-in and the code page.
    for start in ("partners:dashboard", "mfa_authenticate", "account_login"):
        response = client.get(url(start, language), follow=True)
        assert response.status_code == 200, start
        assert len(response.redirect_chain) <= 2, response.redirect_chain
        login = url("account_login", language)
        assert response.redirect_chain == [] or response.redirect_chain[-1][0].startswith(login)
        assert response.request["PATH_INFO"] == url("account_login", language)
    code_prompt = client.post(url("mfa_authenticate", language), {"code": "123456"}, follow=True)
    assert code_prompt.request["PATH_INFO"] == url("account_login", language)

    # The password alone now completes a sign-in, and leads where the partner was going.
    done = client.post(
        url("account_login", language) + f"?next={url('partners:dashboard', language)}",
        {"login": partner.email, "password": PASSWORD},
    )
    assert done.status_code == 302
    assert done["Location"] == url("partners:dashboard", language)
    assert int(client.session["_auth_user_id"]) == partner.pk


@pytest.mark.django_db
def test_the_reset_message_is_shown_once_in_the_persons_language(client, partner):
    enrol_totp(client, partner)
    client.post(url("account_logout"))
    sign_in(client, partner.email, language="en")
    reset_two_factor_from_the_admin(partner)

    first = client.get(url("account_login", "en")).content.decode()
    second = client.get(url("account_login", "en")).content.decode()

    with translation.override("en"):
        notice = "Two-factor authentication was reset for your account while you were signing in."
    assert notice in first
    assert notice not in second


@pytest.mark.django_db
def test_a_pending_code_prompt_still_resumes_while_the_authenticator_exists(client, partner):
    enrol_totp(client, partner)
    client.post(url("account_logout"))
    sign_in(client, partner.email)

    assert client.get(url("account_login"))["Location"] == url("mfa_authenticate")
    assert client.get(url("mfa_authenticate")).status_code == 200


@pytest.mark.django_db
def test_enrolment_long_after_sign_in_asks_for_the_password_again(client, partner):
    import time_machine
    from django.utils import timezone

    with time_machine.travel(timezone.now(), tick=False) as traveller:
        sign_in(client, partner.email)
        assert client.get(url("mfa_activate_totp")).status_code == 200
        traveller.shift(10 * 60)
        later = client.get(url("mfa_activate_totp"))
    assert later.status_code == 302
    assert later["Location"].startswith(url("account_reauthenticate"))


@pytest.mark.django_db
def test_enrolment_right_after_accepting_an_invitation_asks_no_second_password(client, organisations):
    from partners.invitations import make_token
    from partners.models import Invitation

    invitation = Invitation.objects.create(email="fresh@example.org", organisation=organisations["right"])
    path = reverse("partners:accept_invitation", kwargs={"token": make_token(invitation)})
    passphrase = "an unusual new passphrase 73"
    accepted = client.post(path, {"password1": passphrase, "password2": passphrase})
    assert accepted.status_code == 302

    assert client.get(url("mfa_activate_totp")).status_code == 200


@pytest.mark.django_db
def test_first_sign_in_of_a_staff_created_account_records_no_email_change(client, db):
    """An account added in the admin has an address but no allauth record of it yet: allauth
    confirms it at the first sign-in, which is not a change of address."""
    import re

    from django.contrib.auth import get_user_model
    from django.core import mail

    user = get_user_model().objects.create_user("colleague", "colleague@example.org", PASSWORD)
    assert sign_in(client, user.email).status_code == 302
    link = re.search(r"https?://\S+/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    confirmed = client.post(link.split("testserver", 1)[-1].replace("http://127.0.0.1:8000", ""))
    assert confirmed.status_code == 302

    from allauth.account.models import EmailAddress

    assert EmailAddress.objects.filter(user=user, email="colleague@example.org", verified=True).exists()
    assert not AccountEvent.objects.filter(kind="email_changed").exists()


@pytest.mark.django_db
def test_a_code_from_the_previous_thirty_seconds_still_signs_in(client, partner):
    """A phone's clock a little behind, or a code typed just as it changed (MFA_TOTP_TOLERANCE)."""
    secret = enrol_totp(client, partner)
    client.post(url("account_logout"))
    sign_in(client, partner.email)

    done = client.post(url("mfa_authenticate"), {"code": current_code(secret, offset=-1)})

    assert done.status_code == 302 and int(client.session["_auth_user_id"]) == partner.pk


@pytest.mark.django_db
def test_a_code_from_two_periods_ago_is_refused(client, partner):
    secret = enrol_totp(client, partner)
    client.post(url("account_logout"))
    sign_in(client, partner.email)
    old = current_code(secret, offset=-3)
    if old in {current_code(secret, offset) for offset in (-1, 0, 1)}:
        old = "000000" if "000000" not in {current_code(secret, offset) for offset in (-1, 0, 1)} else "111111"

    refused = client.post(url("mfa_authenticate"), {"code": old})

    assert refused.status_code == 200 and "_auth_user_id" not in client.session
