"""Security headers on every response.

Public pages get a strict Content-Security-Policy: no inline script or style at all (the
templates have none; the only inline <script> is a JSON-LD data block, which browsers do not
execute). Wagtail's admin still ships one small inline script and inline styles in its editor,
so /admin/ gets a policy that allows inline code but still only from this origin."""

from django.conf import settings

EMBED_FRAME_SOURCES = "https://www.youtube-nocookie.com https://www.youtube.com https://player.vimeo.com"

PUBLIC_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    f"connect-src 'self'; frame-src {EMBED_FRAME_SOURCES}; form-action 'self'; base-uri 'self'; "
    "object-src 'none'; frame-ancestors 'none'"
)
ADMIN_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
    f"frame-src 'self' {EMBED_FRAME_SOURCES}; form-action 'self'; base-uri 'self'; object-src 'none'; "
    "frame-ancestors 'self'"
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"


def content_security_policy(path):
    extra_form_actions = " ".join(getattr(settings, "CSP_EXTRA_FORM_ACTION", []))
    if path.startswith("/admin/"):
        policy = ADMIN_POLICY
    else:
        policy = PUBLIC_POLICY
    if extra_form_actions:
        policy = policy.replace("form-action 'self'", f"form-action 'self' {extra_form_actions}")
    return policy


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", content_security_policy(request.path))
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response
