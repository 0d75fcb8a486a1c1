"""The site's own answers to a bad request (400) and a failed CSRF check (403).

Both are called while something is already wrong, so neither may fail in turn: the 400 page uses
neither the database nor the request's host (a DisallowedHost is one of the errors it answers),
and the CSRF page, which is shown in the site's layout, falls back to a plain page of its own
when that layout cannot be rendered (the database or the cache may be what is down)."""

import logging

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpResponseBadRequest, HttpResponseForbidden
from django.template import loader
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme

logger = logging.getLogger(__name__)


def visitor_language(request):
    """The language the visitor reads: the address's prefix, else the one LocaleMiddleware chose
    (cookie, browser) when it ran, else the site's default."""
    known = dict(settings.LANGUAGES)
    for language in (translation.get_language_from_path(request.path_info), translation.get_language()):
        if language in known:
            return language
    return settings.LANGUAGE_CODE


def bad_request_page(request, message=None):
    """400 in the visitor's language; ``message`` says what was wrong, when it is known."""
    language = visitor_language(request)
    with translation.override(language):
        body = loader.get_template("400.html").render({"LANGUAGE_CODE": language, "message": message})
    response = HttpResponseBadRequest(body)
    response["Cache-Control"] = "no-store"
    return response


def bad_request(request, exception=None):
    """handler400. Unlike Django's, not wrapped in requires_csrf_token: that decorator runs the
    CSRF check again, and when the check itself was what raised (a body Django could not parse)
    it raises again from inside the handler, which turns the 400 into a 500."""
    return bad_request_page(request)


def back_to_form_url(request):
    """Where the visitor came from when that is a page of this site (the form to reload), else
    the address the form was sent to."""
    referer = request.META.get("HTTP_REFERER", "")
    try:
        host = request.get_host()
    except DisallowedHost:
        return request.path
    if referer and url_has_allowed_host_and_scheme(referer, allowed_hosts={host}, require_https=request.is_secure()):
        return referer
    return request.path


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: what happened and what to do, in the site's layout and language.
    ``reason`` (Django's technical one) goes to the log only, as Django itself logs it."""
    language = visitor_language(request)
    context = {"back_url": back_to_form_url(request), "LANGUAGE_CODE": language}
    with translation.override(language):
        try:
            body = loader.render_to_string("403_csrf.html", context, request=request)
        except Exception:  # noqa: BLE001 - an error page must not fail: the plain page needs nothing
            logger.warning("CSRF failure page shown without the site's layout", exc_info=True)
            body = loader.render_to_string("403_csrf_plain.html", context)
    response = HttpResponseForbidden(body)
    response["Cache-Control"] = "no-store"
    return response
