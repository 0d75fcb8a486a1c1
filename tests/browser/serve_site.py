"""Serves the seeded site to the browser tests: `python -m tests.browser.serve_site PORT`.

It is what `manage.py runserver --noreload --insecure` does (Django's threaded development
server, static files from the apps' folders), plus the uploaded media files: Django serves those
only with DEBUG on, and the browser tests run with DEBUG off so that visitors' 404 and 500 pages
are the real ones. In production the web server or the object storage serves media; here,
without them, every listing image would be a broken image in the pages the tests look at."""

import sys


def media_and_static_application():
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.servers.basehttp import get_internal_wsgi_application
    from whitenoise import WhiteNoise

    # autorefresh: image renditions are written while pages render, after the server started.
    return WhiteNoise(
        StaticFilesHandler(get_internal_wsgi_application()),
        root=settings.MEDIA_ROOT,
        prefix=settings.MEDIA_URL,
        autorefresh=True,
    )


if __name__ == "__main__":
    from django.core.servers.basehttp import run

    application = media_and_static_application()
    run("127.0.0.1", int(sys.argv[1]), application, threading=True)
