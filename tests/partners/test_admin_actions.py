"""Staff help a partner who is stuck: send an expired invitation again, reset the two-factor
authentication of someone who lost their phone. Both confirm first and act only on POST."""

import datetime
import re

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from partners.invitations import invitation_for_token
from partners.models import AccountEvent, AccountEventKind, Invitation, PartnerMembership
from tests.partners.conftest import translated

pytestmark = pytest.mark.django_db


@pytest.fixture
def expired_invitation(organisations, settings):
    invitation = Invitation.objects.create(email="late@example.org", organisation=organisations["right"], language="en")
    Invitation.objects.filter(pk=invitation.pk).update(
        created=timezone.now() - datetime.timedelta(days=settings.PARTNER_INVITATION_DAYS + 1)
    )
    invitation.refresh_from_db()
    assert invitation.is_expired
    return invitation


def test_resending_an_expired_invitation_mails_a_working_link(client, staff, expired_invitation):
    client.force_login(staff)
    url = reverse("partner_invitations:resend", args=[expired_invitation.pk])
    assert client.get(url).status_code == 200
    assert not mail.outbox  # the GET only asks

    response = client.post(url)
    assert response.status_code == 302
    expired_invitation.refresh_from_db()
    assert not expired_invitation.is_expired and expired_invitation.invited_by == staff
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["late@example.org"]
    link = re.search(r"https?://\S+/partners/invitation/([^/\s]+)/", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    assert invitation_for_token(link.group(1)) == expired_invitation  # the new link works


def test_the_invitation_listing_offers_to_send_again(client, staff, expired_invitation):
    client.force_login(staff)
    listing = client.get(reverse("partner_invitations:index")).content.decode()
    assert reverse("partner_invitations:resend", args=[expired_invitation.pk]) in listing


def test_an_accepted_invitation_is_not_sent_again(client, staff, expired_invitation, partner):
    Invitation.objects.filter(pk=expired_invitation.pk).update(accepted_at=timezone.now())
    client.force_login(staff)
    response = client.post(reverse("partner_invitations:resend", args=[expired_invitation.pk]), follow=True)
    assert not mail.outbox
    message = translated("%(email)s has already accepted this invitation.") % {"email": "late@example.org"}
    assert message in response.content.decode()


def test_a_partner_cannot_resend_invitations(client, partner, expired_invitation):
    client.force_login(partner)
    response = client.post(reverse("partner_invitations:resend", args=[expired_invitation.pk]))
    assert response.status_code in (302, 403)
    assert not mail.outbox


def give_membership_change_permission(staff):
    staff.groups.first().permissions.add(Permission.objects.get(codename="change_partnermembership"))


def test_resetting_two_factor_removes_the_authenticators_and_records_it(client, staff, partner):
    give_membership_change_permission(staff)
    Authenticator.objects.create(user=partner, type=Authenticator.Type.TOTP, data={"secret": "x"})
    Authenticator.objects.create(user=partner, type=Authenticator.Type.RECOVERY_CODES, data={"seed": "y"})
    membership = PartnerMembership.objects.get(user=partner)
    client.force_login(staff)
    url = reverse("partner_members:reset_two_factor", args=[membership.pk])
    assert client.get(url).status_code == 200
    assert Authenticator.objects.filter(user=partner).count() == 2  # the GET only asks

    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert not Authenticator.objects.filter(user=partner).exists()
    assert AccountEvent.objects.filter(kind=AccountEventKind.MFA_REMOVED, user=partner).exists()
    assert "partner@example.org" in response.content.decode()


def test_two_factor_reset_needs_the_permission_to_change_members(client, staff, partner):
    Authenticator.objects.create(user=partner, type=Authenticator.Type.TOTP, data={"secret": "x"})
    membership = PartnerMembership.objects.get(user=partner)
    client.force_login(staff)
    response = client.post(reverse("partner_members:reset_two_factor", args=[membership.pk]))
    assert response.status_code in (302, 403)
    assert Authenticator.objects.filter(user=partner).exists()


def test_resetting_two_factor_of_someone_without_it_says_so(client, staff, partner):
    give_membership_change_permission(staff)
    membership = PartnerMembership.objects.get(user=partner)
    client.force_login(staff)
    response = client.post(reverse("partner_members:reset_two_factor", args=[membership.pk]), follow=True)
    message = translated("%(email)s has no two-factor authentication to reset.") % {"email": "partner@example.org"}
    assert message in response.content.decode()
    assert not AccountEvent.objects.filter(kind=AccountEventKind.MFA_REMOVED).exists()
