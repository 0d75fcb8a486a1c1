"""A signed-in staff member for browser tests of the admin, in the live test site's own database:
a superuser whose admin language is Bulgarian (or the language given as the one argument) and a
session for it (the sign-in pages have their own journey). Run as
`python -m tests.browser.admin_session [en]` with the site's environment; prints JSON with the
session cookie."""

import json
import sys


def staff_session(language="bg"):
    from allauth.account.models import EmailAddress
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from wagtail.users.models import UserProfile

    username = "browser-editor" if language == "bg" else f"browser-editor-{language}"
    user, _ = get_user_model().objects.get_or_create(
        username=username,
        defaults={"email": f"{username}@example.org", "is_staff": True, "is_superuser": True},
    )
    EmailAddress.objects.get_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return {"cookie": settings.SESSION_COOKIE_NAME, "session": session.session_key, "user_id": user.pk}


if __name__ == "__main__":
    import django

    django.setup()
    print(json.dumps(staff_session(*sys.argv[1:])))
