"""Donation certificates: the PDF attached to the receipt and downloadable by the donor, read
back with pdftotext (poppler-utils): the foundation, the donor or company with its ЕИК, the
net amount in figures and words, the date, the purpose; none for refunded gifts, none while the
foundation's legal name or ЕИК are missing."""

import datetime
import io
import shutil
import subprocess

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from core import uploads
from core.amount_words import amount_in_words, bulgarian_number
from donations import certificates
from donations.models import Donation
from donations.self_service import make_token
from tests.donations import bank
from tests.donations.factories import DonationFactory
from tests.production import sample_files

pytestmark = pytest.mark.django_db

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


def pdf_text(data, tmp_path):
    path = tmp_path / "document.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True).stdout


def paid_gift(page, **fields):
    values = {"page": page, "status": Donation.PAID, "amount": 12345, "receipt_year": 2024, "receipt_number": 7,
              "paid_at": timezone.make_aware(datetime.datetime(2024, 5, 1, 12, 0)), "donor_name": "Мария Иванова"}
    values.update(fields)
    return DonationFactory(**values)


@needs_pdftotext
def test_a_persons_certificate_in_bulgarian(pages, tmp_path):
    organisation = bank.organisation()
    gift = paid_gift(pages["bg"])
    text = pdf_text(certificates.certificate_pdf(gift, organisation), tmp_path)
    assert "Удостоверение за дарение" in text or "УДОСТОВЕРЕНИЕ ЗА ДАРЕНИЕ" in text.upper()
    for expected in ("№ 2024-000007", "Фондация „Здраве и социално развитие“", "175074752",
                     "гр. София, ул. Примерна 1", "Вписана в регистъра за общественополезна дейност",
                     "Мария Иванова", "123,45 €", "сто двадесет и три евро и четиридесет и пет цента",
                     "1 май 2024 г.", "Подкрепете ни", "чл. 22 от ЗДДФЛ"):
        assert expected in " ".join(text.split()), expected


@needs_pdftotext
def test_a_companys_certificate_names_the_company_and_its_eik_in_english(pages, tmp_path):
    organisation = bank.organisation()
    gift = paid_gift(pages["en"], locale="en", donor_type="company", company_name="Primer Ltd",
                     company_eik="131468980", donor_name="Ivan Petrov")
    text = " ".join(pdf_text(certificates.certificate_pdf(gift, organisation), tmp_path).split())
    assert "Certificate of donation" in text
    assert "Primer Ltd, ЕИК/BULSTAT 131468980" in text and "Ivan Petrov" in text
    assert "€123.45" in text and "one hundred and twenty-three euro and forty-five cents" in text
    assert "1 May 2024" in text and "Health and Social Development Foundation" in text


@needs_pdftotext
def test_a_partial_refund_shows_the_net_amount(pages, tmp_path):
    organisation = bank.organisation()
    gift = paid_gift(pages["bg"], status=Donation.PARTIALLY_REFUNDED, amount=10000, amount_refunded=2500)
    text = " ".join(pdf_text(certificates.certificate_pdf(gift, organisation), tmp_path).split())
    assert "75 €" in text and "седемдесет и пет евро" in text and "100 €" in text


def test_a_refunded_gift_has_no_certificate(pages):
    organisation = bank.organisation()
    gift = paid_gift(pages["bg"], status=Donation.REFUNDED, amount_refunded=12345)
    assert not certificates.is_issued(gift, organisation)


@pytest.mark.parametrize("missing", [{"eik": ""}, {"legal_name_bg": "", "legal_name_en": ""}])
def test_no_certificate_while_the_foundation_details_are_missing(pages, missing):
    organisation = bank.organisation(**missing)
    assert not certificates.is_issued(paid_gift(pages["bg"]), organisation)


def test_the_receipt_email_carries_the_certificate(client, pages, on_commit):
    bank.organisation()
    from donations.tasks import send_receipt

    gift = paid_gift(pages["bg"])
    send_receipt.call(gift.pk)
    (message,) = mail.outbox
    (attachment,) = message.attachments
    assert attachment[0] == "certificate-2024-000007.pdf" and attachment[2] == "application/pdf"
    assert attachment[1].startswith(b"%PDF")


def test_the_receipt_email_has_no_certificate_without_the_eik(client, pages):
    bank.organisation(eik="")
    from donations.tasks import send_receipt

    send_receipt.call(paid_gift(pages["bg"]).pk)
    assert mail.outbox[0].attachments == []


def test_the_donor_downloads_the_certificate_and_the_years_pdf(client, pages):
    bank.organisation()
    gift = paid_gift(pages["bg"], email="maria@example.org")
    paid_gift(pages["bg"], email="maria@example.org", receipt_number=8, status=Donation.REFUNDED,
              amount_refunded=12345)
    token = make_token("maria@example.org")
    listing = client.get(f"/bg/donations/manage/{token}/").content.decode()
    assert f"/certificate/{gift.uuid}/" in listing and "/statement/2024/pdf/" in listing
    response = client.get(f"/bg/donations/manage/{token}/certificate/{gift.uuid}/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    statement = client.get(f"/bg/donations/manage/{token}/statement/2024/pdf/")
    assert statement.status_code == 200 and statement.content.startswith(b"%PDF")


@needs_pdftotext
def test_the_years_pdf_leaves_out_refunded_gifts(pages, tmp_path):
    organisation = bank.organisation()
    kept = paid_gift(pages["bg"])
    refunded = paid_gift(pages["bg"], receipt_number=8, status=Donation.REFUNDED, amount_refunded=12345)
    text = " ".join(pdf_text(certificates.statement_pdf([kept, refunded], 2024, organisation, "bg"), tmp_path).split())
    assert "2024-000007" in text and "2024-000008" not in text


def test_a_refunded_gifts_certificate_is_not_found(client, pages):
    bank.organisation()
    gift = paid_gift(pages["bg"], email="maria@example.org", status=Donation.REFUNDED, amount_refunded=12345)
    token = make_token("maria@example.org")
    assert client.get(f"/bg/donations/manage/{token}/certificate/{gift.uuid}/").status_code == 404


@pytest.mark.parametrize(
    "number, words",
    [(0, "нула"), (1, "едно"), (2, "две"), (11, "единадесет"), (21, "двадесет и едно"), (100, "сто"),
     (105, "сто и пет"), (120, "сто и двадесет"), (121, "сто двадесет и едно"), (1000, "хиляда"),
     (1500, "хиляда и петстотин"), (1520, "хиляда петстотин и двадесет"), (2001, "две хиляди и едно"),
     (21000, "двадесет и една хиляди"), (120500, "сто и двадесет хиляди и петстотин"),
     (1000000, "един милион"), (2000000, "два милиона"), (1120000, "един милион сто и двадесет хиляди")],
)
def test_bulgarian_numbers_in_words(number, words):
    assert bulgarian_number(number, "n") == words


def test_amounts_in_words():
    assert amount_in_words(101, "bg") == "едно евро и един цент"
    assert amount_in_words(200, "bg") == "две евро"
    assert amount_in_words(5002, "bg") == "петдесет евро и два цента"
    assert amount_in_words(5001, "en") == "fifty euro and one cent"


def test_a_damaged_image_upload_is_still_refused_after_a_certificate_was_made(pages):
    # WeasyPrint's import switches Pillow's process-wide LOAD_TRUNCATED_IMAGES on; a worker that
    # had made one certificate then took cut-short uploads as whole images.
    certificates.certificate_pdf(paid_gift(pages["bg"]), bank.organisation())
    for name, data in sample_files.malformed_images().items():
        with pytest.raises(ValidationError):
            uploads.check_image(io.BytesIO(data))
            pytest.fail(f"{name} was accepted")
