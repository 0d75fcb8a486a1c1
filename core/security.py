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
  with django-csp's own ``csp_update`` decorator (``allow_stripe_checkout`` below)."""

from csp.constants import NONE, SELF, UNSAFE_INLINE
from csp.decorators import csp_update
from csp.middleware import CSPMiddleware

EMBED_FRAME_SOURCES = ["https://www.youtube-nocookie.com", "https://www.youtube.com", "https://player.vimeo.com"]
STRIPE_CHECKOUT = "https://checkout.stripe.com"

PUBLIC_POLICY = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF],
    "img-src": [SELF, "data:"],
    "font-src": [SELF],
    "connect-src": [SELF],
    "frame-src": EMBED_FRAME_SOURCES,
    "form-action": [SELF],
    "base-uri": [SELF],
    "object-src": [NONE],
    "frame-ancestors": [NONE],
}

ADMIN_POLICY = {
    **PUBLIC_POLICY,
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "font-src": [SELF, "data:"],
    "frame-src": [SELF, *EMBED_FRAME_SOURCES],
    # The admin frames its own page previews, and nothing else may frame it.
    "frame-ancestors": [SELF],
}


def is_admin_path(path):
    return path.startswith("/admin/")


class SitePolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin_path(request.path_info):
            parts.config = ADMIN_POLICY
        return parts


def allow_stripe_checkout(view):
    """For the donation page's view: Stripe's hosted page as a form target, next to the site."""
    return csp_update({"form-action": [STRIPE_CHECKOUT]})(view)
