"""The personal-data retention figure (issue 13): a script to run by hand, not a test.

    .venv/bin/python scripts/bench_privacy.py [--rows 100000]
        [--postgres postgres://postgres@127.0.0.1:5432/postgres]   (or --no-postgres)

Fills a throwaway database with ``--rows`` records past their retention period, spread over the
kinds the registry prunes (abandoned donation attempts, failed and successful sign-ins, form
messages, unconfirmed newsletter sign-ups, Stripe event payloads, downloads, invitations), plus
10% as many records still inside their period, then times `prune_personal_data` (the same
core.personal_data.prune the command runs): the first run, which removes them all, and a
second one, which finds nothing. It checks that exactly the old rows went.

Each database is a throwaway one (a temporary SQLite file; a PostgreSQL database created and
dropped by this script); nothing in the working copy is touched."""

import argparse
import sys
import time
from pathlib import Path

import bench_support

PROJECT_ROOT = Path(__file__).resolve().parents[1]

# Share of the old rows per kind (sums to 1).
MIX = {
    "donations.attempts": 0.20,
    "partners.failed_sign_ins": 0.20,
    "partners.sign_ins": 0.15,
    "home.enquiries": 0.15,
    "donations.newsletter_unconfirmed": 0.10,
    "donations.payment_events": 0.10,
    "partners.downloads": 0.05,
    "partners.invitations": 0.05,
}
BATCH = 5000


def child(args):
    sys.path.insert(0, str(PROJECT_ROOT))
    import datetime

    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", verbosity=0, interactive=False)
    from wagtail.contrib.forms.models import FormSubmission
    from wagtail.models import Page

    from core import personal_data
    from donations.models import Donation, NewsletterSubscriber, StripeEvent
    from partners.models import AccountEvent, DownloadLog, Invitation, PartnerOrganisation

    now = timezone.now()
    organisation = PartnerOrganisation.objects.create(name="Bench", organisation_type="ngo")
    page = Page.get_first_root_node()

    def rows(kind, count, number):
        """``count`` unsaved rows of ``kind``; ``number`` makes each one distinct."""
        if kind == "donations.attempts":
            return Donation, [Donation(amount=2500, donor_name="Bench Donor", email=f"a{number + i}@example.org",
                                       status=Donation.EXPIRED, stripe_checkout_session_id=f"cs_b_{number + i}")
                              for i in range(count)], "created_at"
        if kind in ("partners.failed_sign_ins", "partners.sign_ins"):
            event_kind = "sign_in_failed" if kind == "partners.failed_sign_ins" else "signed_in"
            return AccountEvent, [AccountEvent(kind=event_kind, email=f"s{number + i}@example.org",
                                               ip_address="192.0.2.1") for i in range(count)], "created"
        if kind == "home.enquiries":
            return FormSubmission, [FormSubmission(page=page, form_data={"email": f"q{number + i}@example.org",
                                                                         "message": "Здравейте"})
                                    for i in range(count)], "submit_time"
        if kind == "donations.newsletter_unconfirmed":
            return NewsletterSubscriber, [NewsletterSubscriber(email=f"n{number + i}@example.org", consented_at=now)
                                          for i in range(count)], "consented_at"
        if kind == "donations.payment_events":
            return StripeEvent, [StripeEvent(event_id=f"evt_b_{number + i}", type="checkout.session.completed",
                                             payload={"data": {"object": {"customer_details": {
                                                 "email": f"p{number + i}@example.org", "name": "Bench Payer"}}}})
                                 for i in range(count)], "received_at"
        if kind == "partners.downloads":
            return DownloadLog, [DownloadLog(user_email=f"d{number + i}@example.org", organisation=organisation,
                                             document_title="Report") for i in range(count)], "downloaded_at"
        if kind == "partners.invitations":
            return Invitation, [Invitation(email=f"i{number + i}@example.org", organisation=organisation)
                                for i in range(count)], "created"
        raise ValueError(kind)

    def add(kind, count, when, number):
        done = 0
        while done < count:
            size = min(BATCH, count - done)
            model, objects, field = rows(kind, size, number + done)
            created = model.objects.bulk_create(objects)
            # auto_now_add fields ignore the value given: date them afterwards.
            model.objects.filter(pk__in=[item.pk for item in created]).update(**{field: when})
            done += size

    old_total = 0
    young = {}
    number = 0
    for kind, share in MIX.items():
        category = personal_data.registry.get(kind)
        count = int(args.rows * share)
        old_total += count
        add(kind, count, category.cutoff(now) - datetime.timedelta(days=2), number)
        number += count
        young[kind] = max(1, count // 10)
        add(kind, young[kind], category.cutoff(now) + datetime.timedelta(days=2), number)
        number += young[kind]

    start = time.perf_counter()
    lines = personal_data.prune(now=now)
    first = time.perf_counter() - start
    start = time.perf_counter()
    again = personal_data.prune(now=now)
    second = time.perf_counter() - start

    pruned = {line.category.key: line.count for line in lines}
    expected = {kind: int(args.rows * share) for kind, share in MIX.items()}
    wrong = {kind: (pruned.get(kind, 0), expected[kind]) for kind in MIX if pruned.get(kind, 0) != expected[kind]}
    still_there = {
        "donations.attempts": Donation.objects.count(),
        "partners.invitations": Invitation.objects.count(),
        "home.enquiries": FormSubmission.objects.count(),
        "donations.newsletter_unconfirmed": NewsletterSubscriber.objects.count(),
    }
    wrong.update({kind: (count, young[kind]) for kind, count in still_there.items() if count != young[kind]})
    result = {
        "old_rows": old_total,
        "young_rows": sum(young.values()),
        "first_seconds": round(first, 2),
        "rows_per_second": round(old_total / first),
        "second_seconds": round(second, 3),
        "second_pruned": sum(line.count for line in again),
        "per_kind": pruned,
        "wrong": wrong,
    }
    print(bench_support.result_line(result))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--postgres", default=bench_support.DEFAULT_POSTGRES)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return

    postgres = None if args.no_postgres else args.postgres
    results = bench_support.on_each_database(__file__, ["--rows", str(args.rows)], "privacy", postgres)

    for name, result in results.items():
        print(f"{name}: pruned {result['old_rows']:,} old rows (kept {result['young_rows']:,} still in their period) "
              f"in {result['first_seconds']} s ({result['rows_per_second']:,} rows/s); a second run took "
              f"{result['second_seconds']} s and pruned {result['second_pruned']}")
        for kind, count in sorted(result["per_kind"].items()):
            if count:
                print(f"    {kind}: {count:,}")
        if result["wrong"]:
            print(f"    WRONG (pruned or left, expected): {result['wrong']}")
    if any(result["wrong"] for result in results.values()):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
