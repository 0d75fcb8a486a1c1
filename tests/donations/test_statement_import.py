"""Bank statements (camt.053 and MT940): a credit with a pledge's reference and amount marks it
paid and sends its receipt exactly once, however often and in whatever order statements are
imported; other credits wait for staff, who assign them (receipted once) or set them aside;
a file that cannot be read is refused whole."""

import itertools

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import translation

from donations import bank_transfer, statements
from donations.models import BankStatementImport, BankStatementLine, Donation
from tests.donations import bank
from tests.donations.conftest import translated
from tests.donations.factories import DonationFactory

pytestmark = pytest.mark.django_db


def new_pledge(page, amount=5000, locale="bg", **fields):
    donation = DonationFactory(
        page=page, amount=amount, payment_method="bank_transfer", locale=locale, stripe_checkout_session_id=None,
        **fields,
    )
    bank_transfer.assign_reference(donation)
    return donation


def statement_for(template, first, second, first_amount="50.00", second_amount="75.00", first_text=None,
                  second_text=None):
    return bank.statement(
        template,
        first_amount=first_amount if template.endswith(".xml") else first_amount.replace(".", ","),
        second_amount=second_amount if template.endswith(".xml") else second_amount.replace(".", ","),
        first_text=first_text if first_text is not None else f"ДАРЕНИЕ {first.bank_reference}",
        second_text=second_text if second_text is not None else f"DARENIE {second.bank_reference} PRIMER OOD",
    )


def receipts_to(address):
    return [message for message in mail.outbox if message.to == [address] and "receipt" in message.subject.lower()
            or message.to == [address] and "разписка" in message.subject.lower()]


@pytest.fixture
def pledges(pages):
    bank.organisation()
    return new_pledge(pages["bg"], 5000), new_pledge(pages["bg"], 7500, locale="en")


@pytest.mark.parametrize("template", ["camt053_two_credits.xml", "mt940_two_credits.sta"])
def test_matching_credits_mark_pledges_paid_with_one_receipt_each(pledges, on_commit, template):
    first, second = pledges
    data = statement_for(template, first, second)
    with on_commit():
        result = statements.import_statement(data, template)
    assert (result.credits, result.new, result.matched, result.open) == (2, 2, 2, 0)
    for pledge in (first, second):
        pledge.refresh_from_db()
        assert pledge.status == Donation.PAID and pledge.receipt_number is not None
        assert pledge.bank_line.state == BankStatementLine.MATCHED
    assert sorted(m.to[0] for m in mail.outbox) == sorted([first.email, second.email])


@pytest.mark.parametrize("template", ["camt053_two_credits.xml", "mt940_two_credits.sta"])
def test_importing_the_same_statement_again_changes_nothing(pledges, on_commit, template):
    first, second = pledges
    data = statement_for(template, first, second)
    with on_commit():
        statements.import_statement(data, template)
    with on_commit():
        again = statements.import_statement(data, template)
    assert (again.new, again.already_imported, again.matched) == (0, 2, 0)
    assert BankStatementLine.objects.count() == 2
    assert len(mail.outbox) == 2


def test_camt053_skips_debits_and_pending_entries_and_reads_payer(pledges, on_commit):
    first, second = pledges
    _format, credits = statements.read_statement(statement_for("camt053_two_credits.xml", first, second))
    assert [credit.amount for credit in credits] == [5000, 7500]
    assert credits[0].payer_name == "MARIA IVANOVA" and credits[0].payer_iban == "BG18RZBB91550123456789"
    assert credits[0].account == bank.EXAMPLE_IBAN and credits[0].bank_reference == "240502FT0000123"


def test_camt053_of_another_schema_version_is_read_the_same(pledges, on_commit):
    first, second = pledges
    data = statement_for("camt053_two_credits.xml", first, second).replace(
        b"camt.053.001.02", b"camt.053.001.08"
    ).replace(b"<Dbtr><Nm>MARIA IVANOVA</Nm></Dbtr>", b"<Dbtr><Pty><Nm>MARIA IVANOVA</Nm></Pty></Dbtr>")
    _format, credits = statements.read_statement(data)
    assert credits[0].payer_name == "MARIA IVANOVA" and len(credits) == 2


def test_a_credit_with_another_amount_waits_for_staff(pledges, on_commit):
    first, second = pledges
    with on_commit():
        result = statements.import_statement(
            statement_for("camt053_two_credits.xml", first, second, first_amount="60.00"), "s.xml"
        )
    assert result.matched == 1
    line = BankStatementLine.objects.get(amount=6000)
    assert line.state == BankStatementLine.MISMATCH and line.suggested_donation == first
    first.refresh_from_db()
    assert first.status == Donation.PENDING
    assert [m.to[0] for m in mail.outbox] == [second.email]


def test_a_credit_without_a_reference_waits_for_staff(pledges, on_commit):
    first, second = pledges
    statements.import_statement(
        statement_for("mt940_two_credits.sta", first, second, first_text="ZA DECATA OT IVAN"), "s.sta"
    )
    line = BankStatementLine.objects.get(amount=5000)
    assert line.state == BankStatementLine.UNMATCHED and line.suggested_donation is None


def test_staff_assignment_receipts_the_amount_received_once(pledges, on_commit):
    first, second = pledges
    statements.import_statement(statement_for("camt053_two_credits.xml", first, second, first_amount="60.00"), "s.xml")
    line = BankStatementLine.objects.get(amount=6000)
    mail.outbox.clear()
    with on_commit():
        statements.assign(line.pk, f"ДАРЕНИЕ {first.bank_reference}", "finance")
    first.refresh_from_db()
    assert first.status == Donation.PAID and first.amount == 6000
    line.refresh_from_db()
    assert line.state == BankStatementLine.ASSIGNED and line.donation == first and line.resolved_by == "finance"
    with pytest.raises(statements.AssignmentError):
        with on_commit():
            statements.assign(line.pk, first.bank_reference, "finance")
    assert [m.to[0] for m in mail.outbox] == [first.email]


def test_assigning_to_an_unknown_reference_is_refused(pledges):
    first, second = pledges
    statements.import_statement(
        statement_for("camt053_two_credits.xml", first, second, first_text="НЕЩО"), "s.xml"
    )
    line = BankStatementLine.objects.get(amount=5000)
    with pytest.raises(statements.AssignmentError):
        statements.assign(line.pk, "ДАРЕНИЕ 00000000")
    line.refresh_from_db()
    assert line.state == BankStatementLine.UNMATCHED


def test_a_line_set_aside_leaves_the_list(pledges):
    first, second = pledges
    statements.import_statement(statement_for("camt053_two_credits.xml", first, second, first_text="X"), "s.xml")
    line = BankStatementLine.objects.get(amount=5000)
    statements.set_aside(line.pk, "finance")
    assert BankStatementLine.objects.get(pk=line.pk).state == BankStatementLine.IGNORED


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "The file is empty."),
        (b"hello world", "neither an ISO 20022 camt.053"),
        (b"<Document><BkToCstmrStmt><Stmt><Ntry>", "damaged"),
        (b"<?xml version='1.0'?><Other><BkToCstmrStmt/></Other>", "not a camt.053"),
        (b":20:X\n:28C:1\n-", "names no account"),
    ],
)
def test_a_bad_file_is_refused_whole_with_a_clear_message(pledges, data, message):
    with translation.override("en"):
        with pytest.raises(statements.StatementError) as error:
            statements.import_statement(data, "bad")
        assert message in str(error.value)  # (the message is translated when read)
    assert not BankStatementImport.objects.exists() and not BankStatementLine.objects.exists()


def test_a_bad_amount_halfway_leaves_nothing_behind(pledges):
    first, second = pledges
    data = statement_for("camt053_two_credits.xml", first, second, second_amount="7x.00")
    with pytest.raises(statements.StatementError):
        statements.import_statement(data, "bad.xml")
    assert not BankStatementLine.objects.exists()
    first.refresh_from_db()
    assert first.status == Donation.PENDING


def test_any_order_of_overlapping_statements_receipts_each_pledge_once(pages, django_capture_on_commit_callbacks):
    bank.organisation()
    for order in itertools.permutations(["camt", "mt940", "camt-again"]):
        first, second = new_pledge(pages["bg"], 5000), new_pledge(pages["bg"], 7500)
        files = {
            "camt": statement_for("camt053_two_credits.xml", first, second),
            "camt-again": statement_for("camt053_two_credits.xml", first, second),
            # The same day's credits as MT940: other bank references, so stored as other lines,
            # but the pledges are already paid: listed for staff, never receipted again.
            "mt940": statement_for("mt940_two_credits.sta", first, second),
        }
        mail.outbox.clear()
        for name in order:
            with django_capture_on_commit_callbacks(execute=True):
                statements.import_statement(files[name], name)
        assert sorted(m.to[0] for m in mail.outbox) == sorted([first.email, second.email]), order
        for pledge in (first, second):
            pledge.refresh_from_db()
            assert pledge.status == Donation.PAID
        BankStatementLine.objects.all().delete()
        BankStatementImport.objects.all().delete()


def test_the_command_imports_and_reports(pledges, on_commit, tmp_path, capsys):
    first, second = pledges
    path = tmp_path / "statement.xml"
    path.write_bytes(statement_for("camt053_two_credits.xml", first, second))
    with on_commit():
        call_command("import_bank_statement", str(path))
        call_command("import_bank_statement", str(path))
    output = capsys.readouterr().out
    assert "2 credits, 2 new, 0 already imported, 2 matched" in output
    assert "2 credits, 0 new, 2 already imported, 0 matched" in output
    assert len(mail.outbox) == 2


def test_the_command_refuses_a_bad_file(pledges, tmp_path):
    path = tmp_path / "statement.txt"
    path.write_text("not a statement")
    with pytest.raises(CommandError) as error:
        call_command("import_bank_statement", str(path))
    message = "This is neither an ISO 20022 camt.053 statement (XML) nor an MT940 statement."
    assert translated(message) in str(error.value) or message in str(error.value)


# --- the admin -------------------------------------------------------------------------------


@pytest.fixture
def finance_client(client, django_user_model):
    from wagtail.users.models import UserProfile

    user = django_user_model.objects.create_user(username="finance", email="finance@example.org", password="x")
    user.groups.add(Group.objects.get(name="Финанси"))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    return client


def test_staff_upload_a_statement_and_see_what_is_left(pledges, finance_client, on_commit):
    first, second = pledges
    upload = SimpleUploadedFile(
        "statement.xml", statement_for("camt053_two_credits.xml", first, second, first_amount="60.00"),
        content_type="application/xml",
    )
    with on_commit():
        response = finance_client.post("/admin/bank_statements/", {"statement": upload})
    assert response.status_code == 302
    page = finance_client.get("/admin/bank_statements/")
    content = page.content.decode()
    assert "1 credit to deal with" in content and "MARIA IVANOVA" in content
    assert "Reference found, amount differs" in content
    line = BankStatementLine.objects.get(amount=6000)
    with on_commit():
        finance_client.post(f"/admin/bank_statements/{line.pk}/assign/", {"reference": first.bank_reference})
    assert Donation.objects.get(pk=first.pk).status == Donation.PAID
    assert "0 credits to deal with" in finance_client.get("/admin/bank_statements/").content.decode()


def test_a_bad_upload_is_a_clear_400(pledges, finance_client):
    upload = SimpleUploadedFile("statement.pdf", b"%PDF-1.4 nothing", content_type="application/pdf")
    response = finance_client.post("/admin/bank_statements/", {"statement": upload})
    assert response.status_code == 400
    assert "neither an ISO 20022 camt.053" in response.content.decode()


def test_editors_without_finance_cannot_import(pledges, client, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user(username="editor", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get("/admin/bank_statements/").status_code in (302, 403)
    upload = SimpleUploadedFile("s.xml", b"<x/>")
    assert client.post("/admin/bank_statements/", {"statement": upload}).status_code in (302, 403)
    assert not BankStatementImport.objects.exists()
