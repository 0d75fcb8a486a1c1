"""allauth's account adapter for the site: no public sign-up, a clearer lock-out message, and
failed or blocked sign-ins recorded for staff."""

import time

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.models import Authenticator
from allauth.mfa.stages import AuthenticateStage
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core import clients, site_url
from partners.models import AccountEventKind
from partners.signals import SIGNED_IN_AT_SESSION_KEY


class ResettableAuthenticateStage(AuthenticateStage):
    """allauth's code prompt, which a staff reset of two-factor authentication cannot turn into
    a trap. allauth's sign-in page sends a pending sign-in on to its stage, and the code page
    sends a sign-in whose person has no authenticator left back to the sign-in page: a redirect
    loop. Here such a sign-in is not resumable: it is cleared (allauth's own abort), and the
    person is told to sign in again with their password, which now suffices."""

    def is_resumable(self, request):
        user = self.login.user
        if user is not None and not is_mfa_enabled(user, [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]):
            self.abort()
            messages.info(
                request,
                _(
                    "Two-factor authentication was reset for your account while you were signing in. "
                    "Sign in again with your email address and password."
                ),
            )
            return False
        return super().is_resumable(request)


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "too_many_login_attempts": _(
            "Too many failed sign-in attempts. For your safety, sign-in is paused: wait a few minutes and "
            "try again, or reset your password with the link below. If you are still locked out, contact "
            "the foundation."
        ),
    }

    def get_client_ip(self, request):
        """Sign-in limits and records count the client behind the trusted proxies, the same
        address every other limit of the site uses (core.clients)."""
        return clients.client_ip(request)

    def get_reset_password_from_key_url(self, key):
        """The password-reset link in the email, on the site's public address (core.site_url)
        rather than the Host header the request came in with."""
        return site_url.rebase(super().get_reset_password_from_key_url(key), self.request)

    def get_email_confirmation_url(self, request, emailconfirmation):
        """The address-confirmation link in the email, on the site's public address."""
        return site_url.rebase(super().get_email_confirmation_url(request, emailconfirmation), request)

    def get_login_stages(self):
        return [
            f"{ResettableAuthenticateStage.__module__}.{ResettableAuthenticateStage.__qualname__}"
            if path == "allauth.mfa.stages.AuthenticateStage"
            else path
            for path in super().get_login_stages()
        ]

    def is_reauthentication_required(self, *, app, **kwargs):
        """allauth asks for the password again before a security change (adding an authenticator)
        unless the person re-entered it in the last ACCOUNT_REAUTHENTICATION_TIMEOUT seconds. A
        whole sign-in (or an accepted invitation, where the password was just chosen) in that
        window counts as well: asking again seconds later only teaches people to type it
        anywhere."""
        from allauth.core import context

        request = context.request
        if request is not None and getattr(request, "user", None) is not None and request.user.is_authenticated:
            signed_in_at = request.session.get(SIGNED_IN_AT_SESSION_KEY)
            if isinstance(signed_in_at, (int, float)) and 0 <= time.time() - signed_in_at < (
                account_settings.REAUTHENTICATION_TIMEOUT
            ):
                return False
        return super().is_reauthentication_required(app=app, **kwargs)

    def is_open_for_signup(self, request):
        """Accounts come only from invitations sent by staff (partners/invitations.py)."""
        return False

    def get_login_redirect_url(self, request):
        from partners.access import is_staff_reader, partner_membership

        user = request.user
        if partner_membership(user) is None and (user.has_perm("wagtailadmin.access_admin") or is_staff_reader(user)):
            return reverse("wagtailadmin_home")
        return reverse("partners:dashboard")

    def is_safe_url(self, url):
        """A signed-in person without admin access who is sent back to /admin/ would bounce
        between the admin and the sign-in page forever; send them to their dashboard instead."""
        from urllib.parse import urlparse

        from allauth.core import context

        if not super().is_safe_url(url):
            return False
        user = getattr(context.request, "user", None)
        if (
            urlparse(url).path.startswith("/admin/")
            and user is not None
            and user.is_authenticated
            and not user.has_perm("wagtailadmin.access_admin")
        ):
            return False
        return True

    def get_logout_redirect_url(self, request):
        return reverse("account_login")

    def pre_authenticate(self, request, **credentials):
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            from partners.signals import record_event

            record_event(request, AccountEventKind.LOCKED_OUT, email=credentials.get("email", ""))
            raise

    def authentication_failed(self, request, **credentials):
        from partners.signals import record_event

        record_event(request, AccountEventKind.SIGN_IN_FAILED, email=credentials.get("email", ""))
        super().authentication_failed(request, **credentials)


def user_display(user):
    """How allauth names a person ("Signed in as …"): by the email address they sign in with,
    not by the internal username made from it."""
    return user.get_full_name() or user.email or user.get_username()
