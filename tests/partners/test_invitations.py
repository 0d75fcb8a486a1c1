"""Invitation-only accounts: staff invite from the admin, the invitee sets a password through a
signed, expiring, single-use link; nobody can sign up on their own."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone, translation

from partners.invitations import make_token
from partners.models import AccountEvent, Invitation, PartnerMembership
from tests.partners.conftest import PASSWORD, make_user, translated

NEW_PASSWORD = "a-long-and-unusual-passphrase-19"


def invite_from_admin(client, staff, organisation, email="new.partner@example.org", language="en"):
    client.force_login(staff)
    return client.post(
        reverse("partner_invitations:add"),
        {"email": email, "organisation": organisation.pk, "language": language},
    )


def link_in(message):
    return re.search(r"https?://\S+", message.body).group(0)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["bg", "en"])
def test_happy_path_from_admin_to_dashboard(client, staff, organisations, language):
    response = invite_from_admin(client, staff, organisations["right"], language=language)

    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.invited_by == staff
    assert [message.to for message in mail.outbox] == [["new.partner@example.org"]]
    link = link_in(mail.outbox[0])
    assert f"/{language}/partners/invitation/" in link
    with translation.override(language):
        expected_subject = translation.gettext("Invitation to the partner area (%(organisation)s)") % {
            "organisation": "Example Funder"
        }
    assert mail.outbox[0].subject == expected_subject

    client.logout()
    path = link.split("testserver", 1)[1]
    form_page = client.get(path)
    assert form_page.status_code == 200
    assert 'autocomplete="new-password"' in form_page.content.decode()

    response = client.post(path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == f"/{language}/partners/"
    user = get_user_model().objects.get(email="new.partner@example.org")
    assert user.check_password(NEW_PASSWORD)
    assert PartnerMembership.objects.get(user=user).organisation == organisations["right"]
    assert user.emailaddress_set.get().verified
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None and invitation.accepted_user == user
    dashboard = client.get(response["Location"])
    assert dashboard.status_code == 200
    assert "Example Funder" in dashboard.content.decode()
    assert AccountEvent.objects.filter(user=user, kind="invitation_accepted").exists()
    assert AccountEvent.objects.filter(user=user, kind="signed_in").exists()


@pytest.mark.django_db
def test_password_validators_apply(client, organisations):
    invitation = Invitation.objects.create(email="weak@example.org", organisation=organisations["right"])
    path = reverse("partners:accept_invitation", kwargs={"token": make_token(invitation)})

    response = client.post(path, {"password1": "12345678", "password2": "12345678"})

    assert response.status_code == 400
    body = response.content.decode()
    assert 'aria-invalid="true"' in body
    assert 'aria-describedby="id_password1_helptext id_password1_errors"' in body
    assert not get_user_model().objects.filter(email="weak@example.org").exists()


@pytest.mark.django_db
def test_reused_link_gets_a_clear_page(client, organisations):
    invitation = Invitation.objects.create(email="twice@example.org", organisation=organisations["right"])
    path = reverse("partners:accept_invitation", kwargs={"token": make_token(invitation)})
    client.post(path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    client.logout()

    again = client.get(path)
    post_again = client.post(path, {"password1": "another-passphrase-77", "password2": "another-passphrase-77"})

    assert again.status_code == 410
    assert (
        translated(
            "This link has already been used to set a password. Sign in with your email address and that password."
        )
        in again.content.decode()
    )
    assert post_again.status_code == 410
    assert get_user_model().objects.get(email="twice@example.org").check_password(NEW_PASSWORD)


@pytest.mark.django_db
def test_expired_link_gets_a_clear_page(client, organisations, settings):
    invitation = Invitation.objects.create(email="late@example.org", organisation=organisations["right"])
    token = make_token(invitation)
    later = timezone.now() + datetime.timedelta(days=settings.PARTNER_INVITATION_DAYS, minutes=1)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(signing.time, "time", lambda: later.timestamp())
        response = client.get(reverse("partners:accept_invitation", kwargs={"token": token}))

    assert response.status_code == 410
    assert (
        translated(
            "The link has expired: invitation links are valid for a limited time. Ask your contact at the foundation "
            "to send you a new invitation."
        )
        in response.content.decode()
    )


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["bg", "en"])
def test_tampered_link_gets_a_clear_translated_page(client, organisations, language):
    invitation = Invitation.objects.create(email="edit@example.org", organisation=organisations["right"])
    other = Invitation.objects.create(email="victim@example.org", organisation=organisations["other"])
    signature = make_token(invitation).rsplit(":", 2)
    forged = f"{other.pk}:{signature[1]}:{signature[2]}"

    with translation.override(language):
        for token in (forged, "not-a-token", make_token(invitation)[:-3] + "abc"):
            response = client.get(reverse("partners:accept_invitation", kwargs={"token": token}))
            assert response.status_code == 400
            with translation.override(language):
                assert translation.gettext("This invitation link cannot be used") in response.content.decode()


@pytest.mark.django_db
def test_already_registered_email_is_refused_with_a_message_for_staff(client, staff, partner, organisations):
    response = invite_from_admin(client, staff, organisations["other"], email=partner.email.upper())

    assert response.status_code == 200
    form = response.context["form"]
    assert form.has_error("email", code="registered")
    message = form.errors["email"][0]
    assert partner.email.upper() in message
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not Invitation.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_link_for_an_email_registered_since_the_invitation(client, organisations):
    invitation = Invitation.objects.create(email="meanwhile@example.org", organisation=organisations["right"])
    make_user("meanwhile@example.org")

    response = client.get(reverse("partners:accept_invitation", kwargs={"token": make_token(invitation)}))

    assert response.status_code == 410
    assert (
        translated(
            "An account with this email address already exists. Sign in with it, or reset its password if you have "
            "forgotten it."
        )
        in response.content.decode()
    )


@pytest.mark.django_db
def test_invitations_cannot_be_edited_after_sending(client, staff, organisations):
    invite_from_admin(client, staff, organisations["right"])
    invitation = Invitation.objects.get()

    response = client.post(
        reverse("partner_invitations:edit", args=[invitation.pk]),
        {"email": "someone.else@example.org", "organisation": organisations["right"].pk, "language": "bg"},
    )

    assert response.status_code in (302, 403)
    invitation.refresh_from_db()
    assert invitation.email == "new.partner@example.org"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["bg", "en"])
def test_public_sign_up_is_closed(client, language):
    with translation.override(language):
        url = reverse("account_signup")
    page = client.get(url)
    attempt = client.post(url, {"email": "me@example.org", "password1": PASSWORD, "password2": PASSWORD})

    assert "signup_closed" in [template.name.rsplit("/", 1)[-1].removesuffix(".html") for template in page.templates]
    assert attempt.status_code in (200, 403)
    assert not get_user_model().objects.filter(email="me@example.org").exists()
