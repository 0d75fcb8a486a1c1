"""Content-Security-Policy from django-csp, with the two places that need another policy.

The public site's policy (``CONTENT_SECURITY_POLICY`` in settings) allows no inline script or
style at all: the templates have none (the only inline ``<script>`` is a JSON-LD data block,
which browsers do not execute). Two exceptions, each made where it is needed:

- **Wagtail's admin** ships inline script and styles in its editor and frames its own previews,
  so every path under ``/admin/`` gets ``ADMIN_POLICY``. Its views are Wagtail's, which cannot be
  decorated, so the choice is made here, in the extension point django-csp documents for it
  (subclassing the middleware and extending ``get_policy_parts``).
- **Stripe Checkout.** Browsers apply ``form-action`` to the redirect that follows a form post,
  so the donation page (only it, and only when a Stripe key is set) adds Stripe's hosted page
  with django-csp's own ``csp_update`` decorator (``allow_stripe_checkout`` below).
- **An email shown as mail programs show it** (the newsletter's preview in the admin): Wagtail
  renders previews through a request for the object's public address, which gets the public
  policy; an email's styles are inline, so that one answer allows inline styles and being
  framed by the admin (``email_preview``)."""

from functools import wraps

from csp.decorators import csp_replace, csp_update
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.views.decorators.clickjacking import xframe_options_sameorigin

STRIPE_CHECKOUT = "https://checkout.stripe.com"


def admin_policy():
    """The public policy (settings.CONTENT_SECURITY_POLICY), opened as far as the admin needs:
    inline script and styles, blob: images (cropping previews), data: fonts, and framing by
    itself only (page previews)."""
    public = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    return {
        **public,
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "frame-src": ["'self'", *public.get("frame-src", [])],
        "frame-ancestors": ["'self'"],
    }


def is_admin_path(path):
    return path.startswith("/admin/")


class SitePolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin_path(request.path_info):
            parts.config = admin_policy()
        return parts


def allow_stripe_checkout(view):
    """Decorates the donation page's view: with a Stripe key set, Stripe's hosted page is a
    form target next to the site itself (django-csp's own ``csp_update``)."""
    with_stripe = csp_update({"form-action": [STRIPE_CHECKOUT]})(view)

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        chosen = with_stripe if settings.STRIPE_SECRET_KEY else view
        return chosen(request, *args, **kwargs)

    return wrapped


def email_preview(view):
    """Decorates a view that answers with an email's HTML: inline styles, images from any HTTPS
    host (a CDN), no script, and framed only by the site itself (the admin's preview panel)."""
    policy = {
        "style-src": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:", "https:"],
        "script-src": ["'none'"],
        "frame-ancestors": ["'self'"],
    }
    return xframe_options_sameorigin(csp_replace(policy)(view))
