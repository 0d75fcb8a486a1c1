"""What the site answers while the database cannot be reached.

Such a failure surfaces as an exception anywhere — in a view, in the session or authentication
middleware, in a template tag — and Django turns every uncaught one into a call of the 500
handler (``home.views.server_error``), from inside the ``except`` block. So the handler, not a
middleware, is the one place that sees them all; it asks ``database_unavailable`` and answers
``unavailable_response``: 503 with ``Retry-After``, the translated page, no database use.
Cached pages never get this far: the page cache answers before anything touches the database."""

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

# Errors that mean "the database is not answering" rather than "this query is wrong": a refused
# or dropped connection, a server shutting down or in recovery, a read-only standby, a statement
# cancelled by statement_timeout.
UNAVAILABLE_ERRORS = (OperationalError, InterfaceError)
# psycopg's SQLSTATE classes for the same, when Django wraps them as a generic DatabaseError
# (e.g. "cannot execute INSERT in a read-only transaction" is 25006).
UNAVAILABLE_SQLSTATES = ("08", "57P", "25006", "53")


def database_unavailable(error):
    if error is None:
        return False
    if isinstance(error, UNAVAILABLE_ERRORS):
        return True
    if isinstance(error, DatabaseError):
        sqlstate = getattr(getattr(error, "__cause__", None), "sqlstate", None) or ""
        return sqlstate.startswith(UNAVAILABLE_SQLSTATES)
    return False


def unavailable_response(language):
    template = loader.get_template("503.html")
    response = HttpResponse(template.render({"LANGUAGE_CODE": language}), status=503)
    response["Retry-After"] = str(getattr(settings, "OUTAGE_RETRY_AFTER", 30))
    response["Cache-Control"] = "no-store"
    return response
