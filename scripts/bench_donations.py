"""The donations figures (issue 3): a script to run by hand, not a test.

    .venv/bin/python scripts/bench_donations.py [--events 300] [--sessions 100]
        [--postgres postgres://postgres@127.0.0.1:5432/postgres]   (or --no-postgres)

Prints:
- webhook events processed per second on SQLite and on PostgreSQL: signed
  checkout.session.completed events posted to the real endpoint one after another, each paying
  a gift (receipt number, history, receipt email through the immediate task backend);
- median time to create a checkout session against the local fake Stripe server (the real
  stripe library over HTTP): the whole form POST, and the Stripe call alone;
- queries (and median time) per donation page view with 10 and with 10,000 donations.

Each database is a throwaway one (a temporary SQLite file; a PostgreSQL database created and
dropped by this script); nothing in the working copy is touched."""

import argparse
import json
import statistics
import sys
import time
import uuid
from pathlib import Path

import bench_support

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def child(args):
    sys.path.insert(0, str(PROJECT_ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()  # locmem email outbox, and the test client's response context
    call_command("migrate", verbosity=0, interactive=False)
    from wagtail.models import Locale, Page, Site

    from donations.models import Donation, DonationPage
    from home.models import HomePage
    from tests.donations import stripe_events as se

    settings.ALLOWED_HOSTS = ["testserver"]
    settings.STRIPE_WEBHOOK_SECRET = se.WEBHOOK_SECRET
    settings.DONATION_RATE_LIMIT = settings.DONATION_EMAIL_RATE_LIMIT = 10**9
    bulgarian, _ = Locale.objects.get_or_create(language_code="bg")
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Начало", slug=f"bench-{uuid.uuid4().hex[:6]}", locale=bulgarian,
                                            mission="Мисия"))
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True, site_name="Bench")
    page = home.add_child(instance=DonationPage(title="Подкрепете ни", slug="darete", locale=bulgarian,
                                                goal_amount=100000, show_recent_supporters=True))
    page.save_revision().publish()
    client = Client()
    result = {"vendor": connection.vendor}

    # 1. Webhook events per second.
    donations = [
        Donation.objects.create(page=page, amount=2500, donor_name=f"Donor {n}", email=f"d{n}@example.org",
                                stripe_checkout_session_id=f"cs_bench_{n}")
        for n in range(args.events)
    ]
    payloads = [json.dumps(se.event("checkout.session.completed", se.checkout_session(d))) for d in donations]
    started = time.perf_counter()
    for payload in payloads:
        response = client.post("/donations/stripe/webhook/", data=payload, content_type="application/json",
                               HTTP_STRIPE_SIGNATURE=se.sign(payload))
        assert response.status_code == 200, response.content
    elapsed = time.perf_counter() - started
    assert Donation.objects.filter(status=Donation.PAID).count() == args.events
    result["webhook_events_per_second"] = round(args.events / elapsed, 1)
    # The same events again: duplicates, acknowledged without effect.
    started = time.perf_counter()
    for payload in payloads[:100]:
        client.post("/donations/stripe/webhook/", data=payload, content_type="application/json",
                    HTTP_STRIPE_SIGNATURE=se.sign(payload))
    result["duplicate_events_per_second"] = round(min(100, args.events) / (time.perf_counter() - started), 1)

    # 2. Checkout session creation against the local fake Stripe server.
    if args.sessions:
        from donations import stripe_gateway
        from tests.donations import fake_stripe

        server = fake_stripe.start()
        settings.STRIPE_SECRET_KEY = "sk_test_bench"
        settings.STRIPE_API_BASE = server.url
        form = {"frequency": "once", "amount_choice": "other", "other_amount": "25", "donor_name": "Bench",
                "email": "bench@example.org", "consent": "on", "website_url": ""}
        posts, calls = [], []
        for _ in range(args.sessions):
            started = time.perf_counter()
            response = client.post("/bg/darete/", form)
            posts.append(time.perf_counter() - started)
            assert response.status_code == 303, response.status_code
        for donation in Donation.objects.filter(email="bench@example.org")[: args.sessions]:
            success, cancel = "http://testserver/ok?session_id={CHECKOUT_SESSION_ID}", "http://testserver/cancel"
            started = time.perf_counter()
            stripe_gateway.create_checkout_session(donation, success, cancel)
            calls.append(time.perf_counter() - started)
        server.server.shutdown()
        settings.STRIPE_SECRET_KEY = ""
        result["checkout_post_median_ms"] = round(statistics.median(posts) * 1000, 2)
        result["checkout_stripe_call_median_ms"] = round(statistics.median(calls) * 1000, 2)

    # 3. Queries per donation page view, 10 vs 10,000 donations.
    def page_view():
        client.get("/bg/darete/")  # warm caches (templates, site root paths)
        timings = []
        for _ in range(20):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get("/bg/darete/")
                timings.append(time.perf_counter() - started)
            assert response.status_code == 200
        return len(queries), round(statistics.median(timings) * 1000, 2)

    Donation.objects.all().delete()
    paid_at = django.utils.timezone.now()

    def add(count, start):
        Donation.objects.bulk_create(
            [Donation(page=page, amount=1000 + n % 5000, donor_name=f"Supporter {n}", email=f"s{n}@example.org",
                      status=Donation.PAID, paid_at=paid_at, anonymous=n % 3 == 0)
             for n in range(start, start + count)],
            batch_size=1000,
        )

    add(10, 0)
    result["page_queries_10"], result["page_ms_10"] = page_view()
    add(9990, 10)
    result["page_queries_10000"], result["page_ms_10000"] = page_view()
    print(bench_support.result_line(result))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=300)
    parser.add_argument("--sessions", type=int, default=100)
    parser.add_argument("--postgres", default=bench_support.DEFAULT_POSTGRES)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return

    postgres = None if args.no_postgres else args.postgres
    child_args = ["--events", str(args.events), "--sessions", str(args.sessions)]
    results = bench_support.on_each_database(__file__, child_args, "donations", postgres)

    print(f"Donations benchmark ({args.events} webhook events, {args.sessions} checkout sessions)")
    rows = [
        ("webhook events processed per second", "webhook_events_per_second", ""),
        ("duplicate deliveries acknowledged per second", "duplicate_events_per_second", ""),
        ("checkout: median form POST -> 303 to Stripe", "checkout_post_median_ms", " ms"),
        ("checkout: median Stripe API call alone", "checkout_stripe_call_median_ms", " ms"),
        ("queries per donation page view, 10 donations", "page_queries_10", ""),
        ("queries per donation page view, 10,000 donations", "page_queries_10000", ""),
        ("median page view time, 10 donations", "page_ms_10", " ms"),
        ("median page view time, 10,000 donations", "page_ms_10000", " ms"),
    ]
    names = list(results)
    print(f"{'':52}" + "".join(f"{name:>14}" for name in names))
    for label, key, unit in rows:
        print(f"{label:52}" + "".join(f"{str(results[name].get(key, '-')) + unit:>14}" for name in names))


if __name__ == "__main__":
    main()
