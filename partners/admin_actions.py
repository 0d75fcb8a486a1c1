"""Two things staff do for a partner that the partner cannot do alone: send an invitation again
(the first one expired or went astray) and reset two-factor authentication (a lost phone). Each
shows what it will do and acts only when that is confirmed with a POST."""

from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext
from django.views import View
from wagtail.permission_policies import ModelPermissionPolicy

from partners.invitations import email_has_account, send_invitation
from partners.models import AccountEventKind, Invitation, PartnerMembership
from partners.signals import record_event


class ConfirmedAction(View):
    model = None
    permission_action = "change"
    index_url_name = ""
    icon = ""

    def dispatch(self, request, *args, **kwargs):
        policy = ModelPermissionPolicy(self.model)
        if not policy.user_has_permission(request.user, self.permission_action):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk):
        instance = get_object_or_404(self.model, pk=pk)
        if refusal := self.refusal(instance):
            messages.error(request, refusal)
            return redirect(self.index_url_name)
        context = {
            "page_title": self.title(instance),
            "header_icon": self.icon,
            "explanation": self.explanation(instance),
            "confirm_label": self.confirm_label(),
            "cancel_url_name": self.index_url_name,
        }
        return TemplateResponse(request, "partners/admin/confirm_action.html", context)

    def post(self, request, pk):
        instance = get_object_or_404(self.model, pk=pk)
        if refusal := self.refusal(instance):
            messages.error(request, refusal)
        else:
            messages.success(request, self.act(request, instance))
        return redirect(self.index_url_name)


class ResendInvitation(ConfirmedAction):
    model = Invitation
    permission_action = "add"
    index_url_name = "partner_invitations:index"
    icon = "mail"

    def refusal(self, invitation):
        if invitation.accepted_at is not None:
            return gettext("%(email)s has already accepted this invitation.") % {"email": invitation.email}
        if email_has_account(invitation.email):
            return gettext("%(email)s already has an account: they can sign in, or reset their password.") % {
                "email": invitation.email
            }
        return ""

    def title(self, invitation):
        return gettext("Send the invitation to %(email)s again") % {"email": invitation.email}

    def explanation(self, invitation):
        return gettext(
            "A new link goes to %(email)s in the language of the invitation; it is valid for the usual number "
            "of days from now. Any link sent before stays valid until it expires."
        ) % {"email": invitation.email}

    def confirm_label(self):
        return gettext("Send again")

    def act(self, request, invitation):
        invitation.created = timezone.now()
        invitation.invited_by = request.user
        invitation.save(update_fields=["created", "invited_by"])
        send_invitation(invitation, request)
        return gettext("Invitation sent again to %(email)s.") % {"email": invitation.email}


class ResetTwoFactor(ConfirmedAction):
    model = PartnerMembership
    index_url_name = "partner_members:index"
    icon = "key"

    def refusal(self, membership):
        if not Authenticator.objects.filter(user=membership.user).exists():
            return gettext("%(email)s has no two-factor authentication to reset.") % {"email": membership.user.email}
        return ""

    def title(self, membership):
        return gettext("Reset two-factor authentication for %(email)s") % {"email": membership.user.email}

    def explanation(self, membership):
        return gettext(
            "Their authenticator app and recovery codes stop working. They sign in with their password "
            "alone and set up two-factor authentication again (at once, if the site requires it). Do this "
            "only after you have made sure you are talking to them, for example by phone."
        )

    def confirm_label(self):
        return gettext("Reset two-factor authentication")

    def act(self, request, membership):
        Authenticator.objects.filter(user=membership.user).delete()
        record_event(request, AccountEventKind.MFA_REMOVED, user=membership.user)
        return gettext("Two-factor authentication reset for %(email)s.") % {"email": membership.user.email}
