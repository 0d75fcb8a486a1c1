from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
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
    path("sitemap-<int:number>.xml", home_views.sitemap_view, name="sitemap_part"),
    path("robots.txt", home_views.robots_view, name="robots"),
    # Stripe posts here in no language: outside i18n_patterns.
    path("donations/", include("donations.urls.webhook")),
]

if settings.NEWSLETTER_ESP:
    # The ESP's delivery webhooks (django-anymail's views check its signature or shared secret).
    urlpatterns += [path("anymail/", include("anymail.urls"))]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Every public page lives under /bg/ or /en/; "/" redirects by the browser's language.
urlpatterns += i18n_patterns(
    path("search/", home_views.search_view, name="search"),
    path("search/suggestions/", home_views.search_suggestions_view, name="search_suggestions"),
    path("accounts/", include("allauth.urls")),
    # Wagtail's front-end login for private pages would skip two-factor authentication, the rate
    # limit and the sign-in record too (private pages already send people to allauth).
    path("_util/login/", partners_views.redirect_to_sign_in, name="wagtailcore_login"),
    path("partners/", include("partners.urls")),
    path("donations/", include("donations.urls.donor")),
    # Wagtail's password form for restricted pages, as wagtail.urls declares it (its front-end
    # login is replaced above); its page view through home.routing, which finds the page in one
    # query instead of two per level of the tree. Declared here rather than by filtering
    # wagtail.urls, whose list is not an API.
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        wagtail_views.authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    re_path(wagtail_urls.serve_pattern, home_routing.serve, name="wagtail_serve"),
    prefix_default_language=True,
)

# Django's own 400 handler re-runs the CSRF check, which raises again when the body was what could
# not be read, and so turns a 400 into a 500 (core/views.py).
handler400 = "core.views.bad_request"
handler500 = "home.views.server_error"
