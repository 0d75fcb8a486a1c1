from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home import routing as home_routing
from home import views as home_views
from partners import views as partners_views

urlpatterns = [
    # Wagtail's own sign-in and password reset would skip allauth's two-factor step, rate limit
    # and sign-in record: staff sign in where partners do.
    path("admin/login/", partners_views.redirect_to_sign_in),
    path("admin/password_reset/", partners_views.redirect_to_sign_in),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", home_views.sitemap_view, name="sitemap"),
    path("robots.txt", home_views.robots_view, name="robots"),
    # Stripe posts here in no language: outside i18n_patterns.
    path("donations/", include("donations.urls.webhook")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Every public page lives under /bg/ or /en/; "/" redirects by the browser's language.
urlpatterns += i18n_patterns(
    path("search/", home_views.search_view, name="search"),
    path("accounts/", include("allauth.urls")),
    # Wagtail's front-end login for private pages would skip two-factor authentication, the rate
    # limit and the sign-in record too (private pages already send people to allauth).
    path("_util/login/", partners_views.redirect_to_sign_in),
    path("partners/", include("partners.urls")),
    path("donations/", include("donations.urls.donor")),
    # Wagtail's password and login helpers as they are; its page view through home.routing,
    # which finds the page in one query instead of two per level of the tree.
    path("", include([pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"])),
    re_path(wagtail_urls.serve_pattern, home_routing.serve, name="wagtail_serve"),
    prefix_default_language=True,
)

handler500 = "home.views.server_error"
