"""One person put everywhere (tests/privacy/everywhere.py): the export holds every record, and
after the erasure a dump of the whole database holds their email address nowhere and their name
only where the registry says the law requires it (the donor's name on a receipted gift)."""

import json
import os
import re
import subprocess

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connection

from core import personal_data
from donations.models import Donation
from tests.privacy.everywhere import EMAIL, NAME, build_site, put_everywhere

# Committed data: on PostgreSQL the dump is another connection. (build_site copes with the empty
# tables an earlier transactional test's flush leaves.)
pytestmark = pytest.mark.django_db(transaction=True)

EXPECTED_CATEGORIES = {
    "donations.gifts": 1,
    "donations.attempts": 1,
    "donations.payment_events": 2,
    "donations.newsletter": 1,
    "home.enquiries": 2,
    "partners.accounts": 1,
    "partners.memberships": 1,
    "partners.invitations": 1,
    "partners.downloads": 1,
    "partners.failed_sign_ins": 1,
    "core.sessions": 1,
}


def database_dump():
    """The whole database as SQL text: pg_dump (one INSERT per row) or SQLite's iterdump."""
    if connection.vendor == "postgresql":
        settings = connection.settings_dict
        command = ["pg_dump", "--inserts", "--no-owner", "--host", settings["HOST"] or "127.0.0.1",
                   "--port", str(settings["PORT"] or 5432), "--username", settings["USER"] or "postgres",
                   settings["NAME"]]
        env = {**os.environ, "PGPASSWORD": settings.get("PASSWORD") or ""}
        dump = subprocess.run(command, capture_output=True, text=True, check=True, env=env, timeout=120).stdout
        # pg_dump's \restrict line carries a random key each run.
        return "\n".join(line for line in dump.splitlines() if not line.startswith(("\\restrict", "\\unrestrict")))
    return "\n".join(connection.connection.iterdump())


def forms_of(text):
    """``text`` as it can appear in a dump: as written, and JSON-escaped (SQLite keeps JSON
    fields with \\uXXXX escapes)."""
    return {text, json.dumps(text)[1:-1]}


def rows_mentioning(dump, text):
    """(table, line) for every dump line containing ``text`` in any case or form."""
    found = []
    for line in dump.splitlines():
        lowered = line.lower()
        if any(form.lower() in lowered for form in forms_of(text)):
            table = re.match(r'INSERT INTO "?(?:public\.)?"?(\w+)"?', line)
            found.append((table.group(1) if table else line[:60], line))
    return found


def decoded_sessions():
    return [json.dumps(session.get_decoded(), ensure_ascii=False) for session in Session.objects.all()]


@pytest.fixture
def everywhere():
    site = build_site()
    put_everywhere(site)
    return site


def test_the_export_holds_every_record_of_the_person(everywhere):
    data = personal_data.export(EMAIL)
    counts = {category["key"]: len(category["records"]) for category in data["categories"]}

    for key, expected in EXPECTED_CATEGORIES.items():
        assert counts.get(key, 0) >= expected, f"{key}: {counts.get(key, 0)} records, expected {expected}"
    as_text = json.dumps(data, ensure_ascii=False)
    assert "Баба Мара" in as_text  # the abandoned gift's dedication
    assert "/bg/" in json.dumps(data["categories"])  # the page the newsletter consent was given on
    gifts = {category["key"]: category for category in data["categories"]}["donations.gifts"]
    assert gifts["records"][0]["receipt_reference"] and gifts["purpose"] and gifts["kept_for"]


def test_after_erasure_a_dump_holds_the_email_nowhere_and_the_name_only_on_the_receipted_gift(everywhere):
    before = database_dump()
    assert rows_mentioning(before, EMAIL) and rows_mentioning(before, NAME)  # the dump does see them

    call_command("erase_personal_data", EMAIL, by="Test staff member")

    dump = database_dump()
    assert rows_mentioning(dump, EMAIL) == []
    assert not any(EMAIL in session for session in decoded_sessions())
    surname = NAME.split()[1]
    tables = [table for table, _line in rows_mentioning(dump, surname)]
    # The registry keeps the name where the Accountancy Act requires it: the paid gift's receipt.
    assert tables == ["donations_donation"]
    kept = Donation.objects.get(donor_name=NAME)
    assert kept.receipt_number is not None and "donor_name" in personal_data.registry.get("donations.gifts").kept_fields
    assert not Donation.objects.filter(receipt_number__isnull=True).exists()  # the abandoned gift is gone
    assert "Баба Мара" not in dump and json.dumps("Баба Мара")[1:-1] not in dump


def test_the_erasure_is_recorded_and_a_second_run_changes_nothing(everywhere, capsys):
    call_command("erase_personal_data", EMAIL, by="Test staff member")
    [record] = personal_data.erasure_history(EMAIL)
    assert record.channel == "command" and record.actor_label == "Test staff member"
    assert record.summary["donations.gifts"]["anonymised"] == 1 and record.summary["partners.accounts"]["deleted"] == 1
    assert record.summary["donations.payment_events"]["anonymised"] == 2
    dump = database_dump()
    capsys.readouterr()

    call_command("erase_personal_data", EMAIL)

    assert "Nothing left to erase" in capsys.readouterr().out
    assert len(personal_data.erasure_history(EMAIL)) == 1
    assert database_dump() == dump
