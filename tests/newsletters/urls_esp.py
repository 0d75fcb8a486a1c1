"""The site's URLs as they are with NEWSLETTER_ESP set: anymail's webhooks under /anymail/."""

from django.urls import include, path

from config.urls import *  # noqa: F403
from config.urls import urlpatterns as site_urlpatterns

urlpatterns = [path("anymail/", include("anymail.urls")), *site_urlpatterns]
