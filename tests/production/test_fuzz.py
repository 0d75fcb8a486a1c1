"""Fuzzing every public URL pattern and every public form with hypothesis: whatever comes in,
no 500, no stack trace, and no markup from the request reflected unescaped in the answer.

The test client re-raises any exception a view lets escape, so an unhandled error fails the
test with its own traceback; a handled one must still not be a 5xx."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

MARKER = "<fz-x>"
FUZZ = hypothesis_settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
    derandomize=True,
)

# Text as a visitor or a robot might send it: any printable text, markup, SQL-ish and path-ish
# fragments, very long values, and our marker to detect reflection.
nasty = st.sampled_from(
    [
        MARKER,
        f'"{MARKER}',
        f"'><{MARKER}",
        "<script>alert(1)</script>",
        "../../etc/passwd",
        "%00",
        "' OR 1=1 --",
        "{{ 7*7 }}",
        "{% debug %}",
        "\u202e\u0000",
        "9" * 30,
        "-1",
        "0",
        "x" * 3000,
        "Перник",
    ]
)
field_text = st.one_of(nasty, st.text(max_size=80), st.text(max_size=20).map(lambda text: text + MARKER))
segment = st.one_of(
    nasty.filter(lambda text: "/" not in text and "\x00" not in text),
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="/?#%"), min_size=1, max_size=30
    ),
    st.from_regex(r"[a-z0-9-]{1,20}", fullmatch=True),
)
number = st.one_of(st.integers(min_value=-5, max_value=10**12).map(str), segment)


def public_patterns():
    """(language prefix or "", list of pattern pieces) for every URL pattern except the admin."""
    found = []

    def walk(patterns, pieces):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, pieces + [entry.pattern])
            elif isinstance(entry, URLPattern):
                found.append(pieces + [entry.pattern])

    walk(get_resolver().url_patterns, [])
    return [pieces for pieces in found if not str(pieces[0]).startswith(("admin/", "^media/"))]


CONVERTERS = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


def piece_strategy(piece):
    if isinstance(piece, LocalePrefixPattern):
        return st.sampled_from(["bg/", "en/"])
    text = str(piece)
    if isinstance(piece, RoutePattern):
        parts = CONVERTERS.split(text)
        strategies = []
        # split() yields: literal, converter, name, literal, converter, name, literal...
        for index in range(0, len(parts), 3):
            strategies.append(st.just(parts[index]))
            if index + 1 < len(parts):
                strategies.append(number if parts[index + 1] == "int" else segment)
        return st.tuples(*strategies).map("".join)
    if isinstance(piece, RegexPattern):
        if text == r"^((?:[\w\-]+/)*)$":  # Wagtail's pages: real-looking slugs, some random
            slugs = st.lists(st.one_of(st.sampled_from(["modelat", "the-model", "proekti", "projects", "novini"]),
                                       st.from_regex(r"[\w\-]{1,12}", fullmatch=True)), max_size=3)
            return slugs.map(lambda parts: "".join(f"{part}/" for part in parts))
        return st.from_regex(text.replace("\\Z", "$"), fullmatch=True).map(lambda path: path.replace("\x00", ""))
    raise AssertionError(f"unexpected pattern {piece!r}")


def url_strategy():
    strategies = [st.tuples(*[piece_strategy(piece) for piece in pieces]).map(lambda parts: "/" + "".join(parts))
                  for pieces in public_patterns()]
    return st.one_of(*strategies)


query = st.dictionaries(
    st.sampled_from(["q", "page", "kind", "status", "place", "programme", "year", "next", "frequency", "notice",
                     "restore", "session_id", "utm_source", MARKER]),
    field_text,
    max_size=4,
)


def assert_safe(response, where):
    assert response.status_code < 500, (where, response.status_code)
    if getattr(response, "streaming", False):
        return
    body = response.content
    assert b"Traceback" not in body, where
    assert b"django/core/handlers" not in body and b'File "/' not in body, where
    assert MARKER.encode() not in body, (where, "markup reflected unescaped")


@pytest.fixture
def relaxed_limits(settings):
    """Rate limits would turn most fuzzed posts into 429s: lift them so the forms are reached."""
    settings.FORM_RATE_LIMIT = 10**9
    settings.DONATION_RATE_LIMIT = 10**9
    settings.DONATION_EMAIL_RATE_LIMIT = 10**9
    settings.ACCOUNT_RATE_LIMITS = False
    settings.STRIPE_TEST_GATEWAY = True
    settings.STRIPE_SECRET_KEY = ""
    return settings


def test_every_public_url_pattern_is_covered():
    names = {str(pieces[-1]) for pieces in public_patterns()}
    assert "sitemap.xml" in names and "search/" in names and r"^((?:[\w\-]+/)*)$" in names
    assert "stripe/webhook/" in names and "materials/<int:document_id>/download/" in names


def test_get_every_public_url_pattern(donation_pages, client, relaxed_limits):
    @FUZZ
    @given(url=url_strategy(), params=query)
    def check(url, params):
        response = client.get(url, params)
        assert_safe(response, (url, params))

    check()


def test_post_to_every_public_url_pattern(donation_pages, client, relaxed_limits):
    @FUZZ
    @given(url=url_strategy(), data=st.dictionaries(st.sampled_from(
        ["login", "password", "email", "amount_choice", "other_amount", "frequency", "q", "name", "message"]),
        field_text, max_size=4))
    def check(url, data):
        response = client.post(url, data)
        assert_safe(response, (url, data))

    check()


def form_fields(client, url):
    """Field names of the page's form, read from its HTML (so the fuzz follows the real form)."""
    html = client.get(url).content.decode()
    form = html[html.index("<form", html.index("<main")):]
    return sorted(set(re.findall(r'name="([^"]+)"', form)) - {"csrfmiddlewaretoken"})


@pytest.mark.parametrize("key", ["contact", "consulting", "donation"])
def test_fuzz_every_public_form(donation_pages, client, relaxed_limits, key):
    for language in ("bg", "en"):
        url = getattr(donation_pages, language)[key].url
        names = form_fields(client, url)
        assert names, url

        fuzz_form(client, url, names)


def fuzz_form(client, url, names):
    @FUZZ
    @given(data=st.fixed_dictionaries({name: field_text for name in names}))
    def check(data):
        response = client.post(url, data)
        assert_safe(response, (url, data))

    check()


def test_fuzz_the_sign_in_and_password_reset_forms(site_tree, client, relaxed_limits):
    @FUZZ
    @given(login=field_text, password=field_text, language=st.sampled_from(["bg", "en"]))
    def check(login, password, language):
        assert_safe(client.post(f"/{language}/accounts/login/", {"login": login, "password": password}), login)
        assert_safe(client.post(f"/{language}/accounts/password/reset/", {"email": login}), login)

    check()


def test_fuzz_the_stripe_webhook(db, client, settings):
    settings.STRIPE_WEBHOOK_SECRET = "whsec_fuzz"

    @FUZZ
    @given(body=st.one_of(st.binary(max_size=300), field_text.map(str.encode)), signature=field_text)
    def check(body, signature):
        response = client.post(
            "/donations/stripe/webhook/", data=body, content_type="application/json",
            HTTP_STRIPE_SIGNATURE=signature.encode("utf-8", "ignore").decode("latin-1"),
        )
        assert response.status_code == 400
        assert_safe(response, body)

    check()


# --- bodies in other charsets -------------------------------------------------------------------

CHARSET_NAMES = st.one_of(
    st.sampled_from(["latin-1", "iso-8859-1", "iso-8859-5", "utf-16", "utf-16-le", "utf-32", "windows-1251",
                     "koi8-r", "cp1252", "x-unknown", "", "utf-8-sig", "UTF8", "utf-8", "us-ascii", "ASCII"]),
    st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=126, blacklist_characters=';,"\\'),
            min_size=1, max_size=20),
)
CSRF_TOKEN = "f" * 32


def rows():
    """What a form post may create: nothing of it may appear when the post is refused."""
    from wagtail.contrib.forms.models import FormSubmission

    from donations.models import Donation, NewsletterSubscriber

    return (FormSubmission.objects.count(), Donation.objects.count(), NewsletterSubscriber.objects.count())


def encoded(data, charset):
    """The form body as a client declaring ``charset`` would send it (UTF-8 where Python does not
    know that charset)."""
    from urllib.parse import urlencode

    from core.request_charset import accepted_charset

    body = urlencode(data)
    try:
        return body.encode(charset, "replace") if charset and not accepted_charset(charset) else body.encode()
    except (LookupError, ValueError):
        return body.encode()


def post_in_charset(client, url, data, charset):
    # (The test client sends no Content-Type with an empty body: every fuzzed body has a field.)
    return client.generic("POST", url, encoded(data, charset),
                          content_type=f"application/x-www-form-urlencoded; charset={charset}")


def assert_refused_unless_utf8(response, charset, where):
    from core.request_charset import accepted_charset

    assert_safe(response, where)
    if not accepted_charset(charset):
        assert response.status_code == 400, (where, charset, response.status_code)


@pytest.fixture
def csrf_client():
    """A client that checks CSRF as for a browser, holding a csrftoken cookie: the case where
    Django's own 400 handler answered 500."""
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = CSRF_TOKEN
    return client


def public_form_urls(pages):
    from django.urls import reverse

    keys = ("contact", "consulting", "donation")
    urls = [getattr(pages, language)[key].url for language in ("bg", "en") for key in keys]
    urls += ["/bg/accounts/login/", "/en/accounts/password/reset/", reverse("donations:newsletter"),
             "/bg/donations/manage/", "/admin/login/"]
    return urls


def test_every_public_form_and_the_admin_login_refuse_other_charsets(donation_pages, csrf_client, relaxed_limits):
    urls = public_form_urls(donation_pages)
    before = rows()

    @FUZZ
    @given(url=st.sampled_from(urls), charset=CHARSET_NAMES, data=st.dictionaries(st.sampled_from(
        ["login", "password", "email", "name", "message", "amount_choice", "frequency", "consent"]), field_text,
        min_size=1, max_size=4), with_token=st.booleans())
    def check(url, charset, data, with_token):
        if with_token:
            data = dict(data, csrfmiddlewaretoken=CSRF_TOKEN)
        response = post_in_charset(csrf_client, url, data, charset)
        assert_refused_unless_utf8(response, charset, (url, data))
        from core.request_charset import accepted_charset

        if not accepted_charset(charset):
            assert rows() == before, (url, charset)

    check()


def test_every_public_url_pattern_refuses_other_charsets(donation_pages, csrf_client, relaxed_limits):
    @FUZZ
    @given(url=url_strategy(), charset=CHARSET_NAMES, data=st.dictionaries(st.sampled_from(["q", "email", "x"]),
                                                                          field_text, min_size=1, max_size=2))
    def check(url, charset, data):
        assert_refused_unless_utf8(post_in_charset(csrf_client, url, data, charset), charset, (url, data))

    check()


# --- malformed uploads in the admin ---------------------------------------------------------------


@pytest.fixture
def admin_client(client, django_user_model, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    user = django_user_model.objects.create_superuser(username="fuzz", email="fuzz@example.org", password="x" * 20)
    client.force_login(user)
    return client


def mutated(original):
    """A file damaged the ways files are: cut short, bytes overwritten, junk inserted."""
    return st.one_of(
        st.integers(min_value=0, max_value=len(original) - 1).map(lambda end: original[:end]),
        st.tuples(st.integers(min_value=0, max_value=len(original) - 1), st.binary(min_size=1, max_size=16)).map(
            lambda change: original[: change[0]] + change[1] + original[change[0] + len(change[1]):]),
        st.tuples(st.integers(min_value=0, max_value=len(original)), st.binary(min_size=1, max_size=64)).map(
            lambda change: original[: change[0]] + change[1] + original[change[0]:]),
    )


def image_samples():
    from tests.production import sample_files

    return {
        "photo.png": sample_files.png_bytes((24, 16)),
        "photo.jpg": sample_files.image_bytes("JPEG", (24, 16)),
        "wave.gif": sample_files.image_bytes("GIF", (24, 16), frames=2, mode="P"),
        "photo.webp": sample_files.image_bytes("WEBP", (24, 16)),
    }


damaged_images = st.sampled_from(sorted(image_samples())).flatmap(
    lambda name: st.tuples(st.just(name), mutated(image_samples()[name])))


def test_damaged_images_are_refused_or_usable_never_a_500(admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.images import get_image_model
    from wagtail.models import Collection, UploadedFile

    collection = Collection.get_first_root_node().pk

    @FUZZ
    @given(sample=damaged_images, at_once=st.booleans())
    def check(sample, at_once):
        name, content = sample
        get_image_model().objects.all().delete()
        if at_once:
            response = admin_client.post("/admin/images/multiple/add/", {"files[]": SimpleUploadedFile(name, content),
                                         "collection": collection}, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
        else:
            response = admin_client.post("/admin/images/add/", {"title": "Fuzz", "collection": collection,
                                                                "file": SimpleUploadedFile(name, content)})
        assert response.status_code < 500, name
        assert not UploadedFile.objects.exists()
        for image in get_image_model().objects.all():
            # Accepted: it decodes, so its renditions (the admin's thumbnails, the site's pictures) work.
            image.get_rendition("max-165x165")

    check()


damaged_documents = st.sampled_from(["report.pdf", "letter.docx", "budget.xlsx", "minutes.odt", "photos.zip",
                                     "people.csv", "letter.rtf"]).flatmap(
    lambda name: st.tuples(st.just(name), mutated(__import__("tests.production.sample_files", fromlist=["x"])
                                                   .good_documents()[name])))


def test_damaged_documents_are_refused_with_a_message_never_a_500(admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.documents import get_document_model
    from wagtail.models import Collection

    from core import uploads

    collection = Collection.get_first_root_node().pk

    @FUZZ
    @given(sample=damaged_documents)
    def check(sample):
        name, content = sample
        get_document_model().objects.all().delete()
        response = admin_client.post("/admin/documents/add/", {"title": "Fuzz", "collection": collection,
                                                               "file": SimpleUploadedFile(name, content)})
        assert response.status_code in (200, 302), name
        stored = get_document_model().objects.first()
        if response.status_code == 200:
            assert stored is None
        else:
            with stored.open_file() as file:
                uploads.check_document(stored.file.name, file)  # what was kept is what its name says

    check()


# --- signed webhook bodies that are JSON but not an event ----------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=12,
)
# The fields the event handlers read (donations/fulfilment.py), filled with any JSON at all.
HANDLED_FIELDS = ["id", "client_reference_id", "metadata", "payment_status", "customer", "payment_intent",
                  "subscription", "invoice", "parent", "subscription_details", "lines", "payments", "billing_reason",
                  "amount_paid", "amount_total", "currency", "status", "amount_refunded", "charge", "amount"]


def event_like():
    from donations.fulfilment import HANDLERS

    return st.fixed_dictionaries({
        "id": st.one_of(st.text(min_size=1, max_size=30), json_values),
        "type": st.one_of(st.sampled_from(sorted(HANDLERS)), json_values),
        "data": st.one_of(st.fixed_dictionaries({"object": st.dictionaries(st.sampled_from(HANDLED_FIELDS), json_values,
                                                                           max_size=8)}), json_values),
    })


def test_signed_webhook_bodies_of_any_shape_are_never_a_500(db, client, settings):
    import json

    from donations.models import DonationEvent, StripeEvent
    from tests.donations import stripe_events

    settings.STRIPE_WEBHOOK_SECRET = stripe_events.WEBHOOK_SECRET
    settings.STRIPE_SECRET_KEY = ""

    @FUZZ
    @given(body=st.one_of(json_values, event_like()))
    def check(body):
        payload = json.dumps(body)
        events_before = StripeEvent.objects.count()
        response = client.post("/donations/stripe/webhook/", data=payload, content_type="application/json",
                               HTTP_STRIPE_SIGNATURE=stripe_events.sign(payload))
        assert response.status_code in (200, 400), (body, response.status_code, response.content)
        if response.status_code == 400:
            assert StripeEvent.objects.count() == events_before
            assert not DonationEvent.objects.exists()

    check()
