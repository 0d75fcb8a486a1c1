"""The site's URLs with Django's own 400 handler, for the test that shows why the site has its own."""

from config.urls import urlpatterns  # noqa: F401

# The site's 500 handler, as in config.urls (Django's own re-runs the CSRF check too).
handler500 = "home.views.server_error"
