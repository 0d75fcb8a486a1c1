from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from partners.models import AccountSecuritySettings

# Views that hand out or manage restricted things: the admin, Wagtail's document URL and the
# partner area (its download view included). The sign-in and two-factor pages stay open.
GUARDED_NAMESPACES = {"partners"}
GUARDED_URL_NAMES = {"wagtaildocs_serve"}


class RequireStaffMFAMiddleware:
    """When the "require two-factor authentication for staff" site setting is on, a signed-in
    person with admin access who has no authenticator app yet is sent to set one up before any
    admin page, document or partner material is shown. Runs after AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not self.is_guarded(request) or not self.must_enrol(request):
            return None
        messages.warning(
            request,
            _("The foundation requires two-factor authentication for staff. Set up an authenticator app to continue."),
        )
        return redirect(reverse("mfa_activate_totp"))

    @staticmethod
    def is_guarded(request):
        match = request.resolver_match
        if request.path_info.startswith("/admin/"):
            return True
        return match is not None and (match.namespace in GUARDED_NAMESPACES or match.url_name in GUARDED_URL_NAMES)

    @staticmethod
    def must_enrol(request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.has_perm("wagtailadmin.access_admin"):
            return False
        if not staff_mfa_required(request):
            return False
        from allauth.mfa.models import Authenticator

        return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def staff_mfa_required(request):
    from wagtail.models import Site

    # for_request() would try to create settings for "no site" on a fresh install with no Site.
    if Site.find_for_request(request) is None:
        return False
    return AccountSecuritySettings.for_request(request).require_mfa_for_staff
