"""Figures for bank transfers and certificates (issue 11): a script to run by hand, not a test.

    .venv/bin/python scripts/bench_bank_certificates.py [--lines 10000] [--certificates 20]

Prints:
- the median and slowest time to render one donation certificate PDF (WeasyPrint, Bulgarian,
  the whole donations.certificates.certificate_pdf call);
- statement import throughput: a camt.053 and an MT940 statement of N credits (one in ten the
  code and amount of a pending pledge, the rest unmatched) imported into a throwaway SQLite
  database, credits per second for the first import (parsing, storing, matching, marking paid,
  queueing the receipts, as the production task backend does) and for the re-import of the same
  file (all found).

Runs in a temporary SQLite file; nothing in the working copy is touched."""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def camt(credits):
    entries = "".join(
        f"<Ntry><Amt Ccy=\"EUR\">{amount / 100:.2f}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>"
        f"<BookgDt><Dt>2024-05-02</Dt></BookgDt><AcctSvcrRef>FT{index:010d}</AcctSvcrRef><NtryDtls><TxDtls>"
        f"<RltdPties><Dbtr><Pty><Nm>PAYER {index}</Nm></Pty></Dbtr></RltdPties>"
        f"<RmtInf><Ustrd>{text}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>"
        for index, (amount, text) in enumerate(credits)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">'
        "<BkToCstmrStmt><GrpHdr><MsgId>B</MsgId></GrpHdr><Stmt><Id>1</Id><Acct><Id><IBAN>BG80BNBG96611020345678"
        f"</IBAN></Id></Acct>{entries}</Stmt></BkToCstmrStmt></Document>"
    ).encode()


def mt940(credits):
    lines = [":20:BENCH", ":25:BG80BNBG96611020345678", ":28C:1/1", ":60F:C240501EUR0,00"]
    for index, (amount, text) in enumerate(credits):
        lines.append(f":61:2405020502C{amount // 100},{amount % 100:02d}NTRFNONREF//MT{index:010d}")
        lines.append(f":86:{text}")
    lines += [":62F:C240502EUR0,00", "-"]
    return "\n".join(lines).encode()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=10000)
    parser.add_argument("--certificates", type=int, default=20)
    args = parser.parse_args()
    database = Path(tempfile.mkdtemp()) / "bench.sqlite3"
    os.environ.update(DATABASE_URL=f"sqlite:///{database}", SECRET_KEY="bench-only-secret-key", DEBUG="0",
                      SITE_URL="http://testserver", ALLOWED_HOSTS="testserver",
                      # As in production, receipts are queued for the worker, not sent inside the import
                      # (each carries a certificate PDF: its time is the first figure).
                      TASKS_BACKEND="django_tasks.backends.dummy.DummyBackend", EMAIL_URL="locmem://")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(PROJECT_ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment
    from django.utils import timezone

    setup_test_environment()
    call_command("migrate", verbosity=0, interactive=False)
    from wagtail.models import Locale, Page, Site

    from donations import bank_transfer, certificates, statements
    from donations.models import BankStatementImport, BankStatementLine, Donation, DonationPage
    from home.models import HomePage, OrganisationSettings

    bulgarian, _ = Locale.objects.get_or_create(language_code="bg")
    home = Page.get_first_root_node().add_child(instance=HomePage(title="Начало", slug="bench", locale=bulgarian,
                                                                  mission="Мисия"))
    Site.objects.all().delete()
    site = Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True)
    page = home.add_child(instance=DonationPage(title="Подкрепете ни", slug="darete", locale=bulgarian))
    organisation = OrganisationSettings.for_site(site)
    for name, value in dict(name_bg="Фондация", legal_name_bg="Фондация „Пример“", eik="175074752",
                            address_bg="София", bank_iban="BG80BNBG96611020345678",
                            certificate_legal_basis_bg="Чл. 22 ЗДДФЛ, чл. 31 ЗКПО.").items():
        setattr(organisation, name, value)
    organisation.save()

    gift = Donation.objects.create(page=page, amount=12345, donor_name="Мария Иванова", email="m@example.org",
                                   status=Donation.PAID, receipt_year=2024, receipt_number=1, paid_at=timezone.now())
    certificates.certificate_pdf(gift, organisation)  # fonts loaded once, as in a running worker
    times = []
    for _ in range(args.certificates):
        start = time.perf_counter()
        certificates.certificate_pdf(gift, organisation)
        times.append(time.perf_counter() - start)
    print(f"certificate PDF: median {statistics.median(times) * 1000:.0f} ms, slowest {max(times) * 1000:.0f} ms "
          f"({args.certificates} renders)")

    for label, build in (("camt.053", camt), ("MT940", mt940)):
        BankStatementLine.objects.all().delete()
        BankStatementImport.objects.all().delete()
        Donation.objects.filter(payment_method="bank_transfer").delete()
        credits = []
        for index in range(args.lines):
            if index % 10 == 0:
                pledge = Donation.objects.create(page=page, amount=5000 + index, donor_name=f"D {index}",
                                                 email=f"d{index}@example.org", payment_method="bank_transfer")
                bank_transfer.assign_reference(pledge)
                credits.append((pledge.amount, f"ДАРЕНИЕ {pledge.bank_reference}"))
            else:
                credits.append((1000 + index, f"PLATENO OT PAYER {index} ZA FAKTURA {index}"))
        data = build(credits)
        start = time.perf_counter()
        first = statements.import_statement(data, f"bench.{label}")
        first_time = time.perf_counter() - start
        start = time.perf_counter()
        again = statements.import_statement(data, f"bench.{label}")
        again_time = time.perf_counter() - start
        print(f"{label} import of {args.lines} credits ({len(data) // 1024} KiB): first {first_time:.1f} s "
              f"({args.lines / first_time:.0f} credits/s, {first.matched} pledges paid and receipted), "
              f"re-import {again_time:.1f} s ({args.lines / again_time:.0f} credits/s, {again.new} new)")


if __name__ == "__main__":
    main()
