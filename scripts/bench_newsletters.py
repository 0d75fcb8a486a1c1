"""Messages per second from the newsletter sender to a real SMTP server (aiosmtpd in a process
of its own, on a free port, keeping every message in a maildir, as scripts/topology/ runs it),
through the same code the worker runs (newsletters.sending): claim a
batch, re-read each subscriber, mark it "sending", send over SMTP, mark it "sent".

    DEBUG=1 .venv/bin/python scripts/bench_newsletters.py [subscribers] [batch size]

Runs on a throwaway SQLite database (or DATABASE_URL's PostgreSQL, in a test database of its
own) with no rate limit (NEWSLETTER_RATE_PER_SECOND=0): the figure is the sender's ceiling on
this machine, not a rate to send at."""

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("SECRET_KEY", "benchmark-only")
os.environ.setdefault("TESTING", "1")
os.environ["NEWSLETTER_RATE_PER_SECOND"] = "0"


def main():
    import django

    django.setup()
    from django.conf import settings
    from django.test.utils import get_runner, override_settings
    from django.utils import timezone

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    batch = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    runner = get_runner(settings)(verbosity=0, interactive=False)
    old = runner.setup_databases()
    try:
        from donations.models import NewsletterSubscriber
        from newsletters import sending
        from newsletters.models import Delivery, Newsletter
        from tests import factories
        from tests.newsletters.smtp_server import free_port

        now = timezone.now()
        NewsletterSubscriber.objects.bulk_create(
            NewsletterSubscriber(email=f"bench{n}@example.org", language="bg", consented_at=now, confirmed_at=now)
            for n in range(count)
        )
        newsletter = Newsletter.objects.create(
            locale=factories.locale("bg"), subject="Бюлетин",
            body=[{"type": "paragraph", "value": "<p>Текст на бюлетина " + "с думи " * 200 + "</p>"}],
        )
        port, maildir = free_port(), Path(tempfile.mkdtemp(prefix="bench-newsletters-")) / "mail"
        server = subprocess.Popen(
            [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox",
             str(maildir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        for _ in range(300):  # until it listens
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        with override_settings(
            NEWSLETTER_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1", EMAIL_PORT=port, EMAIL_USE_TLS=False, EMAIL_USE_SSL=False,
            EMAIL_HOST_USER="", EMAIL_HOST_PASSWORD="", NEWSLETTER_BATCH_SIZE=batch, NEWSLETTER_RATE_PER_SECOND=0,
        ):
            mailing = sending.start_mailing(newsletter)
            started = time.perf_counter()
            while sending.send_batch(mailing.pk) != "done":
                pass
            elapsed = time.perf_counter() - started
        server.terminate()
        server.wait()
        received = sum(len(list((maildir / box).iterdir())) for box in ("new", "cur") if (maildir / box).is_dir())
        sent = Delivery.objects.filter(mailing=mailing, status=Delivery.SENT).count()
        engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
        print(f"newsletter to aiosmtpd: {sent} sent, {received} received, batches of {batch}, {engine}")
        print(f"{elapsed:.1f} s, {sent / elapsed:.1f} messages/second (one SMTP connection per batch)")
    finally:
        runner.teardown_databases(old)


if __name__ == "__main__":
    main()
