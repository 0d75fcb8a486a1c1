"""Bank statements in, gifts receipted: reading camt.053 (ISO 20022, with the standard
library's ElementTree, whatever the schema version's namespace) and MT940 (the ``mt-940``
package), storing each credit once, and matching it to a bank-transfer pledge.

A credit is stored under a key made of the account, the bank's reference for the entry, the
booking date and the amount: importing the same statement again (or a later one that overlaps
it) finds every key already there and changes nothing, so a pledge is marked paid, and its
receipt sent, exactly once. A credit whose text carries a pledge's code and the pledge's amount
is matched at once; any other credit is listed for staff (donations/admin_views.py), who assign
it to a pledge by hand or set it aside. A file that cannot be read is refused whole."""

import dataclasses
import datetime
import hashlib
import io
import re
import xml.etree.ElementTree as ElementTree
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from donations import bank_transfer, fulfilment
from donations.models import BANK_TRANSFER, BankStatementImport, BankStatementLine, Donation, to_cents

MAX_FILE_BYTES = 20 * 1024 * 1024


class StatementError(Exception):
    """The file is not a statement we can read; the message is translated for staff."""


@dataclasses.dataclass
class Credit:
    account: str
    bank_reference: str
    booking_date: datetime.date
    amount: int  # cents
    currency: str
    payer_name: str = ""
    payer_iban: str = ""
    remittance: str = ""

    @property
    def unique_key(self):
        reference = self.bank_reference or "h:" + hashlib.sha256(
            f"{self.payer_iban}|{self.payer_name}|{self.remittance}".encode()
        ).hexdigest()[:32]
        return f"{self.account}|{reference}|{self.booking_date.isoformat()}|{self.amount}"[:255]


# --- reading ------------------------------------------------------------------------------------


def detect_format(data):
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<") and b"BkToCstmrStmt" in data[:65536]:
        return BankStatementImport.CAMT053
    text = head.decode("utf-8", "replace")
    if re.search(r"(^|\n):20:", text) or text.startswith("{1:"):
        return BankStatementImport.MT940
    raise StatementError(_("This is neither an ISO 20022 camt.053 statement (XML) nor an MT940 statement."))


def _local(tag):
    return tag.rsplit("}", 1)[-1]


def _child(element, *path):
    """The first descendant along ``path`` of local names (namespaces ignored), or None."""
    for name in path:
        if element is None:
            return None
        element = next((child for child in element if _local(child.tag) == name), None)
    return element


def _children(element, name):
    return [child for child in element if _local(child.tag) == name] if element is not None else []


def _text(element, *path):
    found = _child(element, *path)
    return (found.text or "").strip() if found is not None and found.text else ""


def _amount_cents(text):
    try:
        amount = Decimal(text.replace(",", "."))
    except (InvalidOperation, AttributeError) as error:
        raise StatementError(_("An amount in the file is not a number: “%(value)s”.") % {"value": text}) from error
    if not amount.is_finite() or amount < 0:
        raise StatementError(_("An amount in the file is not a number: “%(value)s”.") % {"value": text})
    return to_cents(amount)


def _date(element):
    text = _text(element, "Dt") or _text(element, "DtTm")[:10]
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as error:
        raise StatementError(_("A booking date in the file cannot be read: “%(value)s”.") % {"value": text}) from error


def _party_name(party):
    # camt.053.001.02: Dbtr/Nm; from .001.08 on: Dbtr/Pty/Nm.
    return _text(party, "Nm") or _text(party, "Pty", "Nm")


def parse_camt053(data):
    try:
        root = ElementTree.parse(io.BytesIO(data)).getroot()
    except ElementTree.ParseError as error:
        raise StatementError(_("The XML file is damaged and cannot be read (%(error)s).") % {"error": error}) from error
    statements_root = _child(root, "BkToCstmrStmt") if _local(root.tag) == "Document" else None
    if statements_root is None:
        raise StatementError(_("This XML file is not a camt.053 bank statement."))
    credits = []
    for statement in _children(statements_root, "Stmt"):
        account = _text(statement, "Acct", "Id", "IBAN") or _text(statement, "Acct", "Id", "Othr", "Id")
        for entry in _children(statement, "Ntry"):
            if _text(entry, "CdtDbtInd") != "CRDT" or _text(entry, "RvslInd").lower() == "true":
                continue
            status = _text(entry, "Sts") or _text(entry, "Sts", "Cd")
            if status and status != "BOOK":
                continue  # pending or informational: it comes back booked in a later statement
            amount_element = _child(entry, "Amt")
            if amount_element is None:
                raise StatementError(_("An entry in the file has no amount."))
            booking_date = _date(_child(entry, "BookgDt"))
            entry_reference = _text(entry, "AcctSvcrRef") or _text(entry, "NtryRef")
            details = [tx for block in _children(entry, "NtryDtls") for tx in _children(block, "TxDtls")] or [None]
            for tx_index, tx in enumerate(details):
                tx_amount = _child(tx, "Amt") if tx is not None else None
                if tx_amount is None and tx is not None:
                    tx_amount = _child(tx, "AmtDtls", "TxAmt", "Amt")
                if tx_amount is None or len(details) == 1:
                    tx_amount = amount_element
                reference = (_text(tx, "Refs", "AcctSvcrRef") if tx is not None else "") or entry_reference
                if reference and len(details) > 1:
                    reference = f"{reference}#{tx_index}"
                remittance = " ".join(
                    [(item.text or "").strip() for item in _children(_child(tx, "RmtInf"), "Ustrd")]
                    + [_text(strd, "CdtrRefInf", "Ref") for strd in _children(_child(tx, "RmtInf"), "Strd")]
                ).strip() if tx is not None else _text(entry, "AddtlNtryInf")
                credits.append(
                    Credit(
                        account=account,
                        bank_reference=reference or "",
                        booking_date=booking_date,
                        amount=_amount_cents(tx_amount.text or ""),
                        currency=(tx_amount.get("Ccy") or "").upper(),
                        payer_name=_party_name(_child(tx, "RltdPties", "Dbtr")) if tx is not None else "",
                        payer_iban=_text(tx, "RltdPties", "DbtrAcct", "Id", "IBAN") if tx is not None else "",
                        remittance=remittance or _text(entry, "AddtlNtryInf"),
                    )
                )
    if not _children(statements_root, "Stmt"):
        raise StatementError(_("This XML file is not a camt.053 bank statement."))
    return credits


def parse_mt940(data):
    import mt940

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1251")  # what Bulgarian banks' older exports use
    transactions = mt940.models.Transactions()
    try:
        transactions.parse(text)
    except Exception as error:  # the parser raises plain exceptions of several kinds on bad input
        raise StatementError(_("The MT940 file cannot be read (%(error)s).") % {"error": error}) from error
    account = (transactions.data.get("account_identification") or "").replace(" ", "")
    if not account:
        raise StatementError(_("The MT940 file names no account (field :25:)."))
    credits = []
    for item in transactions:
        values = item.data
        if values.get("status") not in ("C", "RD"):
            continue  # debits, and reversals of credits
        amount = values["amount"].amount
        details = " ".join((values.get("transaction_details") or "").split())
        reference = values.get("bank_reference") or ""
        if not reference and values.get("customer_reference") not in (None, "", "NONREF"):
            reference = values["customer_reference"]
        credits.append(
            Credit(
                account=account,
                bank_reference=reference,
                booking_date=values.get("entry_date") or values["date"],
                amount=to_cents(abs(amount)),
                currency=(values.get("currency") or values["amount"].currency or "").upper(),
                remittance=details,
                payer_name=(values.get("extra_details") or "").strip(),
            )
        )
    return credits


def read_statement(data):
    if not data:
        raise StatementError(_("The file is empty."))
    if len(data) > MAX_FILE_BYTES:
        raise StatementError(_("The file is larger than 20 MB: that is not a bank statement we can read."))
    file_format = detect_format(data)
    credits = parse_camt053(data) if file_format == BankStatementImport.CAMT053 else parse_mt940(data)
    return file_format, credits


# --- storing and matching -----------------------------------------------------------------------


@dataclasses.dataclass
class ImportResult:
    statement_import: BankStatementImport
    credits: int
    new: int
    already_imported: int
    matched: int
    open: int


def _chunks(items, size=500):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def import_statement(data, file_name, user_label=""):
    """Read ``data`` and store its new credits, matching what can be matched, in one
    transaction: a file that fails to read or store leaves nothing behind."""
    file_format, credits = read_statement(data)
    with transaction.atomic():
        record = BankStatementImport.objects.create(
            file_name=file_name[:255], file_format=file_format, imported_by=user_label[:150], credits=len(credits)
        )
        # One credit once, even when the file itself lists it twice.
        by_key = {}
        for credit in credits:
            by_key.setdefault(credit.unique_key, credit)
        existing = set()
        for chunk in _chunks(list(by_key)):
            existing.update(BankStatementLine.objects.filter(unique_key__in=chunk).values_list("unique_key", flat=True))
        new_credits = [credit for key, credit in by_key.items() if key not in existing]
        codes = {code for credit in new_credits for code in bank_transfer.codes_in(credit.remittance)}
        pledges = {}
        for chunk in _chunks(sorted(codes)):
            for donation in Donation.objects.filter(bank_reference__in=chunk, payment_method=BANK_TRANSFER):
                pledges[donation.bank_reference] = donation
        lines = []
        to_mark = []
        marking = set()
        for credit in new_credits:
            line = BankStatementLine(
                unique_key=credit.unique_key, statement_import=record, account_iban=credit.account[:42],
                bank_reference=credit.bank_reference[:140], booking_date=credit.booking_date, amount=credit.amount,
                currency=credit.currency[:3], payer_name=credit.payer_name[:200], payer_iban=credit.payer_iban[:42],
                remittance=credit.remittance[:500], state=BankStatementLine.UNMATCHED,
            )
            candidates = [pledges[code] for code in bank_transfer.codes_in(credit.remittance) if code in pledges]
            pledge = candidates[0] if candidates else None
            if pledge is not None:
                line.suggested_donation = pledge
                fits = pledge.amount == credit.amount and credit.currency == pledge.currency.upper()
                if not fits:
                    line.state = BankStatementLine.MISMATCH
                elif pledge.status == Donation.PENDING and pledge.pk not in marking:
                    marking.add(pledge.pk)
                    line.state = BankStatementLine.MATCHED
                    to_mark.append((line, pledge))
            lines.append(line)
        BankStatementLine.objects.bulk_create(lines, batch_size=500)
        matched = 0
        for line, pledge in to_mark:
            if _receive(line, pledge.pk, BankStatementLine.MATCHED):
                matched += 1
            else:
                line.state = BankStatementLine.UNMATCHED
                line.save(update_fields=["state"])
        record.new_lines = len(lines)
        record.matched = matched
        record.save(update_fields=["new_lines", "matched"])
    return ImportResult(
        statement_import=record, credits=len(credits), new=len(lines), already_imported=len(by_key) - len(new_credits),
        matched=matched, open=len(lines) - matched,
    )


def _receive(line, donation_id, state, user_label=""):
    """Mark the pledge paid by ``line`` (both rows locked); False when it was no longer pending."""
    donation = Donation.objects.select_for_update().filter(pk=donation_id).first()
    if donation is None or donation.status != Donation.PENDING or donation.is_confirmed:
        return False
    if BankStatementLine.objects.filter(donation=donation).exclude(pk=line.pk).exists():
        return False
    if donation.amount != line.amount:
        fulfilment.record(
            donation, "bank_amount_changed",
            f"Amount set to the {line.amount} cents received (pledged {donation.amount})",
        )
        donation.amount = line.amount
    line.donation = donation
    line.state = state
    line.resolved_by = user_label[:150]
    line.save(update_fields=["donation", "state", "resolved_by"])
    fulfilment.record(
        donation, "bank_transfer_received", f"Bank credit {line.bank_reference or line.pk} of {line.booking_date}"
    )
    return fulfilment.mark_paid(donation, "")


class AssignmentError(Exception):
    pass


def assign(line_id, donation_reference, user_label=""):
    """Staff: the credit ``line_id`` is the gift pledged under ``donation_reference`` (its code,
    or the whole "ДАРЕНИЕ 12345678" text). The pledge is marked paid with the amount received
    and its receipt sent, once: a second assignment of the same line changes nothing."""
    codes = bank_transfer.codes_in(donation_reference)
    with transaction.atomic():
        line = BankStatementLine.objects.select_for_update().filter(pk=line_id).first()
        if line is None:
            raise AssignmentError(_("This bank credit no longer exists."))
        if line.state not in BankStatementLine.OPEN_STATES:
            raise AssignmentError(_("This bank credit has already been dealt with."))
        pledges = Donation.objects.filter(bank_reference__in=codes, payment_method=BANK_TRANSFER)
        pledge = pledges.first() if codes else None
        if pledge is None:
            raise AssignmentError(_("No bank-transfer pledge has this payment reference."))
        if pledge.status != Donation.PENDING:
            raise AssignmentError(_("This pledge has already been paid."))
        if not _receive(line, pledge.pk, BankStatementLine.ASSIGNED, user_label):
            raise AssignmentError(_("This pledge has already been paid."))
    return pledge


def set_aside(line_id, user_label=""):
    """Staff: the credit is not a donation (or is dealt with elsewhere)."""
    with transaction.atomic():
        line = BankStatementLine.objects.select_for_update().filter(pk=line_id).first()
        if line is None or line.state not in BankStatementLine.OPEN_STATES:
            raise AssignmentError(_("This bank credit has already been dealt with."))
        line.state = BankStatementLine.IGNORED
        line.resolved_by = user_label[:150]
        line.save(update_fields=["state", "resolved_by"])
