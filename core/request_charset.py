"""Request bodies in UTF-8 only.

A form body that declares another charset (``application/x-www-form-urlencoded; charset=latin-1``
or ``utf-16``) makes Django raise BadRequest when anything first reads ``request.POST`` — in
practice the CSRF check. Django's own 400 handler is wrapped in ``requires_csrf_token``, which
runs that check again, reads ``request.POST`` again and raises again, from inside the handler:
the visitor gets a 500. This middleware answers such requests itself, before anything reads the
body, with the site's translated 400 page (core/views.py, which also replaces the handler).

Charset names that mean UTF-8 or plain ASCII (``UTF8``, ``us-ascii``; ASCII is a subset of UTF-8)
are accepted and handed on as ``utf-8``, the only spelling Django's form parser takes; any other
charset, or one Python does not know (``x-unknown``), is refused."""

import codecs

from django.utils.translation import gettext_lazy as _

# Methods whose body Django never parses (request.POST is empty for them whatever is sent).
BODILESS_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
ACCEPTED_CODECS = frozenset({"utf-8", "ascii"})

CHARSET_REFUSED = _(
    "The form was sent in a text encoding that the site does not accept (the site accepts only "
    "UTF-8). Please reload the page and send the form again."
)


def accepted_charset(name):
    """True when ``name`` (a charset parameter as sent) is UTF-8 or ASCII under any spelling."""
    try:
        return codecs.lookup(name).name in ACCEPTED_CODECS
    except (LookupError, TypeError, ValueError):
        return False


class RequestCharsetMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        charset = getattr(request, "content_params", {}).get("charset")
        if charset is not None and request.method not in BODILESS_METHODS:
            if not accepted_charset(charset):
                from core.views import bad_request_page

                return bad_request_page(request, CHARSET_REFUSED)
            # Django's parser compares the name literally with "utf-8".
            request.encoding = "utf-8"
        return self.get_response(request)
